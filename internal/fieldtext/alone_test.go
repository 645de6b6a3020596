package fieldtext

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestReadsAlone checks which values a caller that screens many values
// in one joined reading must read on their own (attack pass 28, F1, F2):
// escapes of bytes that are no ASCII (GBK, overlong, %u), raw bytes that
// are no ASCII, a '+' in a query, a URI's query field named for a
// category; and that an ordinary browser's fields are not.
func TestReadsAlone(t *testing.T) {
	for s, want := range map[string]bool{
		"/q?tel=%A3%B1%A3%B3":                true,
		"</u>; title*=gbk''%a3%b1":           true,
		"/q?x=%C0%B1%C0%B3":                  true,
		"/q?x=%uFF11":                        true,
		"/s?q=%E4%BD%A0":                     true,
		"x \xa3\xb1\xa3\xb3":                 true,
		"/u?q=138+1234+5678":                 true,
		"0; url=/u?q=138+1234+5678":          true,
		"/u?q='138+1234+5678'":               true,
		"/app#q=138+1234+5678":               true,
		"u=a=1&tel=138+1234+5678; Path=/":    true,
		"a=138+1234+5678":                    false,
		"'138+1234+5678'":                    false,
		"https://a.example/q?idCard=x":       true,
		"/u?from=home":                       false,
		"https://shop.example/orders?page=2": false,
		"/q?x=%20%2F%7E":                     false,
		"application/xhtml+xml,*/*;q=0.8":    false,
		"a?b c+d":                            false,
		"</u?a=1>; rel=next, <x+y>":          false,
		"Mozilla/5.0 (X11; Linux x86_64)":    false,
		"100%":                               false,
		"":                                   false, // an empty header value (CI's FuzzFields)
	} {
		if got := ReadsAlone(s); got != want {
			t.Errorf("ReadsAlone(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestRedactPlusSpacedQueryInText (attack pass 28, F2): a URI's query in
// a text value (a Refresh's url=, a Link's <…>) is read with '+' as a
// space, as its receiver reads it, and the mask written there adds no
// white space; a '+' outside a query, or one escaped as %2B, is not a space (the
// digits it joins are still read as a mobile),
// and a value with nothing in it comes back as it is.
func TestRedactPlusSpacedQueryInText(t *testing.T) {
	find := testFinder()
	m := synth.CNMobile(rand.New(rand.NewPCG(28, 2)))
	plus := m[:3] + "+" + m[3:7] + "+" + m[7:]
	for _, in := range []string{
		"0; url=/u?q=" + plus,
		"</u?q=" + plus + ">; rel=next",
		"see https://a.example/s?a=1&q=" + plus + " now",
	} {
		out, fs := Redact(find, in, 0)
		if len(fs) == 0 || strings.Contains(out, plus) || strings.Contains(out, m[3:7]) {
			t.Errorf("%q: %q, %d findings", in, out, len(fs))
		}
		if len(strings.Fields(out)) != len(strings.Fields(in)) {
			t.Errorf("%q: the mask split the query: %q", in, out)
		}
	}
	// a '+' escaped as %2B is a literal '+': the receiver reads 138+1234+5678,
	// digits a reader takes for a mobile all the same, and the decoded
	// query's reading masks it (failing closed, not a space)
	if out, fs := Redact(find, "0; url=/u?q="+strings.ReplaceAll(plus, "+", "%2B"), 0); len(fs) == 0 || strings.Contains(out, m[3:7]) {
		t.Errorf("%%2B-joined mobile: %q, %d findings", out, len(fs))
	}
	for _, in := range []string{
		"0; url=/s?q=hello+world&n=1+2",
		"/u?q=x " + plus, // after the query's end
		"application/xhtml+xml",
	} {
		if out, fs := Redact(find, in, 0); out != in || len(fs) != 0 {
			t.Errorf("clean %q: %q, %d findings", in, out, len(fs))
		}
	}
}

// TestSpaceQueryPlus checks which '+' are read as a space and which tabs
// and line breaks are taken out, and that the decoded text keeps its
// offsets (a copy only when one is).
func TestSpaceQueryPlus(t *testing.T) {
	for _, tc := range []struct{ raw, want string }{
		{"a+b?c+d e+f", "a+b?c d e+f"},
		{"<x?a+b>+c", "<x?a b>+c"},
		{"x?a%2Bb+c", "x?a+b c"},
		{"x%3Fa+b", "x?a+b"},
		{"x?a#b+c", "x?a#b c"},                 // a fragment, read with URLSearchParams
		{"x?q='a+b'+c", "x?q='a b' c"},         // a quote stays in a query's value
		{"k=v&a=b+c", "k=v&a=b c"},             // a form's fields (a cookie's sub-keys)
		{"a=b+c", "a=b+c"},                     // an '=' alone: a sum
		{"x?a+\tb+\r\nc d\te", "x?a b c d\te"}, // a query's tabs and line breaks are taken out
		{"x?%31+\t2", "x?1 2"},
		{"x?%31\t2", "x?12"},   // with no '+' in the query too
		{"x\t?a=1", "x\t?a=1"}, // not before the query
	} {
		dec, offs := percentDecode(tc.raw, false)
		got, gotOffs, spaced := spaceQueryPlus(tc.raw, dec, offs)
		if string(got) != tc.want || spaced != (tc.want != string(dec)) {
			t.Errorf("spaceQueryPlus(%q) = %q %v, want %q", tc.raw, got, spaced, tc.want)
		}
		if spaced && &got[0] == &dec[0] {
			t.Errorf("%q: spaced in place", tc.raw)
		}
		if spaced && (len(gotOffs) != len(got)+1 || int(gotOffs[len(got)]) != len(tc.raw)) {
			t.Errorf("%q: offsets %v for %q", tc.raw, gotOffs, got)
		}
		for j := 0; spaced && j < len(got); j++ {
			if c := tc.raw[gotOffs[j]]; c != got[j] && c != '%' && !(c == '+' && got[j] == ' ') {
				t.Errorf("%q: byte %d of %q from %q", tc.raw, j, got, c)
			}
		}
	}
}
