package detect

import "testing"

// TestASCIILabelLensKeepEveryLabel checks englishLabel's length filter
// lets every English label through, whichever case its first letter is
// written in.
func TestASCIILabelLensKeepEveryLabel(t *testing.T) {
	for _, bucket := range labels.ascii {
		for _, lw := range bucket {
			c := lw.word[0]
			for _, b := range []byte{c, c &^ asciiLowerBit(c^0x20)} {
				if asciiLabelLens[b]&lenBit(len(lw.word)) == 0 {
					t.Errorf("label %q: length %d not marked for %q", lw.word, len(lw.word), b)
				}
			}
		}
	}
}
