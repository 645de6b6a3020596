package bodyformat

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestUTF8BytesUnderLegacyLabelRead: JSON, JSON lines and an event stream
// labelled with a legacy charset (gbk, gb18030, big5, shift_jis,
// windows-1252) whose bytes are UTF-8 are read as UTF-8 too
// (labelAndUTF8: the JSON decoding path's "in the label and then as
// UTF-8"): a mobile or an ID in full-width digits, which only a UTF-8
// reader shows as digits (a GBK decoder reads other characters), is
// masked, every line stays JSON, and a clean look-alike (full-width
// counts) goes out byte for byte.
func TestUTF8BytesUnderLegacyLabelRead(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 3 {
		m := synth.CNMobile(r)
		id := synth.CNID18(r)
		for _, secret := range []struct{ doc, raw string }{
			{`{"n":"电话 ` + fullWidth(m) + `"}`, m},
			{`{"tel":"` + fullWidth(m) + `","n":"名字"}`, m},
			{`{"身份证":"` + fullWidth(id[:17]) + id[17:] + `"}`, id[:17]},
		} {
			for _, label := range []string{"gbk", "gb18030", "big5", "shift_jis", "windows-1252"} {
				for _, c := range []struct{ ct, body string }{
					{"application/json; charset=" + label, secret.doc},
					{"application/x-ndjson; charset=" + label, secret.doc + "\n" + `{"n":"名字"}` + "\n"},
					{"text/event-stream; charset=" + label, "data: " + secret.doc + "\n\n"},
				} {
					res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
					if !res.Changed || strings.Contains(string(res.Body), fullWidth(secret.raw[3:9])) || strings.Contains(string(res.Body), secret.raw) {
						t.Errorf("%s: went out:\nin:  %q\nout: %q", c.ct, c.body, res.Body)
					}
					for l := range strings.SplitSeq(string(res.Body), "\n") {
						l = strings.TrimPrefix(l, "data: ")
						if l != "" && !json.Valid([]byte(l)) {
							t.Errorf("%s: a redacted line is not JSON: %q", c.ct, l)
						}
					}
				}
			}
		}
	}
	for _, doc := range []string{
		`{"n":"订单 ` + fullWidth("12345") + `，共 ` + fullWidth("3") + ` 件"}`,
		`{"n":"编号 ` + fullWidth("2024") + `-` + fullWidth("0601") + `"}`,
	} {
		for _, label := range []string{"gbk", "gb18030", "big5"} {
			for _, c := range []struct{ ct, body string }{
				{"application/json; charset=" + label, doc},
				{"application/x-ndjson; charset=" + label, doc + "\n" + doc + "\n"},
				{"text/event-stream; charset=" + label, "data: " + doc + "\n\n"},
			} {
				res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
				if res.Changed || len(res.Findings) != 0 || string(res.Body) != c.body {
					t.Errorf("%s: clean changed:\nin:  %q\nout: %q", c.ct, c.body, res.Body)
				}
			}
		}
	}
}
