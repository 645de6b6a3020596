package synth

import "math/rand/v2"

// Look-alikes one digit off a category's length: what a typo, a truncated
// copy or another numbering scheme gives. None is a valid identifier.

// CNMobileWrongLength returns an allocated mobile prefix followed by 7 or
// 9 digits: 10 or 12 digits, where every mainland mobile has 11.
func CNMobileWrongLength(r *rand.Rand) string {
	return pick(r, MobilePrefixes) + digits(r, pick(r, []int{7, 9}))
}

// CNIDWrongLength returns a resident ID shape of 17 or 19 digits: a valid
// ID with its check character dropped, or with a digit added before it.
func CNIDWrongLength(r *rand.Rand) string {
	b := cnid17(r)
	if r.IntN(2) == 0 {
		return b
	}
	return b + digits(r, 1) + string(CNIDCheckChar(b))
}

// CardWrongLength returns a Luhn-valid number with a card network's IIN
// but a length that network never issues: a 13-digit UnionPay (62) or
// Mastercard number, or a 20-digit one.
func CardWrongLength(r *rand.Rand) string {
	prefix := pick(r, []string{"62" + digitFrom(r, "12345678"), "5" + digitFrom(r, "12345")})
	return CardWith(r, prefix, pick(r, []int{13, 20}))
}
