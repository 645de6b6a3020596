package bodyformat

import (
	"bytes"
	"encoding/base64"
	"testing"
)

// TestReadBase64NeedsLetter: read skips readBase64 for a piece without
// an ASCII letter (trigLetter), since every token, segment, piece and
// stripped token it decodes must be of mixed alphabets, which takes a
// letter. The gate is exact: over the corpora with their letters
// dropped, the base64 of digits and text with its letters dropped, and
// random strings of digits, base64's marks, white space and CJK,
// readBase64 finds nothing wherever the gate holds it back, and the
// gated read finds what the ungated one does.
func TestReadBase64NeedsLetter(t *testing.T) {
	eng := testEngine(t)
	pieces := []string{"0", "1", "3", "8", "13812345678", "110105199001011234", "+", "/", "=", "==", "-", "_", ".", " ", "\n", "\t", "*",
		"手机", "１３８", "一三八", "、", "\xff", "&#49;", "%31"}
	texts := gateCorpus(t, pieces, 20000)
	for _, s := range []string{"13812345678", "手机 13812345678", "110105199001011234", `{"phone":"13812345678"}`} {
		enc := []byte(base64.StdEncoding.EncodeToString([]byte(s)))
		texts = append(texts, enc, []byte(base64.RawURLEncoding.EncodeToString([]byte(s))))
	}
	held, read := 0, 0
	for _, text := range texts {
		noLetters := bytes.Map(func(r rune) rune {
			if r < 0x80 && (r|0x20 >= 'a' && r|0x20 <= 'z') {
				return -1
			}
			return r
		}, text)
		for _, b := range [][]byte{text, noLetters} {
			trig := triggers(b)
			if trig&trigBase64 == 0 {
				continue
			}
			in := &inspector{eng: eng, mode: Redact, lim: Limits{}.withDefaults()}
			fs := in.readBase64(b, 0, allSamples)
			if trig&trigLetter != 0 {
				read++
				continue
			}
			held++
			if len(fs) > 0 {
				t.Fatalf("readBase64 found %v in %q, which has no ASCII letter", fs, b)
			}
		}
	}
	t.Logf("held back %d, read %d", held, read)
	if held < 1000 || read < 100 {
		t.Fatalf("the gate held back %d pieces and let %d through: the corpus does not test it", held, read)
	}
	// and a token with letters is still read: the gate lets it through
	in := &inspector{eng: eng, mode: Redact, lim: Limits{}.withDefaults()}
	tok := []byte("x " + base64.StdEncoding.EncodeToString([]byte("手机 13812345678")))
	if fs := in.read(tok, 0); len(fs) == 0 {
		t.Fatalf("the base64 of a mobile %q: nothing found", tok)
	}
}
