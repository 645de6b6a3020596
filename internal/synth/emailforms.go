package synth

import "strings"

// AtForm is a way of spelling the '@' of an e-mail address to dodge
// detection.
type AtForm int

// The e-mail spellings EmailAt produces.
const (
	AtFullWidth  AtForm = iota // zhang＠example.com
	AtBracket                  // zhang[at]example.com
	AtParen                    // zhang(at)example.com
	AtChinese                  // zhang 艾特 example.com
	AtWords                    // zhang at example dot com
	AtCurly                    // zhang{at}example.com
	AtSign                     // zhang[@]example.com
	AtA                        // zhang(a)example.com
	AtLenticular               // zhang【at】example.com
	AtWideParen                // zhang（at）example.com
	AtSpaced                   // zhang @ example.com
	AtHash                     // zhang#example.com: a '#' for the '@'
)

// AtForms lists every AtForm.
var AtForms = []AtForm{AtFullWidth, AtBracket, AtParen, AtChinese, AtWords, AtCurly, AtSign, AtA, AtLenticular, AtWideParen, AtSpaced, AtHash}

// String names the form.
func (f AtForm) String() string {
	return [...]string{"fullwidth", "bracket", "paren", "chinese", "words", "curly", "sign", "a", "lenticular", "wideparen", "spaced", "hash"}[f]
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
	case AtCurly:
		return local + "{at}" + domain
	case AtSign:
		return local + "[@]" + domain
	case AtA:
		return local + "(a)" + domain
	case AtLenticular:
		return local + "【at】" + domain
	case AtWideParen:
		return local + "（at）" + domain
	case AtSpaced:
		return local + " @ " + domain
	case AtHash:
		return local + "#" + domain
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
