package bodyformat

import (
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// FuzzRecordNamesCSVXML checks that reading a CSV text's or an XML
// document's records panics on no input, and that the names it finds
// stand within the body.
func FuzzRecordNamesCSVXML(f *testing.F) {
	r := rng(f.Name())
	name, id, m := synth.CNName(r), synth.CNID18(r), synth.CNMobile(r)
	for _, s := range []string{
		"a,b\n\"" + name + ", Jr\"," + id + "\n",
		"a,b\n\"x\"\"y\"," + m + "\n\"",
		"<r><p a=\"" + name + "\" b='" + m + "'/><q><a>王<!-- -->小明</a><b>" + id + "</b></q></r>",
		"<r><b>" + m + "</b><a>&#29579;小明<![CDATA[",
		"<r>" + m + "</r><",
		"<p a=\"" + m + "\" b=\"" + name,
		"<a>" + m + "</a",
	} {
		f.Add([]byte(s))
	}
	eng := testEngine(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		in := &inspector{eng: eng, mode: Redact, lim: Limits{}.withDefaults()}
		fs := in.find(b, 0)
		for _, n := range append(in.csvRecordNames(b, fs), in.xmlRecordNames(b, fs)...) {
			if n.Start < 0 || n.End > len(b) || n.Start >= n.End {
				t.Fatalf("name outside the body: %d-%d of %d", n.Start, n.End, len(b))
			}
		}
	})
}
