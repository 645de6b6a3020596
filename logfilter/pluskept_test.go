package logfilter

import (
	"math/rand/v2"
	"strings"
	"testing"

	"go.uber.org/zap"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFilterPlusKeptCountryCode (fix32): a top-level string field holding
// a request-target whose query writes a landline or a mobile with its +86
// country code ("/find?phone=+86-371-…") is logged masked: a log's reader
// reads the '+' as it stands, not as a form parser's space. Clean values
// with a '+' (C++, a sum) are logged as they are.
func TestFilterPlusKeptCountryCode(t *testing.T) {
	f := newFilter(t, Filter{Mask: "label"})
	r := rand.New(rand.NewPCG(32, 4))
	land := synth.CNLandlineIntl(r)
	m := synth.CNMobile(r)
	for _, n := range []struct{ query, secret string }{
		{land, land[strings.LastIndexByte(land, '-')+1:]},
		{"+86+" + m, m[3:]},
		{"+86" + m, m[3:]},
	} {
		got := encode(t, f.Filter(zap.String("uri", "/find?phone="+n.query)))
		if strings.Contains(got, n.secret) || !strings.Contains(got, `"uri":"/find?phone=`) || !strings.Contains(got, "[") {
			t.Errorf("uri /find?phone=%s logged as %s", n.query, got)
		}
	}
	for _, clean := range []string{"/search?q=C++&lang=en", "/calc?e=1+1"} {
		if got := encode(t, f.Filter(zap.String("uri", clean))); !strings.Contains(got, `"uri":"`+clean+`"`) {
			t.Errorf("clean uri %q logged as %s", clean, got)
		}
	}
}

// TestFilterWalkedKeepsSourceBytes (attack pass 33): a walked field's
// bytes outside its masks are logged as zap wrote them: a join's element
// whose digits stay visible keeps its line break and '>' unescaped, not
// "\u003e", and a URI's +86 mobile is masked whole, with no stray '+'.
func TestFilterWalkedKeepsSourceBytes(t *testing.T) {
	f := newFilter(t, Filter{})
	m := synth.CNMobile(rand.New(rand.NewPCG(33, 3)))
	got := encode(t, f.Filter(zap.Strings("v", []string{m[:3] + "\n>", m[3:] + "&amp;"})))
	if want := `"v":["` + m[:3] + `\n>","****` + m[7:] + `&amp;"]`; !strings.Contains(got, want) {
		t.Errorf("logged %s, want %s", got, want)
	}
	got = encode(t, f.Filter(zap.String("uri", "/find?phone=+86+"+m+"&b=2")))
	if want := `"uri":"/find?phone=` + m[:3] + `****` + m[7:] + `&b=2"`; !strings.Contains(got, want) {
		t.Errorf("logged %s, want %s", got, want)
	}
}
