//go:build detectsteps

package bodyformat

import (
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/fuzzshape"
)

// fuzzComplexityTypes are the content types FuzzComplexityInspect reads
// its shapes as: the formats with readings of their own, plain text and
// an untyped body (sniffed).
var fuzzComplexityTypes = []string{ctJSON, "application/x-www-form-urlencoded", "text/html", "text/markdown", "text/plain", ""}

// FuzzComplexityInspect is TestComplexityInspectLinear and
// TestComplexityWorkBudgetBoundsSteps for shapes the fuzzer makes: a
// piece of up to fuzzshape.MaxPiece bytes, repeated to about 16 KiB and
// to eight times as much, alone and between dense customer records, read
// as one of fuzzComplexityTypes (which picks the type and, by its high
// bit, the unit). A whole inspection's steps (the
// engine's, the readings' and the terminal reading's) at 8n are at most
// 8.8 times those at n, and two steps a byte, n's steps taken at the
// higher rate a byte of n and 2n: some readings cost more once past a
// size (an untyped body of short labelled fields costs 11.9 steps a
// byte at 17 KiB, 16.2 at 34 KiB, then 14.1 to 14.3 up to 2 MiB), which
// is linear but would fail a bound taken from the cheaper size alone
// (the seed af89836d24feaed7). The engine's steps for n are at
// most maxEngineStepsPerByte times the work the meter counted. Its seeds
// are the package's fuzz corpora and pieces of every synthetic shape, each
// as one of the types in turn. Run with
//
//	go test -tags detectsteps -run '^$' -fuzz FuzzComplexityInspect ./bodyformat/
func FuzzComplexityInspect(f *testing.F) {
	seeds, err := fuzzshape.Seeds(
		"testdata/fuzz/FuzzInspectJSON", "testdata/fuzz/FuzzInspectForm", "testdata/fuzz/FuzzInspectCharset",
		"testdata/fuzz/FuzzMarkupView", "testdata/fuzz/FuzzReadings", "testdata/fuzz/FuzzStream",
		"testdata/fuzz/FuzzInspectFramed", "testdata/fuzz/FuzzInspectBinary")
	if err != nil {
		f.Fatal(err)
	}
	for i, s := range seeds {
		f.Add(s, uint8(i%len(fuzzComplexityTypes)|(i%2)<<7))
	}
	eng := testEngine(f)
	f.Fuzz(func(t *testing.T, piece []byte, which uint8) {
		if len(piece) > fuzzshape.MaxPiece {
			return
		}
		ct := fuzzComplexityTypes[int(which&0x7f)%len(fuzzComplexityTypes)]
		// one unit a call, the piece alone or with a record (which's high
		// bit): Go's fuzz worker dies ("deadlocked!", exit status 2, no
		// message) when one call takes ten seconds, which both did on two
		// loaded cores
		units := fuzzshape.Units(piece)
		if len(units) > 0 {
			units = units[which>>7:][:1]
		}
		for _, unit := range units {
			i := which >> 7
			small, large := fuzzshape.Tile(unit, 16<<10)
			s, errSmall := inspectSteps(eng, small, ct)
			s2, errDouble := inspectSteps(eng, append(small, small...), ct)
			l, _ := inspectSteps(eng, large, ct)
			rate := max(float64(s), float64(s2)/2) // steps for n at the higher rate
			if errSmall == nil && errDouble == nil && float64(l) > 8.8*rate+2*float64(len(large)) {
				t.Errorf("unit %d (%q) as %q: %d steps for %d bytes, %d for twice, %d for %d: ×%.2f",
					i, unit, ct, s, len(small), s2, l, len(large), float64(l)/max(rate, 1))
			}
			lim := Limits{MaxWork: 1 << 40}.withDefaults()
			m := newMeter(lim)
			in := &inspector{eng: eng, mode: Redact, lim: lim, meter: m}
			mt, params := mediaType(ct)
			detect.ResetSteps()
			if _, _, err := in.charsetBody(small, mt, params, 0, 0); err != nil {
				continue
			}
			if steps, work := detect.Steps(), lim.MaxWork-m.work; steps > maxEngineStepsPerByte*max(work, 1) {
				t.Errorf("unit %d (%q) as %q: %d engine steps for %d bytes of work", i, unit, ct, steps, work)
			}
		}
	})
}

// inspectSteps returns the steps of an inspection of b as ct in Redact
// mode with no work budget: the engine's, the readings' and the terminal
// reading's.
func inspectSteps(eng *detect.Engine, b []byte, ct string) (int64, error) {
	detect.ResetSteps()
	resetReadingSteps()
	resetTerminalSteps()
	_, err := Inspect(eng, b, ct, "", Redact, Limits{MaxWork: 1 << 40})
	return detect.Steps() + readingSteps.Load() + terminalSteps.Load(), err
}
