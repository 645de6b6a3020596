package detect

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkProtectedLookup measures what every finding pays on the hot
// path after its keyed hash: one lookup of a fingerprint among 100,000
// protected, half of the lookups hits, spread over more fingerprints than
// the caches hold. "map" is the plain map the set was before changes were
// made in place (the floor); the others are the set as a change leaves
// it: just replaced (an empty overlay), with a nearly full overlay, and
// while a fold is under way (two overlays).
func BenchmarkProtectedLookup(b *testing.B) {
	const size = 100_000
	r := rand.New(rand.NewPCG(7, 7))
	in := make([]uint64, size)
	base := make(map[uint64]struct{}, size)
	for i := range in {
		in[i] = r.Uint64()
		base[in[i]] = struct{}{}
	}
	queries := make([]uint64, 1<<20)
	for i := range queries {
		if i%2 == 0 {
			queries[i] = in[r.IntN(size)]
		} else {
			queries[i] = r.Uint64()
		}
	}
	filled := func(seed uint64) *overlay {
		o := newOverlay(overlayMinSlots, overlayBound(size), seed)
		for !o.full() {
			if !o.put(r.Uint64(), r.IntN(2) == 0) {
				o = o.grown()
			}
		}
		return o
	}
	p := &ProtectedSet{}
	snaps := []struct {
		name string
		s    *protectedSnapshot
	}{
		{"fresh", &protectedSnapshot{set: p, base: base, live: newOverlay(overlayMinSlots, overlayBound(size), 1)}},
		{"changed", &protectedSnapshot{set: p, base: base, live: filled(2)}},
		{"folding", &protectedSnapshot{set: p, base: base, frozen: filled(3), live: filled(4)}},
	}
	mask := len(queries) - 1
	b.Run("map", func(b *testing.B) {
		n := 0
		for i := 0; b.Loop(); i++ {
			if _, ok := base[queries[i&mask]]; ok {
				n++
			}
		}
		sink = n
	})
	for _, sn := range snaps {
		b.Run(sn.name, func(b *testing.B) {
			n := 0
			for i := 0; b.Loop(); i++ {
				if sn.s.has(queries[i&mask]) {
					n++
				}
			}
			sink = n
		})
	}
}

// sink keeps a benchmark's result alive.
var sink int
