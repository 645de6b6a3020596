package fieldtext

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestRedactParamsFramingSpace checks that an unquoted charset or
// boundary value ends at white space (no token holds it): text after it
// (`charset=utf-8 138…`, which a script reading the CORS-safelisted
// Content-Type shows whole) is read as stray text and masked, and the
// framing value before it is kept byte for byte.
func TestRedactParamsFramingSpace(t *testing.T) {
	r := rand.New(rand.NewPCG(28, 3))
	find := testFinder()
	mob, id := synth.CNMobile(r), synth.CNID18(r)
	for _, tc := range []struct{ in, keep, leak string }{
		{`text/plain; charset=utf-8 ` + mob, `text/plain; charset=utf-8 `, mob},
		{"text/plain; charset=utf-8\t" + mob + "; name=a", "text/plain; charset=utf-8\t", mob},
		{`multipart/form-data; boundary=xyz ` + id, `multipart/form-data; boundary=xyz `, id},
		{`text/plain; charset=gbk  tel ` + mob, `text/plain; charset=gbk  tel `, mob},
	} {
		out, fs := RedactParams(find, tc.in)
		if len(fs) == 0 || strings.Contains(out, tc.leak) || !strings.HasPrefix(out, tc.keep) {
			t.Errorf("%q became %q (%d findings)", tc.in, out, len(fs))
		}
	}
	for _, in := range []string{
		`text/plain; charset=utf-8 `,
		`text/plain; charset=utf-8 ; name=a`,
		"multipart/form-data; boundary=" + mob + " ",
		`text/plain; charset=utf-8 x-user-defined`,
	} {
		if out, fs := RedactParams(find, in); out != in || len(fs) != 0 {
			t.Errorf("clean %q became %q (%d findings)", in, out, len(fs))
		}
	}
}
