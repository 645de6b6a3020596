package synth

import (
	"math/rand/v2"
	"strings"
)

// pick returns a random element of xs.
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// digits returns n random decimal digits.
func digits(r *rand.Rand, n int) string {
	var b strings.Builder
	b.Grow(n)
	for range n {
		b.WriteByte(byte('0' + r.IntN(10)))
	}
	return b.String()
}

// digitFrom returns one random digit from the set given as a string.
func digitFrom(r *rand.Rand, set string) string {
	i := r.IntN(len(set))
	return set[i : i+1]
}

// between returns a random int in [lo, hi].
func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// lettersNoIO are the upper-case letters used in Chinese document and plate
// numbers, which avoid I and O because they look like 1 and 0.
const lettersNoIO = "ABCDEFGHJKLMNPQRSTUVWXYZ"

// upper returns n random upper-case ASCII letters.
func upper(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('A' + r.IntN(26)))
	}
	return b.String()
}

// onlyDigits returns s without its non-digit bytes.
func onlyDigits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
