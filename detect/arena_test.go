package detect_test

import (
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFindInArena: findings carved from one arena over many scans are the
// findings FindUntil gives, and stay so after later scans reuse the arena
// (they are never written again), whatever the mask style.
func TestFindInArena(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var pieces [][]byte
	for range 300 {
		pieces = append(pieces, []byte("手机 "+synth.CNMobile(r)+" 邮箱 "+synth.Email(r)+" 住址 "+synth.CNAddress(r)))
	}
	for _, style := range []detect.MaskStyle{detect.MaskPartial, detect.MaskHash, detect.MaskLabel, detect.MaskFull} {
		e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: style})
		var a detect.Arena
		var got [][]detect.Finding
		for _, p := range pieces {
			got = append(got, e.FindIn(p, 0, -1, nil, &a))
		}
		for k, p := range pieces {
			want := e.FindUntil(p, 0, -1, nil)
			if len(got[k]) != len(want) || cap(got[k]) != len(got[k]) {
				t.Fatalf("%v piece %d: %d findings (room %d), want %d", style, k, len(got[k]), cap(got[k]), len(want))
			}
			for i := range want {
				if got[k][i] != want[i] {
					t.Fatalf("%v piece %d: %+v, want %+v", style, k, got[k][i], want[i])
				}
			}
		}
	}
}

// TestFindInAllocations: a body's pieces cost one allocation a piece (its
// masks) through an arena, not two.
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
	if allocs > 256+256/16 {
		t.Errorf("%.0f allocations for 256 pieces of one finding each", allocs)
	}
}
