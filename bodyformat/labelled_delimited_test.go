package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestHintedValueDelimited: a value whose form field or JSON key names a
// category is read as a label's value is: its groups joined across a
// tab, a line break or a bar (decodeDelimitedLabelled), as the same text
// after its label in plain text is. A field named for nothing keeps the
// rule for data (a TSV row of three numbers is no mobile).
func TestHintedValueDelimited(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	m := synth.CNMobile(r)
	id := synth.CNID18(r)
	for _, sep := range []string{"\t", "|", "\r\n", "\n"} {
		tel := m[:3] + sep + m[3:7] + sep + m[7:]
		idv := id[:6] + sep + id[6:]
		for _, c := range []struct{ body, ct string }{
			{"a=1&mobile=" + strings.ReplaceAll(tel, "\n", "%0A"), "application/x-www-form-urlencoded"},
			{"a=1&sfzh=" + strings.ReplaceAll(idv, "\r", "%0D"), "application/x-www-form-urlencoded"},
			{`{"phone": "` + jsonEscape(tel) + `"}`, "application/json"},
			{`{"idcard": "` + jsonEscape(idv) + `"}`, "application/json"},
		} {
			res, err := Inspect(eng, []byte(c.body), c.ct, "", Redact, Limits{})
			if err != nil || !res.Changed {
				t.Errorf("%q (%s): passes (%v)", c.body, c.ct, err)
				continue
			}
			if strings.Contains(string(res.Body), m[3:7]) || strings.Contains(string(res.Body), id[6:14]) {
				t.Errorf("%q (%s): shown in %q", c.body, c.ct, res.Body)
			}
		}
		// a field named for no category: data, read as the text rule reads it
		plain := "a=1&qty=" + strings.ReplaceAll(tel, "\n", "%0A")
		if res, err := Inspect(eng, []byte(plain), "application/x-www-form-urlencoded", "", Redact, Limits{}); err != nil || res.Changed {
			t.Errorf("%q: changed %v (%v), a field named for nothing", plain, res.Changed, err)
		}
	}
}

// jsonEscape writes s's tab and line breaks as JSON escapes.
func jsonEscape(s string) string {
	return strings.NewReplacer("\t", `\t`, "\r", `\r`, "\n", `\n`).Replace(s)
}
