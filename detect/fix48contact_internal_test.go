package detect

import "testing"

// TestNotNamesLatinList checks notnameslatin.txt as data: words of lower
// case ASCII letters (a segment is compared in lower case), and every
// one, in any case, refused as a contact segment's name.
func TestNotNamesLatinList(t *testing.T) {
	for _, w := range readWords("notnameslatin.txt") {
		for i := 0; i < len(w); i++ {
			if w[i] < 'a' || w[i] > 'z' {
				t.Errorf("notnameslatin.txt: %q is not a word of lower case letters", w)
				break
			}
		}
		up := []byte(w)
		up[0] -= 'a' - 'A'
		for _, v := range []string{w, string(up)} {
			text := []byte(v + "，13912345678")
			s := &scanner{e: MustCompile(Policy{}), text: text}
			if s.segmentName(0, len(v)) {
				t.Errorf("notnameslatin.txt: %q is taken for a contact segment's name", v)
			}
		}
	}
}
