//go:build detectsteps

package bodyformat

import (
	"bytes"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestLinearDelimitedSparseBinary: the delimited reading of sparse binary
// grows with it linearly. It once counted the digits and delimiters of
// the whole piece, however far apart: 4 MiB of a random byte every 4 KiB
// held enough (512 KiB did not) and was read again run by run, 16 times
// the steps of 512 KiB for 8 times the bytes. No run reads across a NUL
// byte, so the count starts again after one.
func TestLinearDelimitedSparseBinary(t *testing.T) {
	steps := func(n int) int64 {
		b := sparseBinary(n, 4096)
		resetReadingSteps()
		decodeDelimited(b)
		return readingSteps.Load()
	}
	small, large := steps(512<<10), steps(4<<20)
	t.Logf("%d steps for 512 KiB, %d for 4 MiB", small, large)
	if float64(large) > 8.8*float64(small)+512<<10 {
		t.Errorf("%d steps for 512 KiB but %d for 4 MiB", small, large)
	}
	if large > 1<<20 {
		t.Errorf("%d steps for 4 MiB of sparse binary, want at most a step every 4 bytes", large)
	}
}

// TestSparseBinaryFindSteps bounds the reading steps of 4 MiB of sparse
// binary read whole (inspector.find): 11 a byte when the delimited
// reading read it joined three times over (the piece and two first
// stages), 5.4 since.
func TestSparseBinaryFindSteps(t *testing.T) {
	eng := testEngine(t)
	const n = 4 << 20
	lim := Limits{}.withDefaults()
	in := &inspector{eng: eng, mode: Redact, lim: lim, meter: newMeter(lim)}
	b := sparseBinary(n, 4096)
	resetReadingSteps()
	in.find(b, 0)
	s := readingSteps.Load()
	t.Logf("%d steps for %d bytes (%.2f a byte)", s, n, float64(s)/n)
	if s > 7*n {
		t.Errorf("%.2f steps a byte of sparse binary, want at most 7", float64(s)/n)
	}
}

// TestSparseBinaryFindLinear: the whole of inspector.find (every reading's
// steps and the engine's) over sparse binary grows linearly with it, for
// bodies of the same make: 4 MiB of eight times the 512 KiB. (4 MiB of
// sparseBinary costs 10.4 times the reading steps and 12.7 times the
// engine steps of its first 512 KiB, as it holds what these do not: a
// backslash before a NUL (an escape the escapes reading decodes, so the
// engine reads both the text and its escapes decoded), a '+' (the percent
// stage, built for the delimited reading of it), a '&' and 0xE2; each a
// reading more over the whole body, never more than the readings there
// are.)
func TestSparseBinaryFindLinear(t *testing.T) {
	eng := testEngine(t)
	small := sparseBinary(512<<10, 4096)
	steps := func(b []byte) (reading, engine int64) {
		lim := Limits{}.withDefaults()
		in := &inspector{eng: eng, mode: Redact, lim: lim, meter: newMeter(lim)}
		resetReadingSteps()
		detect.ResetSteps()
		in.find(b, 0)
		return readingSteps.Load(), detect.Steps()
	}
	sr, se := steps(small)
	lr, le := steps(bytes.Repeat(small, 8))
	t.Logf("512 KiB: %d reading steps, %d engine steps; 4 MiB: %d, %d", sr, se, lr, le)
	if float64(lr) > 8.8*float64(sr)+512<<10 {
		t.Errorf("%d reading steps for 512 KiB but %d for 4 MiB", sr, lr)
	}
	if float64(le) > 8.8*float64(se)+512<<10 {
		t.Errorf("%d engine steps for 512 KiB but %d for 4 MiB", se, le)
	}
}
