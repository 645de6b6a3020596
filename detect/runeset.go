package detect

// bmpSet is a set of runes of the Basic Multilingual Plane, one bit each:
// a membership test is one load and one mask, for the character sets
// tested on every character of a span (what ends an address …).
type bmpSet [0x10000 / 64]uint64

// newBMPSet returns the set of the runes of s, which must all lie in the
// Basic Multilingual Plane.
func newBMPSet(s string) *bmpSet {
	t := new(bmpSet)
	for _, r := range s {
		step()
		if r >= 0x10000 {
			panic("detect: newBMPSet: a rune outside the Basic Multilingual Plane")
		}
		t[r/64] |= 1 << (r % 64)
	}
	return t
}

// has reports whether r is in the set.
func (t *bmpSet) has(r rune) bool { return r >= 0 && r < 0x10000 && t[r/64]&(1<<(r%64)) != 0 }
