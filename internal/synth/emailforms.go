package synth

import "strings"

// AtForm is a way of spelling the '@' of an e-mail address to dodge
// detection.
type AtForm int

// The e-mail spellings EmailAt produces.
const (
	AtFullWidth AtForm = iota // zhang＠example.com
	AtBracket                 // zhang[at]example.com
	AtParen                   // zhang(at)example.com
	AtChinese                 // zhang 艾特 example.com
	AtWords                   // zhang at example dot com
)

// AtForms lists every AtForm.
var AtForms = []AtForm{AtFullWidth, AtBracket, AtParen, AtChinese, AtWords}

// String names the form.
func (f AtForm) String() string {
	return [...]string{"fullwidth", "bracket", "paren", "chinese", "words"}[f]
}

// EmailAt rewrites the '@' of email in the given form; AtWords also spells
// the dots of the domain as " dot ".
func EmailAt(email string, f AtForm) string {
	local, domain, ok := strings.Cut(email, "@")
	if !ok {
		return email
	}
	switch f {
	case AtFullWidth:
		return local + "＠" + domain
	case AtBracket:
		return local + "[at]" + domain
	case AtParen:
		return local + "(at)" + domain
	case AtChinese:
		return local + " 艾特 " + domain
	default:
		return local + " at " + strings.ReplaceAll(domain, ".", " dot ")
	}
}

// EmailAtForms returns email in every AtForm, in the order of AtForms.
func EmailAtForms(email string) []string {
	out := make([]string, len(AtForms))
	for i, f := range AtForms {
		out[i] = EmailAt(email, f)
	}
	return out
}
