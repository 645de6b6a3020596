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

// EmailNoDomain returns what has an '@' but no e-mail domain: a host
// without a top-level domain (root@localhost, admin@nas) or a single
// letter on each side (a@b).
func EmailNoDomain(r *rand.Rand) string {
	switch r.IntN(3) {
	case 0:
		return pick(r, []string{"root", "admin", "user", "postgres", "pi"}) + "@localhost"
	case 1:
		return EmailLocal(r) + "@" + pick(r, []string{"nas", "router", "server01", "devbox", "intranet"})
	}
	return string(rune('a'+r.IntN(26))) + "@" + string(rune('a'+r.IntN(26)))
}

// ImageAtScale returns an image file name with a display-density suffix
// (icon@2x.png, logo_dark@3x.webp): an '@', a dot and letters, but a
// file extension, never a top-level domain.
func ImageAtScale(r *rand.Rand) string {
	base := pick(r, []string{"icon", "logo", "avatar", "banner", "btn_close", "arrow_left", "tab_home", "splash"})
	if r.IntN(3) == 0 {
		base += "_" + pick(r, []string{"dark", "light", "active", "small"})
	}
	return base + "@" + digitFrom(r, "23") + "x." + pick(r, []string{"png", "jpg", "jpeg", "gif", "webp", "svg"})
}

// Mention returns a social-media mention, '@' and a handle of letters,
// digits and '_': @zhangwei88, @li_na.
func Mention(r *rand.Rand) string {
	h := pick(r, pinyin) + pick(r, []string{"", "_"}) + pick(r, pinyin)
	if r.IntN(2) == 0 {
		h += strconv.Itoa(between(r, 1, 2024))
	}
	return "@" + h
}

// PackageAtVersion returns a package pinned to its version as package
// managers write it (vue@3.4.21, lodash@4.17.21): a numeric "domain".
func PackageAtVersion(r *rand.Rand) string {
	name := pick(r, []string{"vue", "react", "lodash", "axios", "typescript", "webpack", "eslint", "@types/node"})
	return name + "@" + strconv.Itoa(between(r, 0, 20)) + "." + strconv.Itoa(between(r, 0, 30)) + "." + strconv.Itoa(between(r, 0, 40))
}
