package detect_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFindUntilStops: FindUntil finds what FindSampled and FindHinted
// find while stop says go on, calls stop once per 64 KiB of text, and
// ends the scan with nothing at the first call that says stop.
func TestFindUntilStops(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("stop")})
	text := synth.Mixed(rand.New(rand.NewPCG(5, 5)), 1<<20)
	calls := 0
	goOn := func() bool { calls++; return false }
	if got, want := e.FindUntil(text, 0, 3, goOn), e.FindSampled(text, 0, 3); fmt.Sprint(got) != fmt.Sprint(want) || len(want) == 0 {
		t.Fatalf("FindUntil found %d, FindSampled %d", len(got), len(want))
	}
	if calls < 8 || calls > 16 {
		t.Fatalf("stop called %d times over 1 MiB, want about one each 64 KiB", calls)
	}
	if got, want := e.FindUntil(text, 0, -1, nil), e.FindHinted(text, 0); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("FindUntil with every fingerprint found %d, FindHinted %d", len(got), len(want))
	}
	calls = 0
	stopNow := func() bool { calls++; return true }
	if got := e.FindUntil(text, 0, -1, stopNow); got != nil || calls != 1 {
		t.Fatalf("stopped scan: %d findings after %d calls of stop", len(got), calls)
	}
}
