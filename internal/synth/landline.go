package synth

import (
	"math/rand/v2"
	"strings"
)

// threeDigitAreas are the 3-digit area codes (Beijing and the 02x cities),
// whose local numbers have 8 digits.
var threeDigitAreas = []string{"010", "020", "021", "022", "023", "024", "025", "027", "028", "029"}

// fourDigitAreas are a sample of 4-digit area codes.
var fourDigitAreas = []string{
	"0755", "0571", "0512", "0731", "0591", "0871", "0431", "0451", "0531", "0532",
	"0551", "0371", "0311", "0351", "0471", "0898", "0931", "0851", "0771", "0791",
	"0769", "0757", "0760", "0574", "0592",
}

// landlineParts returns an area code and a local number of 7 or 8 digits
// starting 2-9.
func landlineParts(r *rand.Rand) (area, local string) {
	if r.IntN(3) == 0 {
		area = pick(r, threeDigitAreas)
		return area, digitFrom(r, "23456789") + digits(r, 7)
	}
	area = pick(r, fourDigitAreas)
	n := 8
	if r.IntN(3) == 0 {
		n = 7
	}
	return area, digitFrom(r, "23456789") + digits(r, n-1)
}

// CNLandline returns a mainland fixed-line number in one of the separated
// forms "010-8xxxxxxx", "(0755)2xxxxxxx", "021 6xxx xxxx" or
// "+86-755-2xxxxxxx".
func CNLandline(r *rand.Rand) string {
	area, local := landlineParts(r)
	switch r.IntN(4) {
	case 0:
		return area + "-" + local
	case 1:
		return "(" + area + ")" + local
	case 2:
		h := len(local) - 4
		return area + " " + local[:h] + " " + local[h:]
	default:
		return intlLandline(area, local)
	}
}

// CNLandlineIntl returns a mainland fixed-line number written with the
// country code, such as "+86-755-2xxxxxxx" (the area code without its 0).
func CNLandlineIntl(r *rand.Rand) string {
	return intlLandline(landlineParts(r))
}

// intlLandline writes area and local as "+86-<area without 0>-<local>".
func intlLandline(area, local string) string {
	return "+86-" + strings.TrimPrefix(area, "0") + "-" + local
}

// CNLandlineContiguous returns a fixed-line number written without any
// separator, such as "075523456789", which needs a label to be recognised.
func CNLandlineContiguous(r *rand.Rand) string {
	area, local := landlineParts(r)
	return area + local
}
