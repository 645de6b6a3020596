package detect

import "testing"

// TestInvisible: the characters the engine reads through between digits
// are Invisible (a soft hyphen, a zero-width space, a control byte), and
// those it reads as digits, letters or separators are not.
func TestInvisible(t *testing.T) {
	for _, r := range []rune{'\u00ad', '\u200b', '\u2060', '\ufeff', '\x01', '\x7f', '\u0332'} {
		if !Invisible(r) {
			t.Errorf("%U is not Invisible", r)
		}
	}
	for _, r := range []rune{'1', 'a', ' ', '\n', '-', '*', '中', '\ufffd', '１'} {
		if Invisible(r) {
			t.Errorf("%U is Invisible", r)
		}
	}
}
