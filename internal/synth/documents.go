package synth

import "math/rand/v2"

// CNPassport returns a PRC ordinary passport number: E + 8 digits,
// E + letter (not I/O) + 7 digits (since 2017) or the older G + 8 digits.
func CNPassport(r *rand.Rand) string {
	switch r.IntN(3) {
	case 0:
		return "E" + digits(r, 8)
	case 1:
		return "E" + string(lettersNoIO[r.IntN(len(lettersNoIO))]) + digits(r, 7)
	default:
		return "G" + digits(r, 8)
	}
}

// CNPermit returns a travel permit number: mainland residents' HK/Macau
// permit C + 8 digits or C + letter (not I/O) + 7 digits, or the HK/Macau
// residents' mainland permit (回乡证) H/M + 8 digits.
func CNPermit(r *rand.Rand) string {
	switch r.IntN(3) {
	case 0:
		return "C" + digits(r, 8)
	case 1:
		return "C" + string(lettersNoIO[r.IntN(len(lettersNoIO))]) + digits(r, 7)
	default:
		return pick(r, []string{"H", "M"}) + digits(r, 8)
	}
}

// CNPassportShort returns a passport-shaped code one digit short (E or G
// and seven digits: a model or batch number), which no passport is.
func CNPassportShort(r *rand.Rand) string {
	return pick(r, []string{"E", "G"}) + digits(r, 7)
}

// CNPermitShort returns a permit-shaped code that no permit is: C, H or M
// and seven digits (one short), or C with the letter I or O, which
// permits leave out.
func CNPermitShort(r *rand.Rand) string {
	if r.IntN(3) == 0 {
		return "C" + pick(r, []string{"I", "O"}) + digits(r, 7)
	}
	return pick(r, []string{"C", "H", "M"}) + digits(r, 7)
}
