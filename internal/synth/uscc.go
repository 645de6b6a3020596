package synth

import (
	"math/rand/v2"
	"strings"
)

// usccChars are the 31 characters of a Unified Social Credit Code, in
// value order: digits and upper-case letters without I, O, S, V and Z.
const usccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// usccWeights are 3^i mod 31 for i = 0..16.
var usccWeights = func() [17]int {
	var w [17]int
	p := 1
	for i := range w {
		w[i] = p
		p = p * 3 % 31
	}
	return w
}()

// USCCCheckChar returns the check character for the first 17 characters of
// a Unified Social Credit Code; it panics on a character outside usccChars.
func USCCCheckChar(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(usccChars, first17[i])
		if v < 0 {
			panic("synth: bad USCC character")
		}
		sum += v * usccWeights[i]
	}
	return usccChars[(31-sum%31)%31]
}

// ValidUSCC reports whether s is 18 USCC characters with a matching check
// character.
func ValidUSCC(s string) bool {
	if len(s) != 18 {
		return false
	}
	for i := 0; i < 18; i++ {
		if strings.IndexByte(usccChars, s[i]) < 0 {
			return false
		}
	}
	return s[17] == USCCCheckChar(s[:17])
}

// USCC returns a valid Unified Social Credit Code (an organisation's, not a
// person's): registration authority and type, a six-digit region code, a
// nine-character organisation code and the check character. Codes that
// would also read as a valid identity or card number are skipped.
func USCC(r *rand.Rand) string {
	for {
		var b strings.Builder
		b.WriteString(pick(r, []string{"91", "91", "92", "93", "12", "52", "11", "51", "Y1"}))
		b.WriteString(addressCode(r))
		if r.IntN(2) == 0 {
			b.WriteString("MA")
			for range 7 {
				b.WriteByte(usccChars[r.IntN(len(usccChars))])
			}
		} else {
			b.WriteString(digits(r, 9))
		}
		s := b.String()
		s += string(USCCCheckChar(s))
		if !ValidCNID18(s) && !LooksLikeCard(s) {
			return s
		}
	}
}
