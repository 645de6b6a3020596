package bodyformat

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A QQ number has five digits or more: under a key naming QQ, a string or
// number that short is read and redacted, in JSON and in forms; under
// other keys it is still too short to be read.
func TestShortQQUnderItsKey(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(29, 5))
	for range 20 {
		qq := fmt.Sprintf("%d%04d", 1+r.IntN(9), r.IntN(10000))
		for _, c := range []struct {
			body, ctype string
			want        bool
		}{
			{`{"qq":"` + qq + `"}`, "application/json", true},
			{`{"qqNumber":` + qq + `}`, "application/json", true},
			{"qq=" + qq + "&x=1", "application/x-www-form-urlencoded", true},
			{`{"count":` + qq + `,"code":"` + qq + `"}`, "application/json", false},
			{"code=" + qq, "application/x-www-form-urlencoded", false},
		} {
			res, err := Inspect(eng, []byte(c.body), c.ctype, "", Redact, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			found := len(res.Findings) == 1 && res.Findings[0].Category == detect.QQ
			if found != c.want || found == strings.Contains(string(res.Body), qq) {
				t.Errorf("%s: findings %v, body %s", c.body, res.Findings, res.Body)
			}
		}
	}
}
