package synth

import (
	"math/rand/v2"
	"strings"
)

// scripts are alphabets beyond ASCII that addresses are written in
// (EAI, RFC 6531): letters of each, lower case where the script has case.
var scripts = [][]rune{
	[]rune("äöüßéèàçñøåæ"),
	[]rune("αβγδεζηθικλμνξοπρστυφχψω"),
	[]rune("абвгдежзийклмнопрстуфхцчшщыэюя"),
	[]rune("कखगघचछजझटठडढणतथदधनपफबभमयरलवशसह"),
	[]rune("用户例子邮件测试小明张伟公司网络中文"),
}

// intlWord returns n letters of one script, with ASCII letters mixed in
// for the Latin one.
func intlWord(r *rand.Rand, script []rune, n int) string {
	var b strings.Builder
	for range n {
		b.WriteRune(pick(r, script))
	}
	return b.String()
}

// EmailIntl returns an internationalised address: a local part in another
// script (or ASCII with such letters inside), at a domain in the same
// script or in ASCII, or at a punycode domain (xn--…).
func EmailIntl(r *rand.Rand) string {
	s := pick(r, scripts)
	local := intlWord(r, s, between(r, 2, 8))
	if r.IntN(3) == 0 {
		local = EmailLocal(r)[:1] + local // starts with ASCII: hans.m端ller
	}
	switch r.IntN(3) {
	case 0:
		return local + "@" + intlWord(r, s, between(r, 2, 8)) + "." + intlWord(r, s, between(r, 2, 4))
	case 1:
		return local + "@xn--" + strings.ToLower(upper(r, between(r, 4, 8))) + digits(r, 1) + ".xn--" + strings.ToLower(upper(r, 2)) + digits(r, 1) + "ai"
	}
	return local + "@" + intlWord(r, s, between(r, 2, 8)) + ".com"
}
