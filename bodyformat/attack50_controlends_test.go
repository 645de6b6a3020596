package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack50ControlEndsGroupedDigits: the control-ends reading
// (decodeControlEnds, splitsRun) sets a value apart only where a run of
// minSplitRun digits touches the control. A mobile written in groups
// (138 0013 8000, 138-0013-8000, 1550 7350886) touches it with 4 digits
// or 3, and an invisible character (U+200B, a soft hyphen) between the
// control and the mobile hides the run from it: the engine glues the
// digit on the other side through the control into one longer number,
// and a C string, a column of C strings or cat -v (1^@138 0013 8000)
// shows the mobile whole. The mobile goes out raw in plain text.
//
// Want: no group of the mobile's middle in the output; a second
// redaction changes nothing. (A mobile grouped 4-7 is read by the
// engine since fix52lz4: fourSeven; unlabelled, not after a first group
// that is a year from 1930 to 1999, which an archive's number is too
// since fix53four: that case takes a mobile of another carrier prefix.)
func TestAttack50ControlEndsGroupedDigits(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	mob := synth.CNMobile(r)
	four := mob
	if mob[:2] == "19" && mob[2] >= '3' {
		four = "138" + mob[3:]
	}
	sp := mob[:3] + " " + mob[3:7] + " " + mob[7:]
	dh := mob[:3] + "-" + mob[3:7] + "-" + mob[7:]
	for _, body := range []string{
		"tel " + sp + "\x001",
		"tel " + dh + "\x001",
		"1\x00" + sp,
		"1\x00" + dh,
		"a\x00" + four[:4] + " " + four[4:],
		"1%00" + sp,
		"1\x00\u200b" + mob,
		mob + "\u200b\x001",
		"1\x00\u00ad" + mob,
	} {
		res := mustInspect(t, eng, []byte(body), "text/plain", "", Redact)
		if out := string(res.Body); strings.Contains(out, mob[3:7]) || strings.Contains(out, mob[4:]) {
			t.Errorf("%q -> %q: the mobile beside a control goes out raw", body, out)
		}
		assertStable(t, eng, res, "text/plain")
	}
}

// TestAttack50VerticalTabEscape: decodeEscape reads \v (vertical tab in
// JavaScript, Python, C, JSON5), \a (bell: Python, C) and \e (ESC: shell
// printf, Perl, Ruby) as identity escapes, the letters v, a, e: the
// mobile after them is glued to a letter and no reading finds it, where
// those programs print white space or a control before the mobile
// (a JS/Python source, a printf format, a JSON5 config).
//
// Want: the mobile masked in text and in a JSON value.
func TestAttack50VerticalTabEscape(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	m := synth.CNMobile(r)
	for _, op := range []string{`\v`, `\a`, `\e`} {
		for ct, body := range map[string]string{
			"text/plain":             "a " + op + m + " b",
			"application/javascript": "var s = \"x " + op + m + "\";",
			"application/json":       `{"a":"x ` + op + m + `"}`,
		} {
			res := mustInspect(t, eng, []byte(body), ct, "", Redact)
			if out := string(res.Body); strings.Contains(out, m[3:7]) {
				t.Errorf("%s %q -> %q: the mobile after %s goes out raw", ct, body, out, op)
			}
		}
	}
}
