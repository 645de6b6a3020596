package bodyformat

import (
	"strings"
	"testing"
)

// TestPhoneKeyNumbersOneRule: a mobile split into the numbers of an array
// under a key or name that says phone is joined by one rule whether the
// array stands in a JSON body or in a script (an object's key, an
// assigned name, an array call's name), the cut where the first ten
// digits read as a time since 1970 ({"tel":[1381234567,8]}) too; under a
// key that says nothing the same time-shaped cut stays apart in both
// (a time series' point), and so does a script's three-group cut
// (a chart's data): byte for byte.
func TestPhoneKeyNumbersOneRule(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		m := mobileNoZeroAt(r, 3, 7, 10)
		for _, arr := range []string{m[:10] + "," + m[10:], m[:3] + "," + m[3:7] + "," + m[7:]} {
			for _, c := range []struct{ body, ct string }{
				{`{"tel":[` + arr + `]}`, ctJSON},
				{`{"m":1,"mobile":[` + arr + `]}`, ctJSON},
				{`{"user":{"phone":[` + arr + `]}}`, ctJSON},
				{`var u = {"tel":[` + arr + `]};`, "application/javascript"},
				{`window.__DATA__={"mobile":[` + arr + `]}`, "application/javascript"},
				{`var tel = [` + arr + `];`, "application/javascript"},
				{`var tel = new Array(` + arr + `);`, "application/javascript"},
				{`<script>var phone = Array.of(` + arr + `);</script>`, "text/html"},
			} {
				res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
				if strings.Contains(string(res.Body), m[3:7]) || !res.Changed {
					t.Errorf("%s: not joined:\nin:  %q\nout: %q", c.ct, c.body, res.Body)
				}
			}
		}
		timeCut := m[:10] + "," + m[10:]
		for _, c := range []struct{ body, ct string }{
			{`{"m":[` + timeCut + `]}`, ctJSON},
			{`{"last":[` + timeCut + `]}`, ctJSON},
			{`var u = {"m":[` + timeCut + `]};`, "application/javascript"},
			{`window.__DATA__={"a":[` + m[:3] + "," + m[3:7] + "," + m[7:] + `]}`, "application/javascript"},
			{`var m = new Array(` + timeCut + `);`, "application/javascript"},
		} {
			res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			if res.Changed || len(res.Findings) != 0 || string(res.Body) != c.body {
				t.Errorf("%s: unkeyed changed:\nin:  %q\nout: %q", c.ct, c.body, res.Body)
			}
		}
	}
}
