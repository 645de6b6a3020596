package bodyformat

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestQueryPlusURLWhiteSpace (attack pass 31, F8): a URL's reader takes
// tabs and line breaks out of an attribute's URL before it parses it (the
// WHATWG URL parser), so href="/s?q=138+<tab>1234+<tab>5678" requests
// ?q=138+1234+5678, which the server reads as "138 1234 5678". The query
// reading takes them out too, in a page (whose view writes them as
// spaces), in text, in a JSON string, with a percent escape elsewhere in
// the URL (every '+' read as a space) and with the digits themselves
// escaped; the whole number is masked and the bytes around it kept.
func TestQueryPlusURLWhiteSpace(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	spaced := func(sep string) string { return m[:3] + "+" + sep + m[3:7] + "+" + sep + m[7:] }
	if res := mustInspect(t, eng, []byte(`<a href="/s?q=`+spaced("")+`">x</a>`), "text/html", "", Redact); !res.Changed {
		t.Fatalf("control: the link without white space passes too")
	}
	for sepName, sep := range map[string]string{"tab": "\t", "line feed": "\n", "CR LF": "\r\n"} {
		for _, c := range []struct{ name, ct, before, after string }{
			{"html href", "text/html", `<a href="/s?q=`, `">x</a>`},
			{"html href, escape before", "text/html", `<a href="/s?a=%41&q=`, `&b=1">x</a>`},
			{"text", "text/plain", "see /s?q=", " ok"},
			{"text, escape before", "text/plain", "see /s?a=%41&q=", " ok"},
		} {
			body := c.before + spaced(sep) + c.after
			res, err := Inspect(eng, []byte(body), c.ct, "", Redact, Limits{})
			if err != nil {
				t.Errorf("%s, %s: refused: %v", c.name, sepName, err)
				continue
			}
			out := string(res.Body)
			if strings.Contains(out, m[3:7]) || !strings.HasPrefix(out, c.before) || !strings.HasSuffix(out, c.after) || len(out) > len(body) {
				t.Errorf("%s, %s: %q went out as %q", c.name, sepName, body, out)
			}
		}
		json := `{"u":"/s?q=` + strings.ReplaceAll(spaced(sep), sep, map[string]string{"\t": `\t`, "\n": `\n`, "\r\n": `\r\n`}[sep]) + `"}`
		if res := mustInspect(t, eng, []byte(json), "application/json", "", Redact); strings.Contains(string(res.Body), m[3:7]) {
			t.Errorf("json, %s: %q went out as %q", sepName, json, res.Body)
		}
	}
	// the first digits percent-encoded: the query's tabs its only spacing
	var esc strings.Builder
	for k := range 3 {
		fmt.Fprintf(&esc, "%%%02X", m[k])
	}
	link := `<a href="/s?q=` + esc.String() + "\t" + m[3:7] + "\n" + m[7:] + `">x</a>`
	if res := mustInspect(t, eng, []byte(link), "text/html", "", Redact); strings.Contains(string(res.Body), m[3:7]) {
		t.Errorf("escaped digits: %q went out as %q", link, res.Body)
	}
}

// TestQueryPlusReadingsKeepCleanText: the '+' readings of a URL's white
// space and of a script's escapes leave clean text with '+' as it is:
// sums, C++, base64 with '+' wrapped over lines, a script joining
// strings with \x2b in them, a multi-line tag whose query holds a '+'.
func TestQueryPlusReadingsKeepCleanText(t *testing.T) {
	eng := testEngine(t)
	for _, c := range []struct{ ct, body string }{
		{"text/plain", "1+1=2\nC++ and a+b\n2+3=5, 10+20=30\n"},
		{"text/plain", "see /s?q=c++\n1+2=3 and 12+34+56\n"},
		{"text/plain", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1L7VLPHCgcBIjA+\nnZ7N0F1X+4/3ZHa8qP9+2XoEI1Q3a7nBpm8F+Y2e5H/Uu1Z2lQzq6wS+Lk8=\n"},
		{"application/javascript", `var s = "a\x2bb"; var t = "C\x2b\x2b"; var u = "/s?q=1\x2b1";` + "\n"},
		{"application/javascript", "var u = \"/s?q=\" + a + \"&n=\" + (n\\x2b1);\nvar v = x + 2;\n"},
		{"text/html", "<a\n  href=\"/s?q=c++&page=2\"\n  title=\"1+1\">C++</a>\n<p>10+20=30</p>\n"},
		{"text/html", "<script>\nvar u = '/s?q=' + q;\nvar n = i\\x2b1;\n</script>\n"},
	} {
		res, err := Inspect(eng, []byte(c.body), c.ct, "", Redact, Limits{})
		if err != nil || res.Changed || len(res.Findings) > 0 {
			t.Errorf("%s %q: changed %v, %d findings, %v: %q", c.ct, c.body, res.Changed, len(res.Findings), err, res.Body)
		}
	}
}

// TestPercentReadingTakesOutQueryWhiteSpace: with a percent escape in the
// piece (every '+' a space), the percent reading takes the tabs and line
// breaks of its queries out too, the same built whole (decodePercent) as
// given as edits (percentEdits); white space outside a query stays.
func TestPercentReadingTakesOutQueryWhiteSpace(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"/s?a=%41&q=1+\t2+\r\n3 x\ty", "/s?a=A&q=1 2 3 x\ty"},
		{"?q=%31%33\t8\n1", "?q=1381"},
		{"a\tb %31\nc", "a\tb 1\nc"},
		{"?q=%u0031\t2%", "?q=12%"},
	} {
		dec, offs, ok := decodePercent([]byte(c.text))
		if !ok || string(dec) != c.want || len(offs) != len(dec)+1 || int(offs[len(dec)]) != len(c.text) {
			t.Errorf("decodePercent(%q) = %q %v %v, want %q", c.text, dec, offs, ok, c.want)
			continue
		}
		var e edits
		if !percentEdits([]byte(c.text), &e) {
			t.Errorf("percentEdits(%q): no edits", c.text)
			continue
		}
		edec, eoffs := e.materialize([]byte(c.text))
		if string(edec) != string(dec) || !slices.Equal(eoffs, offs) {
			t.Errorf("percentEdits(%q) builds %q %v, decodePercent %q %v", c.text, edec, eoffs, dec, offs)
		}
	}
}
