package detect_test

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFindSampled checks that FindSampled fingerprints only the first
// findings with distinct values, the same fingerprints FindHinted gives,
// and leaves everything else about the findings as FindHinted has it.
func TestFindSampled(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := seeded(seedOf(t.Name()))
	a, b, c := synth.CNMobile(r), synth.CNMobile(r), synth.CNMobile(r)
	// a repeats before b and c appear: it is one sample, not two
	text := []byte(strings.Join([]string{"电话 " + a, "电话 " + a, "电话 " + b, "电话 " + c}, "\n"))
	all := e.FindHinted(text, 0)
	if len(all) != 4 {
		t.Fatalf("FindHinted found %d, want 4: %s", len(all), describe(string(text), all))
	}
	for _, tc := range []struct {
		samples int
		want    []bool // which findings carry a fingerprint
	}{
		{0, []bool{false, false, false, false}},
		{1, []bool{true, false, false, false}},
		{2, []bool{true, false, true, false}},
		{3, []bool{true, false, true, true}},
		{100, []bool{true, false, true, true}},
	} {
		got := e.FindSampled(text, 0, tc.samples)
		if len(got) != len(all) {
			t.Fatalf("samples %d: %d findings, want %d", tc.samples, len(got), len(all))
		}
		for k, f := range got {
			want := all[k]
			if tc.want[k] != (f.Fingerprint != "") {
				t.Errorf("samples %d: finding %d has fingerprint %q, want one: %v", tc.samples, k, f.Fingerprint, tc.want[k])
			}
			if f.Fingerprint != "" && f.Fingerprint != want.Fingerprint {
				t.Errorf("samples %d: finding %d fingerprint %q, FindHinted gives %q", tc.samples, k, f.Fingerprint, want.Fingerprint)
			}
			want.Fingerprint = f.Fingerprint
			if f != want {
				t.Errorf("samples %d: finding %d = %+v, FindHinted gives %+v", tc.samples, k, f, want)
			}
		}
	}
}

// TestFindSampledHashMask checks that a hash mask, made from the
// fingerprint, gives every finding its fingerprint.
func TestFindSampledHashMask(t *testing.T) {
	e := newEngine(t, detect.Policy{Mask: detect.MaskHash})
	r := seeded(seedOf(t.Name()))
	text := []byte("电话 " + synth.CNMobile(r) + "\n电话 " + synth.CNMobile(r))
	fs := e.FindSampled(text, 0, 0)
	if len(fs) != 2 {
		t.Fatalf("found %d, want 2", len(fs))
	}
	for _, f := range fs {
		if f.Fingerprint == "" || !strings.Contains(f.Masked, f.Fingerprint[:12]) {
			t.Errorf("finding %+v: want a fingerprint its mask is made from", f)
		}
	}
}
