package bodyformat

import "unicode/utf8"

// bodyUTF8 answers whether one body is valid UTF-8 for every charset
// check that asks (sniffCJKWide, unlabelledLegacy, mojibakeShown), reading
// the body once however many ask, and not at all when none does.
type bodyUTF8 struct {
	b             []byte
	looked, valid bool
}

// utf8Of returns the answer for b, not yet looked for.
func utf8Of(b []byte) *bodyUTF8 { return &bodyUTF8{b: b} }

// whole reports whether the body is valid UTF-8 (utf8.Valid).
func (u *bodyUTF8) whole() bool {
	if !u.looked {
		u.valid, u.looked = utf8.Valid(u.b), true
	}
	return u.valid
}

// trimmed reports whether the body is valid UTF-8 but for a character cut
// off at its end (utf8.Valid of trimPartialRune): a valid body has none to
// cut, and one that has none is no more valid trimmed.
func (u *bodyUTF8) trimmed() bool {
	if u.whole() {
		return true
	}
	t := trimPartialRune(u.b)
	return len(t) < len(u.b) && utf8.Valid(t)
}
