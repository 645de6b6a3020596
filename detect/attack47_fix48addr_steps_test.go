//go:build detectsteps

package detect_test

import "testing"

// TestStepsFix48AddrGaps: the spaces of any kind after a marker, the
// underscore runs, the stars around an English room and the bare '#' of
// attack pass 47 (F3, F4), repeated, cost steps linear in the bytes.
func TestStepsFix48AddrGaps(t *testing.T) {
	checkRepeatedPieces(t, map[string]string{
		"wide spaces after markers": "建设路917号\u00a03幢\u205f2501室\u20094",
		"underscores":               "建设路__917__号3幢__2501__室_1_号__",
		"room emphasis":             "号3幢 Room **2501** **Room 2** *3* 室 #4 # #",
		"hashes":                    "号 # # #1 #",
	})
}
