package detect

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"unsafe"
)

// TestArenaRecycle: after Recycle, an arena carves its chunks of findings
// again (the same arrays, cleared), the findings carved from them are
// those FindUntil gives, and copies of the findings carved before
// Recycle keep their values and strings however the chunks are carved
// again; an arena keeps no more than maxRecycled chunks for it.
func TestArenaRecycle(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	r := rand.New(rand.NewPCG(9, 10))
	piece := func(k int) []byte {
		// a mobile: 1[3-9]x and eight digits, of an operator's prefix
		mobile := fmt.Sprintf("13%d%08d", 5+r.IntN(5), r.IntN(100_000_000))
		return fmt.Appendf(nil, "手机 %s 邮箱 user%d@example.com", mobile, k)
	}
	var a Arena
	var kept []Finding // copies, as an inspection's result keeps them
	var keptWant []Finding
	before := map[*Finding]bool{} // the chunks carved before the first Recycle
	for round := range 3 {
		for k := range 300 {
			text := piece(k)
			samples := 0
			if k%50 == 0 {
				samples = 1
			}
			fs := e.FindIn(text, 0, samples, nil, &a)
			want := e.FindUntil(text, 0, samples, nil)
			if !slices.Equal(fs, want) {
				t.Fatalf("round %d piece %d: %+v, want %+v", round, k, fs, want)
			}
			if round == 0 && cap(a.fs) > 0 {
				before[unsafe.SliceData(a.fs)] = true
			}
			kept = append(kept, fs...)
			keptWant = append(keptWant, want...)
		}
		a.Recycle()
		if len(a.carved) != 0 || a.fs != nil || len(a.free) == 0 || len(a.free) > maxRecycled {
			t.Fatalf("round %d: after Recycle %d carved, %d free, current %d", round, len(a.carved), len(a.free), len(a.fs))
		}
		for _, c := range a.free {
			if len(c) != 0 || slices.ContainsFunc(c[:cap(c)], func(f Finding) bool { return f != Finding{} }) {
				t.Fatalf("round %d: a recycled chunk is not cleared", round)
			}
		}
		if round == 0 {
			// the next round carves chunks of this one again
			e.FindIn(piece(0), 0, 0, nil, &a)
			if len(before) < 2 || !before[unsafe.SliceData(a.fs)] {
				t.Fatalf("the first chunk carved after Recycle is none of the %d recycled", len(before))
			}
		}
	}
	if !slices.Equal(kept, keptWant) {
		t.Fatal("a copy of a finding changed once its chunk was carved again")
	}
	// many chunks: no more than maxRecycled kept
	var b Arena
	for range 2 * maxRecycled * arenaFindings / 2 {
		e.FindIn(piece(1), 0, 0, nil, &b)
	}
	b.Recycle()
	if len(b.free) != maxRecycled {
		t.Fatalf("%d chunks kept for Recycle, want %d", len(b.free), maxRecycled)
	}
}
