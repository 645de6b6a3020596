package synth

import (
	"math/rand/v2"
	"strconv"
)

// pinyin syllables used to build e-mail local parts.
var pinyin = []string{
	"zhang", "wang", "li", "zhao", "liu", "chen", "yang", "huang", "zhou", "wu",
	"xu", "sun", "ma", "zhu", "hu", "guo", "he", "lin", "luo", "gao",
	"wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "jun", "yang",
	"yong", "yan", "jie", "juan", "tao", "ming", "chao", "xia", "ping", "gang",
	"hao", "yu", "xin", "yi", "chen", "bo", "rui", "xuan", "han", "ning",
}

// EmailDomains are reserved example domains (RFC 2606 and RFC 6761), so no
// generated address can belong to anyone.
var EmailDomains = []string{
	"example.com", "example.org", "example.net", "mail.example.com",
	"corp.example", "shop.example.org", "mx.test", "users.example.net",
}

// Email returns an e-mail address with a pinyin-like local part (letters,
// digits, dots, underscores, plus tags) at a reserved example domain.
func Email(r *rand.Rand) string {
	return EmailLocal(r) + "@" + pick(r, EmailDomains)
}

// EmailLocal returns a random local part as used by Email.
func EmailLocal(r *rand.Rand) string {
	a, b := pick(r, pinyin), pick(r, pinyin)
	switch r.IntN(6) {
	case 0:
		return a + b
	case 1:
		return a + "." + b
	case 2:
		return a + "_" + b + strconv.Itoa(between(r, 1, 99))
	case 3:
		return a[:1] + b + strconv.Itoa(between(r, 1960, 2010))
	case 4:
		return a + b + "+" + pick(r, []string{"shop", "news", "work"})
	default:
		return a + strconv.Itoa(between(r, 100, 99999))
	}
}
