package detect

import "testing"

// TestQuietAddressHan holds addressEnd's quick step to its premise: a
// character of quietAddressHan is of addressHan, starts no label and no
// number or residence marker, so the walk's tests at it all answer no;
// and it holds plainAddressHan and place markers (路 …) besides.
func TestQuietAddressHan(t *testing.T) {
	markerStarts := 0
	for r := rune(0); r < 0x10000; r++ {
		if plainAddressHan.has(r) && !quietAddressHan.has(r) {
			t.Fatalf("%q is of plainAddressHan, not of quietAddressHan", r)
		}
		if !quietAddressHan.has(r) {
			continue
		}
		b := []byte(string(r))
		if !addressHan.has(r) || labels.mayMatchAt(b, 0) {
			t.Fatalf("%q is of quietAddressHan: of addressHan %v, may start a label %v", r, addressHan.has(r), labels.mayMatchAt(b, 0))
		}
		for _, m := range markerWords[r] {
			if m.kinds&(mNumber|mResidence) != 0 {
				t.Fatalf("%q is of quietAddressHan and starts the marker %q", r, m.w)
			}
		}
		if isMarkerStart(r) {
			markerStarts++
		}
	}
	if !quietAddressHan.has('路') || markerStarts < 10 {
		t.Fatalf("quietAddressHan holds 路 %v, %d marker starts: it skips too few", quietAddressHan.has('路'), markerStarts)
	}
}
