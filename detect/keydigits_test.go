package detect

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestKeyDigitsExact: behind its key a category whose values are digits
// alone and shorter than nine (QQ, a landline's local number, a permit, a
// Macau ID) is found at KeyDigits digits and never one digit shorter (a
// sample of 5000 numbers each: what a format leaves unread the engine
// finds nothing in); a set's KeyDigits is the least of its categories'.
func TestKeyDigitsExact(t *testing.T) {
	eng := MustCompile(Policy{FingerprintKey: []byte("k")})
	r := rand.New(rand.NewPCG(9, 30))
	for _, c := range []struct {
		cat   Category
		found string // a value of KeyDigits digits the engine finds behind the key
	}{
		{QQ, "23104"}, {CNLandline, "6543210"}, {CNPermit, "12345678"}, {MOID, "12345678"},
	} {
		h := NewCategorySet(c.cat)
		k := KeyDigits(h)
		if len(c.found) != k {
			t.Fatalf("%s: KeyDigits %d, the fixture has %d", c.cat, k, len(c.found))
		}
		if !foundAs(eng.FindSampled([]byte(c.found), h, 0), c.cat) {
			t.Errorf("%s: %s not found behind its key", c.cat, c.found)
		}
		for range 5000 {
			short := fmt.Sprintf("%d%0*d", 1+r.IntN(9), k-2, r.IntN(pow10(k-2)))
			if fs := eng.FindSampled([]byte(short), h, 0); len(fs) > 0 {
				t.Fatalf("%s: %s (%d digits) found: %v", c.cat, short, k-1, fs)
			}
		}
	}
	for _, c := range []struct {
		set  CategorySet
		want int
	}{
		{0, 0},
		{NewCategorySet(Email, CNName), 0},
		{NewCategorySet(CNMobile, Phone), 9},
		{NewCategorySet(CNMobile, CNLandline, Phone), 7},
		{NewCategorySet(CNPassport, CNPermit), 8},
		{NewCategorySet(QQ, CNMobile), 5},
	} {
		if got := KeyDigits(c.set); got != c.want {
			t.Errorf("KeyDigits(%v) = %d, want %d", c.set.Categories(), got, c.want)
		}
	}
}

// foundAs reports whether fs holds a finding of c.
func foundAs(fs []Finding, c Category) bool {
	for _, f := range fs {
		if f.Category == c {
			return true
		}
	}
	return false
}

// pow10 returns 10 to the n.
func pow10(n int) int {
	p := 1
	for range n {
		p *= 10
	}
	return p
}
