package detect

import "unicode/utf8"

// A '+' glued on its left to a word or to a form's '=' or '&' is no
// calling code to the receiver: in a URL-encoded form or a query string
// it is a space (x=+13080850130 is "x= 13080850130"), and in text a
// reader passes over it to the number it joins to a word
// (a@b.com+19960422476). When the digits after such a '+' are no
// international number they are still read as a mainland mobile, and so
// are they when the phone category is off: 1[3-9]x and 8 digits after a
// '+' are always a +1 number too (x=+13812345678), which a policy of the
// Chinese categories alone would let through.

// plusJoined reports whether the '+' right before the run starting at
// text[start] (possibly behind invisible characters) is glued on its
// left to a letter, a digit, a Han character (电话+13080850130), '=' or '&'.
func plusJoined(text []byte, start int) bool {
	_, at, ok := unitBeforeSkipping(text, start) // the '+'
	if !ok {
		return false
	}
	v, vat, ok := unitBeforeSkipping(text, at)
	if !ok {
		return false
	}
	if v.kind == uOther && text[vat] >= utf8.RuneSelf {
		r, _ := utf8.DecodeRune(text[vat:])
		return isHan(r)
	}
	return isWordUnit(v) || v.kind == uOther && (v.val == '=' || v.val == '&')
}

// phoneReadsPlus reports whether the phone category is enabled: only then
// is an international reading of the digits after a glued '+' taken over
// the mainland mobile they also are.
func (s *scanner) phoneReadsPlus() bool { return s.e.enabled.Has(Phone) }
