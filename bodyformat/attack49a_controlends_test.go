package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// fullWidthDigits returns s with its ASCII digits in full width.
func fullWidthDigits(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= '0' && c <= '9' {
			c += '０' - '0'
		}
		b.WriteRune(c)
	}
	return b.String()
}

// TestAttack49aControlEndsMissed: controls the control-ends reading
// (decodeControlEnds) does not read as a value's end, where a C string, a
// database column of C strings or cat -v sets the identifier apart (cat
// -v shows 1^@<mobile>, <mobile>^@1, tel^@<mobile>^@), or where a page
// shows a mark between two identifiers: the engine reads the digits on
// both sides as one run of no identifier and the identifier passes raw.
//   - one digit on a side: decodeControlEnds wants two digits before the
//     control and two after (1\x00<mobile>, <mobile>\x001), also escaped;
//   - a letter before the control (a C struct's field: tel\x00<mobile>\x00):
//     the engine glues the letter through the NUL;
//   - full-width digits around the control (read only on ASCII digits);
//   - C1 controls (U+0085 NEL is a line break to Unicode; cat -v shows
//     M-BM-^E), raw or \u0085; in HTML &#133; is U+2026 (…) to a browser
//     (the windows-1252 map of the HTML standard): two numbers on screen;
//   - a control spelled as a character reference (&#1;, &#x7f; in HTML and
//     XML, which a scraper decodes to the control): the reading runs on
//     the text and its escapes only;
//     (a=12%00<mobile> in a form is masked: the form reading splits there)
//
// Want: no raw identifier in the redacted output, and a second redaction
// changes nothing; clean text with the same controls kept byte for byte.
func TestAttack49aControlEndsMissed(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	card, id, m := synth.Visa(r), synth.CNID18(r), synth.CNMobile(r)
	type body struct{ ct, text string }
	cases := map[string]body{
		"one digit before":          {"text/plain", "room 1\x00" + m},
		"one digit before SOH":      {"text/plain", "room 1\x01" + m},
		"one digit after":           {"text/plain", "tel " + m + "\x001"},
		"one digit after, two NUL":  {"text/plain", "tel " + m + "\x00\x001 ok"},
		"one digit before, json":    {"application/json", `{"a":"1\u0000` + m + `"}`},
		"one digit after, json":     {"application/json", `{"a":"` + m + `\u00007"}`},
		"letter before NUL":         {"text/plain", "tel\x00" + m + "\x00"},
		"letter before NUL, json":   {"application/json", `{"a":"tel\u0000` + m + `"}`},
		"full width":                {"text/plain", "note " + fullWidthDigits(card) + "\x00" + fullWidthDigits(m)},
		"full width mobile's first": {"text/plain", "note " + card + "\x00" + fullWidthDigits(m[:1]) + m[1:]},
		"C1 NEL":                    {"text/plain", "note " + card + "\u0085" + m},
		"C1 0x80":                   {"text/plain", "note " + id + "\u0080" + m},
		"C1 NEL json":               {"application/json", `{"a":"note ` + card + `\u0085` + m + `"}`},
		"html &#133; (an ellipsis)": {"text/html", "<p>note " + card + "&#133;" + m + "</p>"},
		"html &#1;":                 {"text/html", "<p>note " + card + "&#1;" + m + "</p>"},
		"html &#x7f;":               {"text/html", "<p>note " + id + "&#x7f;" + m + "</p>"},
		"xml &#x1;":                 {"application/xml", "<a>note " + card + "&#x1;" + m + "</a>"},
	}
	for name, c := range cases {
		res := mustInspect(t, eng, []byte(c.text), c.ct, "", Redact)
		out := string(res.Body)
		for _, v := range []string{card, id, m, fullWidthDigits(card), fullWidthDigits(m), m[1:]} {
			if strings.Contains(out, v) {
				t.Errorf("%s: raw identifier %d digits left: %q", name, len(v), out)
				break
			}
		}
		assertStable(t, eng, res, c.ct)
	}
	for _, clean := range []string{"a\x00b 1\x002 x\x00y", "v1\x00\x00ok\x00", "row\u0085col 12\u008534"} {
		res := mustInspect(t, eng, []byte(clean), "text/plain", "", Redact)
		if string(res.Body) != clean || len(res.Findings) != 0 {
			t.Errorf("clean %q -> %q %v", clean, res.Body, res.Findings)
		}
	}
}
