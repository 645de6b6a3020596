package detect_test

import (
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFindInArena: findings carved from one arena over many scans are the
// findings FindUntil gives, and stay so after later scans reuse the arena
// (they are never written again), whatever the mask style and however
// many of them carry a fingerprint (all, some, none: the masks of those
// without one are carved from the arena's bytes).
func TestFindInArena(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var pieces [][]byte
	for range 300 {
		pieces = append(pieces, []byte("手机 "+synth.CNMobile(r)+" 邮箱 "+synth.Email(r)+" 住址 "+synth.CNAddress(r)))
	}
	for _, style := range []detect.MaskStyle{detect.MaskPartial, detect.MaskHash, detect.MaskLabel, detect.MaskFull} {
		e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: style})
		for _, samples := range []int{-1, 0, 1, 2, 3, 5} {
			var a detect.Arena
			var got [][]detect.Finding
			for _, p := range pieces {
				got = append(got, e.FindIn(p, 0, samples, nil, &a))
			}
			fingerprints := 0
			for k, p := range pieces {
				want := e.FindUntil(p, 0, samples, nil)
				if len(got[k]) != len(want) || cap(got[k]) != len(got[k]) {
					t.Fatalf("%v samples %d piece %d: %d findings (room %d), want %d", style, samples, k, len(got[k]), cap(got[k]), len(want))
				}
				for i := range want {
					if got[k][i] != want[i] {
						t.Fatalf("%v samples %d piece %d: %+v, want %+v", style, samples, k, got[k][i], want[i])
					}
					if want[i].Fingerprint != "" {
						fingerprints++
					}
				}
			}
			if samples > 0 && style != detect.MaskHash && (fingerprints == 0 || fingerprints > samples*len(pieces)) {
				t.Fatalf("%v samples %d: %d fingerprints over %d pieces", style, samples, fingerprints, len(pieces))
			}
		}
	}
}

// TestFindInAllocations: through an arena, a body's pieces whose findings
// carry no fingerprint cost no allocation a piece: their findings and
// masks are carved from the arena's chunks. A piece with a sample costs
// one (its strings' buffer of their own).
func TestFindInAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's allocations are not the engine's")
	}
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	r := rand.New(rand.NewPCG(5, 6))
	var pieces [][]byte
	for range 256 {
		pieces = append(pieces, []byte(synth.CNMobile(r)))
	}
	var a detect.Arena
	allocs := testing.AllocsPerRun(5, func() {
		for _, p := range pieces {
			e.FindIn(p, 0, 0, nil, &a)
		}
	})
	// 256 findings of 64 a chunk, 256 masks of 11 bytes in 4 KiB chunks
	if allocs > 256/64+1+256*11/(4<<10)+1 {
		t.Errorf("%.0f allocations for 256 pieces of one finding each, without samples", allocs)
	}
	allocs = testing.AllocsPerRun(5, func() {
		for _, p := range pieces {
			e.FindIn(p, 0, 1, nil, &a)
		}
	})
	if allocs > 256+256/16 {
		t.Errorf("%.0f allocations for 256 pieces of one sampled finding each", allocs)
	}
}
