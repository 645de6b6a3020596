package detect_test

import (
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// What a scan may allocate, pinned for dense shapes at two sizes eight
// times apart, so that memory growing faster than the input, or a
// constant that creeps up, fails here and not in production. Bytes are
// counted by the runtime (MemStats.TotalAlloc), never timed, so the
// bound holds on any machine; the scanner pool can only lower what a run
// allocates, so the bounds hold whether it kept a scanner or not.

// maxRedactBytesPerByte bounds what RedactSampled allocates beyond the
// redacted text it returns, per byte of input: the scan's hits and
// values, whatever the size.
const maxRedactBytesPerByte = 3

// maxFindBytesPerFinding bounds what FindSampled and Apply allocate beyond
// the redacted text, per finding: the Finding itself (80 bytes), its mask,
// and the scan's hit and the room its slice grew by (they took 320 before
// masks went into one buffer and hits were packed).
const maxFindBytesPerFinding = 160

// allocSlack is what a scan may allocate whatever its size: the pool's
// scanner, a summary, a few samples.
const allocSlack = 64 << 10

// TestScanAllocations checks maxRedactBytesPerByte and
// maxFindBytesPerFinding on dense mobiles and CSV customer records at
// 512 KiB and 4 MiB.
func TestScanAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's allocations are not the engine's")
	}
	e := newEngine(t, detect.Policy{})
	for _, name := range []string{"mobiles", "csv"} {
		shape := synthShape(t, name)
		for _, n := range []int{512 << 10, 4 << 20} {
			text := shape.Gen(rand.New(rand.NewPCG(seedOf(name), uint64(n))), n)
			var out []byte
			var sum detect.Summary
			got := allocatedBy(func() { out, sum, _ = e.RedactSampled(text, 0, 10) })
			if limit := uint64(len(out) + maxRedactBytesPerByte*n + allocSlack); got > limit {
				t.Errorf("%s, %d bytes: RedactSampled allocated %d bytes besides its %d-byte result, %.2f a byte of input; want at most %d",
					name, n, got-uint64(len(out)), len(out), float64(got-uint64(len(out)))/float64(n), maxRedactBytesPerByte)
			}
			findings := 0
			for _, c := range sum.Counts {
				findings += c
			}
			if findings < n/64 {
				t.Fatalf("%s, %d bytes: %d findings, too few for a dense shape", name, n, findings)
			}
			got = allocatedBy(func() { out = detect.Apply(text, e.FindSampled(text, 0, 10)) })
			if limit := uint64(len(out) + maxFindBytesPerFinding*findings + allocSlack); got > limit {
				t.Errorf("%s, %d bytes: FindSampled and Apply allocated %d bytes besides the %d-byte result, %.1f a finding; want at most %d",
					name, n, got-uint64(len(out)), len(out), float64(got-uint64(len(out)))/float64(findings), maxFindBytesPerFinding)
			}
		}
	}
}

// allocatedBy returns how many bytes f allocates.
// The least of five runs is taken: a collection during a run (other tests'
// allocations trigger them too) empties the scanner pool, and the next run
// allocates a scanner again, which is no cost of the scan itself; quiet,
// every run of the 4 MiB CSV measures the same 2.535 bytes a byte.
func allocatedBy(f func()) uint64 {
	least := uint64(0)
	for k := range 5 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		f()
		runtime.ReadMemStats(&after)
		if got := after.TotalAlloc - before.TotalAlloc; k == 0 || got < least {
			least = got
		}
	}
	return least
}

// synthShape returns the benchmark shape named name.
func synthShape(t *testing.T, name string) synth.Shape {
	for _, s := range synth.Shapes {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no shape %q in synth.Shapes", name)
	return synth.Shape{}
}
