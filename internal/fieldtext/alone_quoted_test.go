package fieldtext

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestRedactQuotedQueryPlus (attack pass 29, F4): a quote inside a URI's
// query value (the browser sends it as %27, the server decodes the value
// to '138 1234 5678') does not end the query: the '+' after it are
// spaces, and the mobile is masked. ReadsAlone sends such a value to its
// own reading too, as it does a fragment read with URLSearchParams and a
// cookie of sub-keys.
func TestRedactQuotedQueryPlus(t *testing.T) {
	find := testFinder()
	m := synth.CNMobile(rand.New(rand.NewPCG(29, 1)))
	plus := m[:3] + "+" + m[3:7] + "+" + m[7:]
	for _, in := range []string{
		"/s?q='" + plus + "'",
		"/s?q=\"" + plus + "\"",
		"https://a.example/s?q=<" + plus + ">",
		"/s?q=x'" + plus,
		"/app#tel=" + plus,
		"/app#/s?q=" + plus,
		"0; url='/s?q=" + plus + "'",
		"u=a=1&tel=" + plus + "; Path=/",
		"a=1&tel=" + plus,
	} {
		out, fs := Redact(find, in, 0)
		if len(fs) == 0 || strings.Contains(out, m[3:7]) {
			t.Errorf("Redact(%q) = %q, %d findings", in, out, len(fs))
		}
		if !ReadsAlone(in) {
			t.Errorf("ReadsAlone(%q) = false", in)
		}
	}
}

// TestReadsAloneAgreesWithRedact: ReadsAlone and Redact read a '+' as a
// space in the same places (plusIsSpace): over shapes of a '+'-spaced
// mobile in and around URIs, wrapped in quotes, brackets and field
// syntax, ReadsAlone holds exactly where Redact masks the mobile, among
// them values whose own text reading (a joined screen's) finds nothing.
func TestReadsAloneAgreesWithRedact(t *testing.T) {
	find := testFinder()
	m := synth.CNMobile(rand.New(rand.NewPCG(29, 2)))
	plus := m[:3] + "+" + m[3:7] + "+" + m[7:]
	masked, onlyAlone := 0, 0
	for _, shape := range []string{
		"/s?q=%s", "/s?q='%s'", "/s?a=1&q=\"%s\"", "/p/%s", "/p/%s?x=1", "/a=1&t=%s?x",
		"/app#t=%s", "/app#/s?q=<%s>", "https://h.example/s?q=`%s`", "/s?q=\\%s",
		"a=1&t=%s", "t=%s&a=1", "t=%s", "x %s", "x ?%s", "0; url=/s?q='%s'",
		"</s?q=%s>; rel=next", "<x>?q=%s", "k=\"%s\"", "a=1&t='%s'; Path=/",
		"/s?q=a>%s", "x?q=a>%s",
	} {
		in := strings.Replace(shape, "%s", plus, 1)
		_, fs := Redact(find, in, 0)
		if len(fs) > 0 {
			masked++
			if len(find([]byte(in), 0)) == 0 {
				onlyAlone++
			}
		}
		if got := ReadsAlone(in); got != (len(fs) > 0) {
			t.Errorf("ReadsAlone(%q) = %v, Redact finds %d", in, got, len(fs))
		}
	}
	if masked == 0 || onlyAlone == 0 {
		t.Errorf("%d shapes masked, %d only on their own: the check checks nothing", masked, onlyAlone)
	}
}
