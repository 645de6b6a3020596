package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFormPlusKeptCountryCode (fix32): a form's value holding a landline
// or a mobile with its +86 country code (phone=+86-371-…, which a form
// parser reads as " 86-371-…", no phone) is read with its '+' kept too,
// as a receiver or a log reading the body raw sees it, escapes in the
// number or not; each number is counted once. A form's clean values
// with '+' (C++, a sum, base64) stay as they are.
func TestFormPlusKeptCountryCode(t *testing.T) {
	r := rng(t.Name())
	land := synth.CNLandlineIntl(r)
	m := synth.CNMobile(r)
	local := land[strings.LastIndexByte(land, '-')+1:]
	escLast := func(s string) string { // the last digit as %3X
		return s[:len(s)-1] + "%3" + s[len(s)-1:]
	}
	for _, c := range []struct{ body, secret string }{
		{"phone=" + land + "&a=1", local},
		{"a=1&phone=" + escLast(land), local},
		{"tel=+86+" + m, m[3:]},
		{"tel=+86" + m + "&x=y", m[3:]},
	} {
		res, err := Inspect(testEngine(t), []byte(c.body), "application/x-www-form-urlencoded", "", Redact, Limits{})
		if err != nil {
			t.Fatalf("%q: %v", c.body, err)
		}
		if strings.Contains(string(res.Body), c.secret) || strings.Contains(string(res.Body), escLast(c.secret)) || len(res.Findings) != 1 {
			t.Errorf("%q went out as %q, %d findings", c.body, res.Body, len(res.Findings))
		}
	}
	for _, body := range []string{"q=C++&lang=en", "e=1+1&x=2+2", "sig=Zm9v+YmFy+YmF6/9k+Q2w=", "a=b+c"} {
		res, err := Inspect(testEngine(t), []byte(body), "application/x-www-form-urlencoded", "", Redact, Limits{})
		if err != nil || string(res.Body) != body || len(res.Findings) != 0 {
			t.Errorf("clean form %q went out as %q, %d findings, %v", body, res.Body, len(res.Findings), err)
		}
	}
}

// TestFormPlusKeptCodeMaskedWhole (attack pass 33): a mobile with its
// +86 country code in a form's value, the '+' a form's space or not
// (tel=+86+138…, tel=+86138…), is masked whole, the code's '+' with it:
// the body never says "+138****5678", and nothing around the number
// changes.
func TestFormPlusKeptCodeMaskedWhole(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	mask := m[:3] + "%2A%2A%2A%2A" + m[7:] // (a form's mask, percent-encoded)
	for _, c := range []struct{ body, want string }{
		{"tel=+86+" + m + "&x=y", "tel=" + mask + "&x=y"},
		{"tel=+86" + m + "&x=y", "tel=" + mask + "&x=y"},
		{"note=call++86+" + m + "+now", "note=call+" + mask + "+now"},
	} {
		res, err := Inspect(testEngine(t), []byte(c.body), "application/x-www-form-urlencoded", "", Redact, Limits{})
		if err != nil || string(res.Body) != c.want {
			t.Errorf("%q went out as %q, want %q (%v)", c.body, res.Body, c.want, err)
		}
	}
}
