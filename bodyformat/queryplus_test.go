package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestQueryPlusSpacedMobile: a URL whose query writes a mobile's group
// spaces as '+' (the server it reaches and URLSearchParams read "138 1234
// 5678") is masked in text, a link, a JSON string and a form-looking run
// with no percent escape; a '+' outside a query (prose, a sum, a phone's
// +86) is not read as a space.
func TestQueryPlusSpacedMobile(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	plus := m[:3] + "+" + m[3:7] + "+" + m[7:]
	for _, c := range []struct{ name, ct, body string }{
		{"text url", "text/plain", "see https://a.example/s?q=" + plus + " ok"},
		{"html href", "text/html", `<a href="/s?q=` + plus + `">next</a>`},
		{"json next url", "application/json", `{"next":"/s?tel=` + plus + `"}`},
		{"text tel field", "text/plain", "/s?a=1&tel=" + plus},
		{"form-looking run", "text/plain", "tel=" + plus + "&a=1"},
		{"fragment", "text/html", `<a href="/app#tel=` + plus + `">x</a>`},
		{"query without a key", "text/plain", "https://a.example/s?" + plus},
	} {
		res, err := Inspect(testEngine(t), []byte(c.body), c.ct, "", Redact, Limits{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if strings.Contains(string(res.Body), plus) || strings.Contains(string(res.Body), m[3:7]) || len(res.Findings) == 0 {
			t.Errorf("%s: %q went out as %q", c.name, c.body, res.Body)
		}
	}
	for _, body := range []string{
		"sum " + plus + " = 7050",
		"a+b=c and 1+2=3",
		"call +86 10 1234 5678 or mail a+b@example.com?",
		"why? " + plus,
	} {
		if got := decodeOrNil(body); got != "" {
			t.Errorf("%q read as %q", body, got)
		}
	}
}

// decodeOrNil is the query '+' reading of s, or "" when it reads none.
func decodeOrNil(s string) string {
	dec, _, ok := decodeQueryPlus([]byte(s))
	if !ok {
		return ""
	}
	return string(dec)
}

// TestQueryPluses checks which '+' queryPluses reads as a query's space
// and which tabs and line breaks it takes out of a query, and that the
// reading keeps every other byte, each mapped to where it was.
func TestQueryPluses(t *testing.T) {
	for _, c := range []struct {
		text string
		want []int
	}{
		{"/s?q=a+b", []int{6}},
		{"a+b /s?q=c+d", []int{10}},                  // the prose '+' before the URL is not
		{"x=1+2", nil},                               // an '=' without an '&': a sum
		{"k=v&a=1+2", []int{7}},                      // a form's fields
		{"1+2 & x=3", nil},                           // white space ends a run
		{`"?a+b" c+d`, []int{3}},                     // so does a quote
		{"/p+q?r+s#t+u", []int{6, 10}},               // the path's '+' is not
		{"no plus here?", nil},                       // nothing to read
		{"<a href=/s?q=1+2>3+4</a>", []int{14}},      // an angle bracket ends a run
		{"?+", []int{1}},                             // a query of a '+' alone
		{strings.Repeat("+", 3) + "?", nil},          // before the '?'
		{"\t?x+y\n", []int{3, 5}},                    // a tab before the query ends a run; a line break in it is taken out
		{"?a+\tb+\r\nc d+e", []int{2, 3, 5, 6, 7}},   // tabs and line breaks in a query are taken out, a space ends it
		{"k=v&a=1\n+2", []int{7, 8}},                 // after a field's '=' too
		{"?a+b\x01c+d", []int{2}},                    // another control ends a run
		{"x\n1+2", nil},                              // no query: a line break ends a run
		{"?a\tb", []int{2}},                          // a query without a '+' loses its tabs too
		{"?a+b\x7fc+d", []int{2}},                    // DEL too
		{"?a+b\\c+d", []int{2, 6}},                   // a backslash stays in a query
		{"/s?q=\xef\xbc\x91+\xef\xbc\x92", []int{8}}, // bytes of UTF-8 in a query
		{"see /s?q='1+2' x", []int{11}},              // a quote in a query stays in its value
		{`"/s?q='1+2'"+3`, []int{8}},                 // but the quote that opened the run ends it
		{`"/s?q=\"1+2\""+3`, []int{9}},               // not once escaped
		{"k=v&a='1+2'", []int{8}},                    // after a field's '=' too
		{"/a'b?c+d", []int{6}},                       // before the query a quote ends a run
		{"?q=<1+2>3+4", []int{5}},                    // a '<' stays, a '>' ends
	} {
		var got []int
		found := queryPluses([]byte(c.text), func(i int) { got = append(got, i) })
		if found != (len(c.want) > 0) || len(got) != len(c.want) {
			t.Errorf("queryPluses(%q) = %v, want %v", c.text, got, c.want)
			continue
		}
		for k := range got {
			if got[k] != c.want[k] {
				t.Errorf("queryPluses(%q) = %v, want %v", c.text, got, c.want)
			}
		}
		taken := 0 // the tabs and line breaks the reading takes out
		for _, i := range got {
			if c.text[i] != '+' {
				taken++
			}
		}
		dec, offs, ok := decodeQueryPlus([]byte(c.text))
		if ok != found || ok && (len(dec) != len(c.text)-taken || len(offs) != len(dec)+1 || int(offs[len(dec)]) != len(c.text)) {
			t.Errorf("decodeQueryPlus(%q) = %q %v %v", c.text, dec, offs, ok)
		}
		for k := 0; ok && k < len(dec); k++ {
			if want := c.text[offs[k]]; dec[k] != want && !(want == '+' && dec[k] == ' ') {
				t.Errorf("decodeQueryPlus(%q) = %q: byte %d from %q", c.text, dec, k, want)
			}
		}
	}
}
