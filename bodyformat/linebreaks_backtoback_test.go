package bodyformat

import (
	"bytes"
	"testing"
)

// backToBackByIndexAny is backToBack as it was, each '}' or ']' found by
// bytes.IndexAny from the byte after the last: the reference the one
// that searches each byte once is compared with.
func backToBackByIndexAny(p []byte) bool {
	for i := 0; i < len(p); {
		k := bytes.IndexAny(p[i:], "}]")
		if k < 0 {
			return false
		}
		i += k + 1
		for i < len(p) && (p[i] == ' ' || p[i] == '\t' || p[i] == 0xc2 || p[i] == 0xe2 || p[i] == 0x80) {
			i++
		}
		if i < len(p) && (p[i] == '{' || p[i] == '[') {
			return true
		}
	}
	return false
}

// TestBackToBackAsIndexAny: backToBack, which searches for '}' and ']'
// each with IndexByte and again only once past the one found, answers as
// the reference does over the corpora and random strings of closes,
// opens and what may stand between them.
func TestBackToBackAsIndexAny(t *testing.T) {
	pieces := []string{"}", "]", "{", "[", " ", "\t", "\u2028", "\u0085", "\xc2", "\xe2", "\x80", "a", "\"", "1", "}]", "] {"}
	yes, no := 0, 0
	for _, text := range gateCorpus(t, pieces, 50000) {
		got, want := backToBack(text), backToBackByIndexAny(text)
		if got != want {
			t.Fatalf("backToBack(%q) = %v, want %v", text, got, want)
		}
		if got {
			yes++
		} else {
			no++
		}
	}
	if yes < 1000 || no < 1000 {
		t.Fatalf("%d back to back, %d not: the strings do not test both answers", yes, no)
	}
}
