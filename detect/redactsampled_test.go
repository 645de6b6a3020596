package detect_test

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestRedactSampledIsApplyFind checks that RedactSampled gives, for every
// input shape of the benchmarks at several sizes and seeds, under every
// mask style and with a hint, the bytes Apply gives over FindHinted's
// findings, their Summary, and as samples the first of them with distinct
// values.
func TestRedactSampledIsApplyFind(t *testing.T) {
	var engines []*detect.Engine
	for _, m := range []detect.MaskStyle{detect.MaskPartial, detect.MaskFull, detect.MaskLabel, detect.MaskHash} {
		engines = append(engines, newEngine(t, detect.Policy{Mask: m}))
	}
	// and one with a protected set holding values the records repeat
	ps := detect.NewProtectedSet(testKey)
	var fps []string
	for _, f := range engines[0].Find(synth.CustomersCSV(rand.New(rand.NewPCG(1, 1<<10)), 1<<10))[:6] {
		fps = append(fps, f.Fingerprint)
	}
	if err := ps.Replace(fps); err != nil {
		t.Fatal(err)
	}
	engines = append(engines, newEngine(t, detect.Policy{Protected: ps, Categories: []detect.Category{detect.CNMobile, detect.Email}}))
	for _, s := range synth.Shapes {
		for _, n := range []int{16, 700, 1 << 10, 9 << 10} {
			for seed := uint64(1); seed <= 2; seed++ {
				text := s.Gen(rand.New(rand.NewPCG(seed, uint64(n))), n)
				for _, e := range engines {
					for _, hint := range []detect.CategorySet{0, detect.NewCategorySet(detect.CNName)} {
						name := fmt.Sprintf("%s/%d/%d/%s-%d/%d", s.Name, n, seed, e.MaskStyle(), e.Enabled(), hint)
						checkRedactSampled(t, name, e, text, hint, 3)
					}
				}
			}
		}
	}
}

// TestRedactSampledSamples checks the samples RedactSampled keeps: none
// for 0, a repeated value once, and never more than asked for.
func TestRedactSampledSamples(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := seeded(seedOf(t.Name()))
	a, b, c := synth.CNMobile(r), synth.CNMobile(r), synth.CNMobile(r)
	text := []byte("电话 " + a + "\n电话 " + a + "\n电话 " + b + "\n电话 " + c)
	for _, samples := range []int{-1, 0, 1, 2, 3, 4, 100} {
		checkRedactSampled(t, fmt.Sprint("samples ", samples), e, text, 0, samples)
	}
	if _, _, got := e.RedactSampled(text, 0, 100); len(got) != 3 {
		t.Errorf("100 samples of a text with 3 distinct values: got %d", len(got))
	}
}

// TestRedactSampledNothing checks that a text without findings comes back
// as it is, not as a copy.
func TestRedactSampledNothing(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	text := []byte("nothing personal here, just prose")
	out, sum, samples := e.RedactSampled(text, 0, 10)
	if &out[0] != &text[0] || len(out) != len(text) || sum.Distinct() != 0 || len(sum.Counts) != 0 || samples != nil {
		t.Errorf("RedactSampled of clean text = %q, %+v, %v; want the text itself and nothing found", out, sum, samples)
	}
}

// checkRedactSampled compares RedactSampled(text, hint, samples) with what
// FindHinted's findings say it should give.
func checkRedactSampled(t *testing.T, name string, e *detect.Engine, text []byte, hint detect.CategorySet, samples int) {
	t.Helper()
	fs := e.FindHinted(text, hint)
	out, sum, got := e.RedactSampled(text, hint, samples)
	want := text
	if len(fs) > 0 {
		want = detect.Apply(text, fs)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("%s: RedactSampled bytes differ from Apply over FindHinted's findings", name)
	}
	wantSum := detect.Summarize(fs)
	if sum.Categories != wantSum.Categories || !maps.Equal(sum.Counts, wantSum.Counts) {
		t.Errorf("%s: summary %+v, want %+v", name, sum, wantSum)
	}
	var wantSamples []detect.Finding
	seen := map[string]bool{}
	for _, f := range fs {
		key := string(f.Category) + "/" + f.Fingerprint
		if len(wantSamples) < samples && !seen[key] {
			seen[key] = true
			wantSamples = append(wantSamples, f)
		}
	}
	if len(got) != len(wantSamples) {
		t.Fatalf("%s: %d samples, want %d", name, len(got), len(wantSamples))
	}
	for k := range got {
		if got[k] != wantSamples[k] {
			t.Errorf("%s: sample %d = %+v, want %+v", name, k, got[k], wantSamples[k])
		}
	}
}
