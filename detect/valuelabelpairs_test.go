package detect

import (
	"bytes"
	"testing"
)

// TestValueLabelPairsKeepEveryLabel checks the filter of last two bytes
// lets every value label through, in lower and upper case, and still
// answers a word that ends in a label's last letter alone.
func TestValueLabelPairsKeepEveryLabel(t *testing.T) {
	for _, lws := range valueLabelsASCII {
		for _, lw := range lws {
			for _, w := range [][]byte{lw.word, bytes.ToUpper(lw.word)} {
				text := append([]byte("见 "), w...)
				if got, ok := valueLabelEndingAt(text, len(text)); !ok || len(got.word) < len(lw.word) {
					t.Errorf("label %q not found at the end of %q", lw.word, text)
				}
			}
		}
	}
	for _, s := range []string{"the price", "was shown", "see 12"} {
		if _, ok := valueLabelEndingAt([]byte(s), len(s)); ok {
			t.Errorf("%q: a value label found", s)
		}
	}
}
