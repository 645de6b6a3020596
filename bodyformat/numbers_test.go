package bodyformat

import (
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestNumbersReadAsShown: where a body is read as text (JSON too deep for
// the walker, NaN, YAML, plain text), a number in exponent form is read as
// the whole number a parser shows.
func TestNumbersReadAsShown(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	deep := strings.Repeat("[", 300) + strings.Repeat("]", 300)
	for range 10 {
		m := synth.CNMobile(r)
		exp := "0." + m + "e11"
		for _, c := range []struct{ body, ct string }{
			{`{"tel":` + exp + `,"p":` + deep + `}`, "application/json"},
			{`{"tel":` + exp + `,"t":NaN}`, "application/json"},
			{"tel: " + m[:1] + "." + m[1:] + "E10\n", "application/yaml"},
			{"tel " + exp, "text/plain"},
			{"const tel = 0x" + strings.ToUpper(strconv.FormatUint(mustUint(t, m), 16)) + ";", "text/javascript"},
		} {
			res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			if !hasCategory(res.Findings, detect.CNMobile) || strings.Contains(string(res.Body), m[3:]) {
				t.Errorf("%.60q: %+v", c.body, res.Findings)
			}
		}
	}
	for _, clean := range []string{"v1.2.3e10 build", "pi 3.14159265358979e0", "x 1.5e3 y", "0.1234567e2", "color 0xFFFFFF", "addr 0x7ffeefbff5c8"} {
		if res := mustInspect(t, eng, []byte(clean), "text/plain", "", Redact); res.Changed {
			t.Errorf("%q changed: %+v", clean, res.Findings)
		}
	}
}

func mustUint(t *testing.T, s string) uint64 {
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
