package detect

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"unsafe"
)

// TestArenaSamplesOwnMemory: through an arena, the strings of a finding
// with a fingerprint (a sample an incident or the verdict cache may keep)
// lie in no chunk of the arena's bytes, and those of a finding without
// one do: a kept sample holds no shared chunk, and the others cost no
// buffer of their own.
func TestArenaSamplesOwnMemory(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	r := rand.New(rand.NewPCG(7, 8))
	var a Arena
	var chunks [][]byte // every chunk of bytes the arena used
	inChunk := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		for _, c := range chunks {
			lo := uintptr(unsafe.Pointer(unsafe.SliceData(c[:1])))
			if p >= lo && p < lo+uintptr(cap(c)) {
				return true
			}
		}
		return false
	}
	samples, shared := 0, 0
	for k := range 200 {
		// a mobile: 1[3-9]x and eight digits, of an operator's prefix
		mobile := fmt.Sprintf("13%d%08d", 5+r.IntN(5), r.IntN(100_000_000))
		text := []byte(fmt.Sprintf("手机 %s 邮箱 user%d@example.com", mobile, k))
		fs := e.FindIn(text, 0, 1, nil, &a)
		if cap(a.bs) > 0 && (len(chunks) == 0 || unsafe.SliceData(chunks[len(chunks)-1][:1]) != unsafe.SliceData(a.bs[:1])) {
			chunks = append(chunks, a.bs)
		}
		if len(fs) != 2 {
			t.Fatalf("piece %d: %d findings, want 2: %+v", k, len(fs), fs)
		}
		for _, f := range fs {
			if f.Masked == "" {
				t.Fatalf("piece %d: %s finding without a mask", k, f.Category)
			}
			switch {
			case f.Fingerprint != "":
				samples++
				if inChunk(f.Masked) || inChunk(f.Fingerprint) {
					t.Fatalf("piece %d: the sample %s %q lies in a shared chunk", k, f.Category, f.Masked)
				}
			case !inChunk(f.Masked):
				t.Fatalf("piece %d: %s %q, without a fingerprint, has memory of its own", k, f.Category, f.Masked)
			default:
				shared++
			}
		}
	}
	if samples != 200 || shared != 200 {
		t.Errorf("%d samples and %d masks carved from the arena, want 200 and 200", samples, shared)
	}
}
