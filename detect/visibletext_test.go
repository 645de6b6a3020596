package detect

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// visibleTextReference is visibleText without its byte-table fast path:
// every unit decoded, the invisible ones left out.
func visibleTextReference(text []byte, start, end int) []byte {
	var out []byte
	for pos := start; pos < end; {
		u := decodeUnit(text, pos)
		if u.kind != uIgnore {
			out = append(out, text[pos:min(pos+u.size, len(text))]...)
		}
		pos += u.size
	}
	return out
}

// TestVisibleTextSameAsReference compares visibleText with the reference
// on spans of text made of Han characters, digits, invisible characters
// (zero-width, soft hyphen, BOM, NUL, a character reference to one),
// character references, four-byte characters and broken UTF-8, cut at
// every place, a character's middle included.
func TestVisibleTextSameAsReference(t *testing.T) {
	pieces := []string{"北京", "市", "朝阳区", "88", "号", "A", " ", "\u3000", "\u200b", "\u00ad", "\ufeff", "\x00",
		"&#8203;", "&#49;", "&amp;", "&", "😀", "\xe5", "\xe5\x8c", "\xff", "\xc2", "-", "（", "）", "·"}
	s := &scanner{}
	r := rand.New(rand.NewPCG(9, 9))
	for i := 0; i < 20000; i++ {
		var b []byte
		for n := r.IntN(12); n > 0; n-- {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		s.text = b
		for start := 0; start <= len(b); start++ {
			for end := start; end <= len(b); end++ {
				want := visibleTextReference(b, start, end)
				if got := s.visibleText(start, end); !bytes.Equal(got, want) {
					t.Fatalf("visibleText(%q, %d, %d) = %q, the reference %q", b, start, end, got, want)
				}
			}
		}
	}
}
