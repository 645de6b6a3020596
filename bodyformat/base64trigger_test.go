package bodyformat

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestBase64TriggerCoversTokens: read calls readBase64 only for a piece
// with trigBase64 set, so readBase64 must find nothing where it is unset.
// The automaton sets it for a run as long as a token of mixed alphabets
// (as every segment, piece and stripped token readBase64 decodes is: a run
// of digits alone, a domain name are no base64 it reads), counted across
// the white space base64Token joins pieces across: the base64 of an
// identifier in groups of any width, its first group without a digit
// (MTcy MDE1 NjMz MzA=, which the trigger once missed), the corpora with
// and without their letters, and random strings of digits, base64's marks,
// white space and CJK. The gate holds back many of them and lets through
// many that readBase64 finds something in.
func TestBase64TriggerCoversTokens(t *testing.T) {
	eng := testEngine(t)
	pieces := []string{"0", "1", "3", "8", "13812345678", "110105199001011234", "+", "/", "=", "==", "-", "_", ".", " ", "\n", "\t", "*",
		"手机", "１３８", "一三八", "、", "\xff", "&#49;", "%31", "MTcy", "Hello", "ABcd", "dGVs"}
	texts := gateCorpus(t, pieces, 20000)
	r := rng(t.Name())
	for range 4000 {
		pre := []string{"", "手机", "tel:", "Tel ", "ABC", "Call me on ", "身份证"}[r.IntN(7)]
		id := synth.CNMobile(r)
		if r.IntN(2) == 0 {
			id = synth.CNID18(r)
		}
		enc := base64.StdEncoding.EncodeToString([]byte(pre + id))
		if r.IntN(2) == 0 {
			enc = base64.RawURLEncoding.EncodeToString([]byte(pre + id))
		}
		w := 4 + r.IntN(8)
		var parts []string
		for i := 0; i < len(enc); i += w {
			parts = append(parts, enc[i:min(i+w, len(enc))])
		}
		sep := []string{" ", "\n", "\t", " *", "\r\n"}[r.IntN(5)]
		texts = append(texts, []byte(strings.Join(parts, sep)), []byte("x "+strings.Join(parts, sep)+" y"))
	}
	held, found := 0, 0
	for _, text := range texts {
		noLetters := bytes.Map(func(r rune) rune {
			if r < 0x80 && (r|0x20 >= 'a' && r|0x20 <= 'z') {
				return -1
			}
			return r
		}, text)
		for _, b := range [][]byte{text, noLetters} {
			in := &inspector{eng: eng, mode: Redact, lim: Limits{}.withDefaults()}
			fs := in.readBase64(b, 0, allSamples)
			if triggers(b)&trigBase64 != 0 {
				if len(fs) > 0 {
					found++
				}
				continue
			}
			held++
			if len(fs) > 0 {
				t.Fatalf("readBase64 found %v in %q, for which trigBase64 is unset", fs, b)
			}
		}
	}
	t.Logf("held back %d, let through %d with findings", held, found)
	if held < 10000 || found < 2000 {
		t.Fatalf("the gate held back %d pieces and let %d with findings through: the corpus does not test it", held, found)
	}
	// and through read and Inspect: a mobile's base64 in groups of four
	// whose first group has no digit is found and masked whole
	enc := base64.StdEncoding.EncodeToString([]byte("17201563330"))
	grouped := enc[:4] + " " + enc[4:8] + " " + enc[8:12] + " " + enc[12:]
	if strings.ContainsAny(grouped[:4], "0123456789") {
		t.Fatalf("%q: the first group holds a digit, not the case tested", grouped)
	}
	res, err := Inspect(eng, []byte(`{"x":"`+grouped+`"}`), ctJSON, "", Redact, Limits{})
	if err != nil || len(res.Findings) == 0 || bytes.Contains(res.Body, []byte(enc[4:8])) {
		t.Fatalf("%q: %d findings, body %s, error %v", grouped, len(res.Findings), res.Body, err)
	}
	// a run of digits beside a word, a domain name, a long word are of
	// no mixed alphabets: no trigBase64
	for _, s := range []string{"Invoice 2024021116551008001 is due", "huang.gao@users.example.net", "internationalization"} {
		if trig := triggers([]byte(s)); trig&trigBase64 != 0 {
			t.Fatalf("%q sets trigBase64: %b", s, trig)
		}
	}
}
