package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestArrayCallNumbersJoinedUnderName: the numbers an array call is given
// (new Array(138, 1234, 5678), Array.of(…)) are read by the rule of an
// assigned array of numbers: joined under a name that says phone or ID,
// in a script and in a page's <script>, alone and among statements, and
// no part of the identifier a client joining them shows goes out raw;
// under any other name, or given to another call (Uint8Array, MyArray),
// they come out byte for byte.
func TestArrayCallNumbersJoinedUnderName(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	inspectBoth := func(stmt string, check func(ct, in string, res Result)) {
		for _, body := range statementsAround(stmt) {
			for _, ct := range []string{"application/javascript", "text/html"} {
				in := body
				if ct == "text/html" {
					in = "<!doctype html><p>x</p><script>" + body + "</script>"
				}
				check(ct, in, mustInspect(t, eng, []byte(in), ct, "", Redact))
			}
		}
	}
	for range 5 {
		m := mobileNoZeroAt(r, 3, 7)
		id := synth.CNID18(r)
		for id[17] == 'X' || id[14] == '0' {
			id = synth.CNID18(r)
		}
		q := []string{id[:6], id[6:14], id[14:]}
		args := m[:3] + ", " + m[3:7] + ", " + m[7:]
		for _, c := range []struct{ stmt, secret string }{
			{"var mobile = new Array(" + args + ");", m[3:7]},
			{"let tel = Array.of(" + args + ");", m[3:7]},
			{"window.user.phone = new Array (" + args + ");", m[3:7]},
			{"obj['mobile'] = Array(" + args + ");", m[3:7]},
			{"var mobile = /* v2 */ new Array(" + args + ");", m[3:7]},
			{"var sfz = new Array(" + q[0] + "," + q[1] + "," + q[2] + ");", id[6:14]},
			{"var idCard = Array.of(" + q[0] + "," + q[1] + "," + q[2] + ");", id[6:14]},
		} {
			inspectBoth(c.stmt, func(ct, in string, res Result) {
				if strings.Contains(string(res.Body), c.secret) || !res.Changed {
					t.Errorf("%s: not joined:\nin:  %q\nout: %q", ct, in, res.Body)
				}
			})
		}
		for _, clean := range []string{
			"var sizes = new Array(" + args + ");",
			"var m = Array.of(" + args + ");",
			"window.__DATA__ = new Array(150, 2304, 1800);",
			"var mobile = new Uint8Array(" + args + ");",
			"var mobile = MyArray(" + args + ");",
			"var mobile = new Array(3);",
			"var mobile = new Array(" + args + ").fill(0);",
			"var data = new Array(" + q[0] + "," + q[1] + "," + q[2] + ");",
		} {
			inspectBoth(clean, func(ct, in string, res Result) {
				if res.Changed || len(res.Findings) != 0 || string(res.Body) != in {
					t.Errorf("%s: clean changed:\nin:  %q\nout: %q", ct, in, res.Body)
				}
			})
		}
	}
}

// TestScriptObjectNumbersJoinedUnderKey: an object a script assigns
// (window.__DATA__ = {…}) whose array of numbers stands under a key that
// says phone or ID has them joined, whatever the name it is assigned to;
// under any other key ({"a": […]}) they are a chart's data and come out
// byte for byte (docs/threat-model.md: not read).
func TestScriptObjectNumbersJoinedUnderKey(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		m := mobileNoZeroAt(r, 3, 7)
		id := synth.CNID18(r)
		for id[17] == 'X' || id[14] == '0' {
			id = synth.CNID18(r)
		}
		q := []string{id[:6], id[6:14], id[14:]}
		arr := "[" + m[:3] + "," + m[3:7] + "," + m[7:] + "]"
		ids := "[" + q[0] + "," + q[1] + "," + q[2] + "]"
		for _, c := range []struct{ stmt, secret string }{
			{`window.__DATA__={"tel":` + arr + `}`, m[3:7]},
			{`window.__DATA__={"mobile":` + arr + `};`, m[3:7]},
			{`window.__DATA__ = {"user": {"phone": ` + arr + `}};`, m[3:7]},
			{`window.__DATA__={"sfz":` + ids + `}`, id[6:14]},
			{`window.__DATA__={"idcard":` + ids + `}`, id[6:14]},
			{`window.__DATA__={"身份证":` + ids + `}`, id[6:14]},
			{`window.__DATA__={tel: ` + arr + `, n: 1}`, m[3:7]},
		} {
			for _, body := range statementsAround(c.stmt) {
				res := mustInspect(t, eng, []byte(body), "application/javascript", "", Redact)
				if strings.Contains(string(res.Body), c.secret) {
					t.Errorf("not joined:\nin:  %q\nout: %q", body, res.Body)
				}
			}
		}
		for _, clean := range []string{
			`window.__DATA__={"a":` + arr + `}`,
			`window.__DATA__={"a":` + ids + `}`,
			`window.__DATA__ = {"series": [150,2304,1800], "m": ` + arr + `};`,
		} {
			for _, body := range statementsAround(clean) {
				res := mustInspect(t, eng, []byte(body), "application/javascript", "", Redact)
				if res.Changed || len(res.Findings) != 0 {
					t.Errorf("clean changed:\nin:  %q\nout: %q", body, res.Body)
				}
			}
		}
	}
}
