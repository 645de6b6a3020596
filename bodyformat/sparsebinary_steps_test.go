//go:build detectsteps

package bodyformat

import "testing"

// sparseBinary is n bytes of NUL with one pseudo-random byte every gap:
// what a compressed PDF stream or a body of sparse binary decodes to.
func sparseBinary(n, gap int) []byte {
	b := make([]byte, n)
	x := uint32(1)
	for i := 0; i < n; i += gap {
		x = x*1664525 + 1013904223
		b[i] = byte(x >> 24)
	}
	return b
}

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
// stages), 5.4 since; 9.4 with the bytes readings copy as they are
// counted too (attack pass 37), which the old fault would take to 15;
// 11.4 with the control-ends reading of the piece and of its escapes
// decoded looking at each byte (controlends.go: NULs everywhere, and a
// digit among them now and then).
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
	if s > 12*n {
		t.Errorf("%.2f steps a byte of sparse binary, want at most 12", float64(s)/n)
	}
}
