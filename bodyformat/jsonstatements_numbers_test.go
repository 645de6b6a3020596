package bodyformat

import (
	"strings"
	"testing"
)

// TestAssignedNumbersReadAsAmongStatements: an array of numbers assigned
// in a script is read by one rule whether the assignment is the whole
// script (the wrapper reading) or one statement among others (the
// statements reading): its numbers join under a name that says phone or
// ID (var mobile = …, window.user.phone = …, obj['tel'] = …, a comment
// between "=" and the array too) or under
// such a key, and stay apart under any other name (var data = …, var m
// = …): a chart's [150, 2304, 1800] spells a mobile as often as random
// digits do. Clean scripts come out byte for byte.
func TestAssignedNumbersReadAsAmongStatements(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		m := mobileNoZeroAt(r, 3, 7)
		arr := "[" + m[:3] + ", " + m[3:7] + ", " + m[7:] + "]"
		for _, named := range []string{
			"var mobile = " + arr + ";",
			"let tel=" + arr,
			"window.user.phone = " + arr + ";",
			"obj['mobile'] = " + arr + ";",
			`obj["tel"] = ` + arr + ";",
			"var u = {mobile: " + arr + "};",
			`var u = {"tel": ` + arr + "};",
			"var mobile = /* v2 */ " + arr + ";",
		} {
			for _, body := range statementsAround(named) {
				for _, ct := range []string{"application/javascript", "text/html"} {
					in := body
					if ct == "text/html" {
						in = "<script>" + body + "</script>"
					}
					res := mustInspect(t, eng, []byte(in), ct, "", Redact)
					if strings.Contains(string(res.Body), m[3:7]) {
						t.Errorf("%s: not joined:\nin:  %q\nout: %q", ct, in, res.Body)
					}
				}
			}
		}
	}
	for _, clean := range []string{
		"var data = [150, 2304, 1800];",
		"var m = [139, 1024, 2048];",
		"window.__DATA__ = [186, 1234, 5678];",
		"obj['sizes'] = [150, 2304, 1800];",
		`var data = {"a": [150, 2304, 1800]};`,
		"var chart = {data: [150, 2304, 1800]};",
		"var data = /* v2 */ [150, 2304, 1800];",
	} {
		for _, body := range statementsAround(clean) {
			for _, ct := range []string{"application/javascript", "text/html"} {
				in := body
				if ct == "text/html" {
					in = "<script>" + body + "</script>"
				}
				res := mustInspect(t, eng, []byte(in), ct, "", Redact)
				if res.Changed || len(res.Findings) != 0 {
					t.Errorf("%s: clean changed:\nin:  %q\nout: %q", ct, in, res.Body)
				}
			}
		}
	}
}

// statementsAround returns stmt alone and among other statements.
func statementsAround(stmt string) []string {
	return []string{
		stmt,
		"var a = 1;\n" + stmt + "\nf(a);\n",
		"function g() { " + stmt + " return 0; }",
	}
}
