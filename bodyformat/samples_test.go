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

// TestSamplesOnlyKeepsTheSamplesAndCountsAll checks that under
// Limits.SamplesOnly the findings kept are the samples, and that the
// summary and the redacted body are those of an inspection that keeps
// them all, through the readings a body may abandon (a string that looks
// like JSON and is not, a multipart part header read twice).
func TestSamplesOnlyKeepsTheSamplesAndCountsAll(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	m1, m2, id := synth.CNMobile(r), synth.CNMobile(r), synth.CNID18(r)
	multi := "--b\r\nContent-Disposition: form-data; name=\"tel\"\r\n\r\n" + m1 + "\r\n--b\r\n" +
		"Content-Disposition: form-data; name=\"f\"; filename=\"" + m2 + ".txt\"\r\nContent-Type: text/plain\r\n\r\nid " + id + "\r\n--b--\r\n"
	for _, c := range []struct{ name, ct, body string }{
		{"json", ctJSON, `{"a":"` + m1 + `","b":"{\"c\":\"` + m2 + `\"}","d":"{not json ` + id + `","e":"` + m1 + `"}`},
		{"text", "text/plain", strings.Repeat(m1+" "+m2+" "+id+"\n", 20)},
		{"form", "application/x-www-form-urlencoded", "tel=" + m1 + "&id=" + id + "&j=%7B%22x%22%3A%22" + m2 + "%22%7D"},
		{"multipart", "multipart/form-data; boundary=b", multi},
	} {
		t.Run(c.name, func(t *testing.T) {
			all, err := Inspect(eng, []byte(c.body), c.ct, "", Redact, Limits{Samples: 2})
			if err != nil {
				t.Fatal(err)
			}
			few, err := Inspect(eng, []byte(c.body), c.ct, "", Redact, Limits{Samples: 2, SamplesOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(few.Summary) != fmt.Sprint(all.Summary) || string(few.Body) != string(all.Body) {
				t.Fatalf("summary %v / %v, bodies equal %v", few.Summary, all.Summary, string(few.Body) == string(all.Body))
			}
			var samples []detect.Finding
			for _, f := range all.Findings {
				if f.Fingerprint != "" {
					samples = append(samples, f)
				}
			}
			if fmt.Sprint(few.Findings) != fmt.Sprint(samples) || len(samples) == 0 {
				t.Fatalf("kept %d findings, want the %d samples", len(few.Findings), len(samples))
			}
		})
	}
}
