package bodyformat

import (
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestNulPatternUnderSingleByteLabel: a JSON reader given the
// body's bytes (Python's json.loads(request.body) in Django,
// request.get_json() in Flask, Jackson's readValue(byte[])) picks UTF-16
// or UTF-32 by the NUL pattern of the first four bytes, whatever charset
// the Content-Type names. Labelled iso-8859-1, us-ascii, windows-1252 or
// gbk, a UTF-16LE document with a full-width mobile was read only as
// Latin-1 (ÿ after each control byte) and passed; it is read in UTF-16LE
// as well, as it is unlabelled, and masked there over whole code units:
// the body keeps its length and reads as UTF-16LE with no digit of the
// mobile left.
func TestNulPatternUnderSingleByteLabel(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		var fw strings.Builder
		for _, c := range m {
			fw.WriteRune(c - '0' + '０')
		}
		var body []byte
		for _, u := range utf16.Encode([]rune(`{"note":"` + fw.String() + `"}`)) {
			body = append(body, byte(u), byte(u>>8))
		}
		if res := mustInspect(t, eng, body, "application/json", "", Redact); !res.Changed {
			t.Fatalf("unlabelled: not masked (the control fails)")
		}
		for _, ct := range []string{"application/json; charset=iso-8859-1", "application/json; charset=us-ascii", "application/json; charset=windows-1252", "application/json; charset=gbk"} {
			res := mustInspect(t, eng, body, ct, "", Redact)
			if !res.Changed {
				t.Errorf("%s: a UTF-16LE document a JSON reader decodes passes a full-width mobile", ct)
				continue
			}
			if len(res.Body) != len(body) {
				t.Errorf("%s: %d bytes out of %d", ct, len(res.Body), len(body))
				continue
			}
			u := make([]uint16, len(res.Body)/2)
			for i := range u {
				u[i] = uint16(res.Body[2*i]) | uint16(res.Body[2*i+1])<<8
			}
			if out := string(utf16.Decode(u)); strings.Contains(out, fw.String()) || !strings.HasPrefix(out, `{"note":"`) || !strings.HasSuffix(out, `"}`) {
				t.Errorf("%s: reads %q in UTF-16LE", ct, out)
			}
		}
	}
}
