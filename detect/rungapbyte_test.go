package detect

import "testing"

// TestRunGapByte holds collect's shortcut for one separator byte before a
// plain digit to its uSep case: every byte runGapByte marks decodes alone
// (decodeUnit, no character reference, no check X look-alike) as a
// separator of one byte that is its own ASCII twin, and is no tab or line
// break, so the uSep case starts a group with it and steps one byte, as
// the shortcut does; and every such separator byte is marked.
func TestRunGapByte(t *testing.T) {
	for b := 0; b < 256; b++ {
		text := []byte{byte(b), '7'}
		u := decodeUnit(text, 0)
		want := b < 0x80 && b != '&' && u.kind == uSep && u.size == 1 && u.val == byte(b) && b != '\t' && b != '\n' && b != '\r'
		if runGapByte[b] != want {
			t.Errorf("runGapByte[%q] = %v, want %v (decodeUnit %+v)", rune(b), runGapByte[b], want, u)
		}
		if runGapByte[b] && !digitAt(text, 1) {
			t.Errorf("%q: the digit after it is not read as one", text)
		}
	}
	for _, b := range []byte(" -./") {
		if !runGapByte[b] {
			t.Errorf("runGapByte[%q] is false: the common gaps take the slow path", b)
		}
	}
}
