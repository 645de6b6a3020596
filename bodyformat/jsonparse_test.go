package bodyformat

import (
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestJSONParseLiteralsRead: the JSON document a string literal passed to
// JSON.parse holds is walked as JSON (members joined under a phone or ID
// key, an array's numbers joined) whether the call has a reviver
// (JSON.parse('…', null), JSON.parse('…', function (k, v) {…})), is the
// second call of a script, or follows a statement holding a document.
func TestJSONParseLiteralsRead(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		m := mobileNoZeroAt(r, 3, 7)
		id := synth.CNID18X(r)
		arr := `{"m":[` + m[:3] + `,` + m[3:7] + `,` + m[7:] + `]}`
		tels := `{"tel1":"` + m[:3] + `","tel2":"` + m[3:7] + `","tel3":"` + m[7:] + `"}`
		idx := `{"idcard":"` + id[:17] + `","check":"✕"}`
		for _, c := range []struct{ ct, body, secret string }{
			{"application/javascript", `var d = JSON.parse('` + arr + `', null)`, "," + m[3:7] + ","},
			{"application/javascript", `var d = JSON.parse('` + tels + `', function (k, v) { return v })`, `"` + m[3:7] + `"`},
			{"application/javascript", `var d = JSON.parse("` + strings.ReplaceAll(idx, `"`, `\"`) + `", rev);`, id[6:14]},
			{"application/javascript", `var a = JSON.parse('{"x":1}'); var b = JSON.parse('` + tels + `');`, `"` + m[3:7] + `"`},
			{"application/javascript", `var a = JSON.parse('{"x":1}'); var b = JSON.parse('` + arr + `');`, "," + m[3:7] + ","},
			{"application/javascript", `var a = JSON.parse('{"x":1}', r); var b = JSON.parse('` + idx + `', r);`, id[6:14]},
			{"application/javascript", `var a = ` + tels + `; var b = JSON.parse('{"x":1}');`, `"` + m[3:7] + `"`},
			{"text/html", `<script>var a = JSON.parse('{"x":1}'); var b = JSON.parse('` + tels + `');</script>`, `"` + m[3:7] + `"`},
		} {
			res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			if !res.Changed || strings.Contains(string(res.Body), c.secret) {
				t.Errorf("%s: leaks:\nin:  %q\nout: %q", c.ct, c.body, res.Body)
			}
			assertStable(t, eng, res, c.ct)
		}
	}
	for _, clean := range []string{
		`var a = JSON.parse('{"ports":[8080,443]}', null); var b = JSON.parse('[1,2,3]');`,
		`var a = JSON.parse('{"x":1}'); var b = JSON.parse('{"size":[1920,1080],"id":"825"}', function (k, v) { return v });`,
		`var cfg = JSON.parse(s, reviver); var o = JSON.parse('{"a":"b"}');`,
	} {
		if res := mustInspect(t, eng, []byte(clean), "application/javascript", "", Redact); res.Changed {
			t.Errorf("clean changed:\nin:  %q\nout: %q", clean, res.Body)
		}
	}
}

// TestJSONParseOfAStringRead: a JSON.parse('…') literal whose document is
// a JSON string (JSON.parse("\"\\u0031\\u0033…\""), the way a server
// embeds one escaped value) is decoded twice, as the script and then
// JSON.parse decode it, and read, as one holding an object or an array
// is (before, the text readings decoded it once and passed the digits
// JSON.parse gives the script: attack pass 32, F9).
func TestJSONParseOfAStringRead(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		var b strings.Builder
		for _, c := range m {
			fmt.Fprintf(&b, `\\u00%x`, c)
		}
		for _, body := range []string{
			`var tel = JSON.parse("\"` + b.String() + `\"");`,
			`var tel = JSON.parse('"` + b.String() + `"');`,
			`var doc = JSON.parse('{"a":"` + b.String() + `"}');`, // the control: masked
		} {
			res := mustInspect(t, eng, []byte(body), "application/javascript", "", Redact)
			if !res.Changed || !strings.Contains(string(res.Body), m[:3]+"****"+m[7:]) {
				t.Errorf("passes: %s -> %s", body, res.Body)
			}
		}
	}
	// a string document that holds nothing is kept as it is
	for _, body := range []string{`var s = JSON.parse('"hello \\u0077orld"');`, `var s = JSON.parse("\"2026-12-06\"");`} {
		if res := mustInspect(t, eng, []byte(body), "application/javascript", "", Redact); res.Changed {
			t.Errorf("%s altered: %s", body, res.Body)
		}
	}
}
