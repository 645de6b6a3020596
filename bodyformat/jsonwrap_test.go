package bodyformat

import (
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestInvalidJSONKeepsSamples: a document that turns out not to be JSON
// (NaN at its end) after its walk found an identifier is read as text,
// and the text reading's findings still carry their samples
// (Limits.Samples): the walk given up takes none of them with it, so a
// campaign counts them.
func TestInvalidJSONKeepsSamples(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	mob := synth.CNMobile(r)
	for _, body := range []string{`{"tel":"` + mob + `","x":NaN}`, `while(1);{"tel":"` + mob + `","x":NaN}`} {
		res, err := Inspect(eng, []byte(body), "application/json", "", Scan, Limits{Samples: 10})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range res.Findings {
			if f.Fingerprint != "" {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%q: %d findings with a sample, want 1: %v", body, n, res.Findings)
		}
	}
}
