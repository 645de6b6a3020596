package bodyformat

import (
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestInspectSamples checks that Limits.Samples bounds the fingerprinted
// findings across all the pieces of a body, one per distinct value, while
// every finding is still counted and redacted.
func TestInspectSamples(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	var fields []string
	mobiles := make([]string, 5)
	for k := range mobiles {
		mobiles[k] = synth.CNMobile(r)
	}
	// each value twice, in separate strings: the repeat is no new sample
	for k := range 10 {
		fields = append(fields, fmt.Sprintf(`{"mobile":%q}`, mobiles[k/2]))
	}
	body := []byte("[" + strings.Join(fields, ",") + "]")
	for _, samples := range []int{0, 1, 3, 5, 20} {
		res, err := Inspect(eng, body, "application/json", "", Redact, Limits{Samples: samples})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Findings) != 10 || res.Summary.Counts[detect.CNMobile] != 10 {
			t.Fatalf("samples %d: %d findings, summary %v; want 10 mobiles", samples, len(res.Findings), res.Summary.Counts)
		}
		for _, m := range mobiles {
			if strings.Contains(string(res.Body), m) {
				t.Fatalf("samples %d: a mobile is left in the body", samples)
			}
		}
		seen := map[string]bool{}
		for _, f := range res.Findings {
			if f.Fingerprint == "" {
				continue
			}
			if seen[f.Fingerprint] && samples > 0 {
				t.Errorf("samples %d: fingerprint %s given twice", samples, f.Fingerprint)
			}
			seen[f.Fingerprint] = true
		}
		want := min(samples, 5)
		if samples == 0 {
			want = 5 // no bound: every finding has one, 5 distinct
			for _, f := range res.Findings {
				if f.Fingerprint == "" {
					t.Errorf("samples 0: a finding without a fingerprint")
				}
			}
		}
		if len(seen) != want {
			t.Errorf("samples %d: %d distinct fingerprints, want %d", samples, len(seen), want)
		}
	}
}
