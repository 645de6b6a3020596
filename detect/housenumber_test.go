package detect

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestHouseNumberInHint holds houseNumberIn's answer from addressEnd's
// hint to its walk's: on texts of digits in every script, markers, counts,
// spaces, character references and broken UTF-8, every place given as the
// hint answers as no hint does.
func TestHouseNumberInHint(t *testing.T) {
	pieces := []string{"1", "23", "号", "号楼", "栋", "室", "单元", "号线", "十", "百", "共", "第", "月", " ", "\u3000",
		"&#49;", "&#21495;", "&#49", "&#12", "&#x6d", "&", "&amp;", "１", "三", "路", "北京市", "区", "\xe5", "\xe5\x8f", "\xff", "#", "-", "A"}
	r := rand.New(rand.NewPCG(9, 9))
	hinted, shielded := 0, 0 // hints that answer alone, and those with an '&' before them
	for i := 0; i < 200000; i++ {
		var b []byte
		for n := 1 + r.IntN(12); n > 0; n-- {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		s := &scanner{text: b}
		start := r.IntN(len(b))
		end := start + 1 + r.IntN(len(b)-start)
		want := s.houseNumberIn(start, end, 0)
		for house := 0; house <= len(b); house++ {
			if got := s.houseNumberIn(start, end, house); got != want {
				t.Fatalf("houseNumberIn(%q, hint %d) = %v, without a hint %v", b[start:end], house-start, got, want)
			}
			if start < house && house < end && isASCIIDigit(b[house-1]) && hasMarkerPrefix(b[house:end], mNumber|mResidence) {
				if bytes.IndexByte(b[start:house], '&') < 0 {
					hinted++
				} else {
					shielded++
				}
			}
		}
	}
	if hinted < 1000 || shielded < 100 {
		t.Fatalf("%d hints at a marker after a digit, %d of them after an '&': too few to hold the answer to", hinted, shielded)
	}
}
