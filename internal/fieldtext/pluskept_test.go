package fieldtext

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// plusKeptNumbers returns synthetic numbers written with the +86 country
// code (a landline "+86-<area>-<local>", a mobile "+86 138…" and
// "+86138…"), each with the digits that must not survive a mask.
func plusKeptNumbers(seed uint64) []struct{ number, secret string } {
	r := rand.New(rand.NewPCG(seed, 32))
	land := synth.CNLandlineIntl(r)
	m := synth.CNMobile(r)
	return []struct{ number, secret string }{
		{land, land[strings.LastIndexByte(land, '-')+1:]},
		{"+86 " + m, m[3:]},
		{"+86" + m, m[3:]},
	}
}

// TestRedactPlusKeptCountryCode (fix32): a query value holding a number
// with its +86 country code is read with '+' as a space (a form
// parser's " 86-371-…", which holds no phone) and with '+' kept (a log's
// reader, a receiver that reads the URL raw): it is masked in a URI's
// query, its fragment, a text value's query (a Refresh's url=) and a
// cookie's value, as its %2B-escaped spelling always was.
func TestRedactPlusKeptCountryCode(t *testing.T) {
	find := testFinder()
	for _, n := range plusKeptNumbers(1) {
		inQuery := strings.ReplaceAll(n.number, " ", "+") // a URL's space
		for _, in := range []string{
			"/find?phone=" + inQuery,
			"/find?phone=" + strings.Replace(inQuery, "+", "%2B", 1),
			"https://a.example/find?a=1&phone=" + inQuery + "&b=2",
			"/app#phone=" + inQuery,
			"0; url=/find?phone=" + inQuery,
		} {
			out, fs := Redact(find, in, 0)
			if strings.Contains(out, n.secret) || len(fs) == 0 {
				t.Errorf("Redact(%q) = %q, %d findings", in, out, len(fs))
			}
			if !ReadsAlone(in) && strings.Contains(in, "+") {
				t.Errorf("ReadsAlone(%q) = false: a joined screen would read it with '+' only kept", in)
			}
		}
		in := "tel=" + inQuery + "; Path=/"
		if out, fs := RedactCookie(find, in, 0); strings.Contains(out, n.secret) || len(fs) == 0 || !strings.HasSuffix(out, "; Path=/") {
			t.Errorf("RedactCookie(%q) = %q, %d findings", in, out, len(fs))
		}
	}
}

// TestRedactPlusKeptLeavesCleanText: reading a '+' kept as well adds no
// finding to clean values holding '+' (C++, a sum, base64, a media type)
// and keeps a mobile read with '+' as a space a mobile, its mask
// covering what either reading found.
func TestRedactPlusKeptLeavesCleanText(t *testing.T) {
	find := testFinder()
	for _, in := range []string{
		"/search?q=C++&lang=en",
		"/calc?e=1+1&x=2+2=4",
		"/img?t=ab+cd/ef+gh==",
		"/q?sig=Zm9v+YmFy+YmF6/9k+Q2w=",
		"application/xhtml+xml,*/*;q=0.8",
		"0; url=/s?q=C++",
		"a=C++; Path=/",
		"/s?q=version+1.2.3+build+7&page+2",
	} {
		if out, fs := Redact(find, in, 0); out != in || len(fs) != 0 {
			t.Errorf("Redact(%q) = %q, %d findings", in, out, len(fs))
		}
		if out, fs := RedactCookie(find, in, 0); out != in || len(fs) != 0 {
			t.Errorf("RedactCookie(%q) = %q, %d findings", in, out, len(fs))
		}
	}
	m := synth.CNMobile(rand.New(rand.NewPCG(32, 1)))
	in := "/find?note=call+" + m + "+now"
	out, fs := Redact(find, in, 0)
	if len(fs) != 1 || fs[0].Category != "cn_mobile" || strings.Contains(out, m[3:]) || !strings.HasSuffix(out, "+now") {
		t.Errorf("Redact(%q) = %q, %+v", in, out, fs)
	}
}

// TestRedactPlusKeptCodeMaskedWhole (attack pass 33): a mobile written
// with its +86 country code in a query, the '+' a form's space
// (+86+138…, +86138…, ++86 138…), is masked whole, the '+' of the code
// with it, as its %2B spelling is: the mask never leaves "+138****5678"
// (a number with no code, or another), and no byte but the number's is
// lost. Tab-separated groups in a query are read (a URL's reader takes
// the tabs out).
func TestRedactPlusKeptCodeMaskedWhole(t *testing.T) {
	find := testFinder()
	r := rand.New(rand.NewPCG(33, 2))
	for range 5 {
		m := synth.CNMobile(r)
		mask := m[:3] + "****" + m[7:]
		for _, tc := range []struct{ in, want string }{
			{"/find?phone=+86+" + m + "&b=2", "/find?phone=" + mask + "&b=2"},
			{"/find?phone=+86" + m + "&b=2", "/find?phone=" + mask + "&b=2"},
			{"/find?phone=%2B86+" + m + "&b=2", "/find?phone=" + mask + "&b=2"},
			{"/find?phone=+86+" + m[:3] + "+" + m[3:7] + "+" + m[7:], "/find?phone=" + mask},
			{"/find?q=call+%2B86+" + m + "+now", "/find?q=call+" + mask + "+now"},
			{"/find?q=call++86+" + m + "+now", "/find?q=call+" + mask + "+now"},
			{"0; url=/find?phone=+86+" + m, "0; url=/find?phone=" + mask},
			{"/find?p=" + m[:3] + "\t" + m[3:7] + "\t" + m[7:], "/find?p=" + mask},
		} {
			if out, fs := Redact(find, tc.in, 0); out != tc.want || len(fs) == 0 {
				t.Errorf("Redact(%q) = %q, want %q", tc.in, out, tc.want)
			}
		}
	}
}
