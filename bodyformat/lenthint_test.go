package bodyformat

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestEnclosingKeyHint: a value under a key naming nothing is read under
// the key of the object around it ({"phone": {"value": …}}, an array's
// objects under "phones"), and an XML element's text under its name, id
// or label attribute (<field name="phone">): the groups of a mobile split
// by tabs, bars or line breaks are joined. Under keys and attributes
// that name nothing the data rule stays: the same groups are kept.
func TestEnclosingKeyHint(t *testing.T) {
	eng := testEngine(t)
	rng := rand.New(rand.NewPCG(42, 50))
	for _, sep := range []string{"\t", "|", "\n"} {
		m := synth.CNMobile(rng)
		v := m[:3] + sep + m[3:7] + sep + m[7:]
		j := jsonEscape(v)
		for _, tc := range []struct{ body, ct string }{
			{`{"phone":{"value":"` + j + `"}}`, "application/json"},
			{`{"mobile":{"type":"home","number":"` + j + `"}}`, "application/json"},
			{`{"phones":[{"n":"1"},{"n":"` + j + `"}]}`, "application/json"},
			{`{"tel":[[{"v":"` + j + `"}]]}`, "application/json"},
			{`<r><field name="phone">` + v + `</field></r>`, "application/xml"},
			{`<r><value id="mobile" type="x">` + v + `</value></r>`, "application/xml"},
			{`<r><item label="tel">` + v + `</item></r>`, "application/xml"},
		} {
			res, err := Inspect(eng, []byte(tc.body), tc.ct, "", Redact, Limits{})
			if err == nil && (!res.Changed || strings.Contains(string(res.Body), m[3:7])) {
				t.Errorf("%q sent as %q", tc.body, res.Body)
			}
		}
		for _, tc := range []struct{ body, ct string }{
			{`{"data":{"value":"` + j + `"}}`, "application/json"},
			{`{"rows":[{"n":"` + j + `"}]}`, "application/json"},
			{`<r><field name="note">` + v + `</field></r>`, "application/xml"},
			{`<r><field>` + v + `</field></r>`, "application/xml"},
		} {
			if res, err := Inspect(eng, []byte(tc.body), tc.ct, "", Redact, Limits{}); err != nil || res.Changed {
				t.Errorf("%q altered: %q %v", tc.body, res.Body, err)
			}
		}
	}
}
