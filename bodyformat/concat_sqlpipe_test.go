package bodyformat

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestSQLPipeConcatJoined: SQL's '138' || '12345678' (Postgres, Oracle,
// SQLite) is one string to the database, as "138" + "12345678" is to a
// script (attack54a F7): the concat reading joins the literals around one
// '||' and the mobile goes out masked; a condition's || between
// comparisons and literals that are no identifier are kept byte for byte.
func TestSQLPipeConcatJoined(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(54, 15))
	for range 4 {
		m := synth.CNMobile(r)
		for _, in := range []string{
			"SELECT '" + m[:3] + "' || '" + m[3:] + "' AS tel;\n",
			"UPDATE u SET tel = '" + m[:3] + "'||'" + m[3:7] + "' || '" + m[7:] + "';\n",
			"INSERT INTO u VALUES ('" + m[:5] + "' /* x */ || '" + m[5:] + "');\n",
		} {
			for _, ct := range []string{"application/sql", "text/plain"} {
				res := mustInspect(t, eng, []byte(in), ct, "", Redact)
				if strings.Contains(string(res.Body), m[3:]) || strings.Contains(string(res.Body), m[5:]) || !res.Changed {
					t.Errorf("%s: %q went out raw: %q", ct, in, res.Body)
				}
			}
		}
		for _, in := range []string{
			"if (a == '" + m[:3] + "' || b == '" + m[3:] + "') {}\n",
			"SELECT 'a' || 'b' || 'c';\n",
			"SELECT '138' ||| '12345678';\n",
		} {
			if res := mustInspect(t, eng, []byte(in), "text/plain", "", Redact); string(res.Body) != in {
				t.Errorf("%q changed: %q", in, res.Body)
			}
		}
	}
}
