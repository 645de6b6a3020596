package detect

import (
	"testing"
	"unsafe"
)

// TestEvidenceFitsHit checks that every kind of Evidence fits in the byte
// a hit keeps it in, and that a hit stays 24 bytes: a dense body has one
// every few bytes.
func TestEvidenceFitsHit(t *testing.T) {
	if n := len(evidenceNames); n > 8 {
		t.Errorf("%d kinds of Evidence do not fit in hit.ev, a byte", n)
	}
	if size := unsafe.Sizeof(hit{}); size != 24 {
		t.Errorf("a hit takes %d bytes, want 24", size)
	}
}

// TestConfIndex checks that confidences keep their exact values through
// the scanner's table, and that a full table reads a new value as the
// nearest one below it, or the least one when none is below.
func TestConfIndex(t *testing.T) {
	var s scanner
	nine := 0.9
	noisy := nine + 0.05 // not 0.95 in float64: the value a label raises 0.9 to
	for _, c := range []float64{0.8, noisy, 0.95, 1, 0.8, noisy} {
		if got := s.confs[s.confIndex(c)]; got != c {
			t.Errorf("confidence %v came back as %v", c, got)
		}
	}
	if len(s.confs) != 4 {
		t.Errorf("the table holds %d values, want 4 distinct ones: %v", len(s.confs), s.confs)
	}
	for len(s.confs) < maxConfs {
		s.confIndex(2 + float64(len(s.confs)))
	}
	for _, tc := range []struct{ c, want float64 }{
		{0.5, 0.8},    // none below: the least
		{0.85, 0.8},   // the nearest below
		{0.96, noisy}, // the greater of 0.95 and noisy
		{1.5, 1},
	} {
		if got := s.confs[s.confIndex(tc.c)]; got != tc.want {
			t.Errorf("a full table reads %v as %v, want %v", tc.c, got, tc.want)
		}
	}
}
