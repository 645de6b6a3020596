package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestJSNumericKeysRead: a script literal's bare key of digits is read as
// a JSON key is ({13812345678: 1} is the key "13812345678"): found in
// every mode (also when the walk finds something else in the literal, so
// that the text reading is not made outside Redact), and masked in a
// quoted key, so that the literal keeps its syntax; in a script body and
// in a page.
func TestJSNumericKeysRead(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		m, m2 := synth.CNMobile(r), synth.CNMobile(r)
		id := synth.CNID18(r)
		for id[17] == 'X' {
			id = synth.CNID18(r)
		}
		for _, row := range []struct {
			lit     string
			secrets []string
		}{
			{`{` + m + `: 1}`, []string{m}},
			{`{` + m + `:1,x:[` + m2 + `]}`, []string{m, m2}},
			{`{1: 0, ` + m + `: {name: 'a', n: 2}}`, []string{m}},
			{`{user: {` + id + `: true}, tel: '` + m2 + `'}`, []string{id, m2}},
			{`{mobile: {` + m + `: 1}}`, []string{m}},
		} {
			for _, ct := range []string{"application/javascript", "text/html"} {
				body := "var u = " + row.lit + ";\nf(u);\n"
				if ct == "text/html" {
					body = "<script>" + body + "</script>"
				}
				res := mustInspect(t, eng, []byte(body), ct, "", Redact)
				out := string(res.Body)
				for _, s := range row.secrets {
					if strings.Contains(out, s) {
						t.Errorf("%s: %q kept:\nin:  %q\nout: %q", ct, s, body, out)
					}
				}
				// the masked literal is still one
				at := strings.Index(out, "var u = ") + len("var u = ")
				if n, ok := jsValueLen([]byte(out[at:]), nil); !ok || out[at+n] != ';' {
					t.Errorf("%s: masked literal is no literal: %q", ct, out)
				}
				assertStable(t, eng, res, ct)
				scan := mustInspect(t, eng, []byte(body), ct, "", Scan)
				if got := len(scan.Findings); got != len(row.secrets) {
					t.Errorf("%s: scan found %d, want %d: %q", ct, got, len(row.secrets), body)
				}
			}
		}
	}
}

// TestJSNumericKeysClean: literals whose keys are digits that are no
// identifier (indexes, years, timestamps, dates, HTTP codes, 11 digits
// that are no mobile) come out byte for byte.
func TestJSNumericKeysClean(t *testing.T) {
	eng := testEngine(t)
	for _, lit := range []string{
		`var a = {0: 'a', 1: 'b', 2: 'c'};`,
		`var y = {2023: [1, 2], 2024: [3, 4], 404: 'not found', 500: 'error'};`,
		`var t = {1764900000: 5, 1764900060: 7, 20241205: 'x'};`,
		`var n = {10012345678: 1, 12012345678: 2};`,
		`var s = {100000: {w: 1920, h: 1080}, 86400: 'day'};`,
	} {
		for _, ct := range []string{"application/javascript", "text/html"} {
			body := lit
			if ct == "text/html" {
				body = "<script>" + lit + "</script>"
			}
			for _, mode := range []Mode{Redact, Scan} {
				res := mustInspect(t, eng, []byte(body), ct, "", mode)
				if res.Changed || len(res.Findings) != 0 || string(res.Body) != body && mode == Redact {
					t.Errorf("clean changed (%s):\nin:  %q\nout: %q", ct, body, res.Body)
				}
			}
		}
	}
}
