package synth

import (
	"fmt"
	"math/rand/v2"
)

// nanpTollFree are NANP area codes of toll-free numbers (businesses).
var nanpTollFree = map[int]bool{800: true, 833: true, 844: true, 855: true, 866: true, 877: true, 888: true}

// nanpParts returns a plausible NANP area code and exchange (NXX, not N11,
// not toll-free, not 555, premium 900 or 400, which looks like a Chinese
// service number) and a 4-digit line number.
func nanpParts(r *rand.Rand) (npa, nxx, line string) {
	for {
		a := between(r, 2, 9)*100 + between(r, 0, 8)*10 + between(r, 0, 9)
		if a%100 == 11 || nanpTollFree[a] || a == 900 || a == 555 || a == 400 {
			continue
		}
		e := between(r, 2, 9)*100 + between(r, 0, 99)
		if e%100 == 11 || e == 555 {
			continue
		}
		return fmt.Sprint(a), fmt.Sprint(e), digits(r, 4)
	}
}

// E164Phone returns an international phone number with a '+' country code:
// +1 (NANP, not toll-free), +44 (UK mobile), +49 (German mobile), +33
// (French mobile) or +81 (Japanese mobile), compact or grouped with spaces
// or dashes.
func E164Phone(r *rand.Rand) string {
	compact := r.IntN(3) == 0
	switch r.IntN(5) {
	case 0:
		npa, nxx, line := nanpParts(r)
		if compact {
			return "+1" + npa + nxx + line
		}
		if r.IntN(2) == 0 {
			return "+1 " + npa + "-" + nxx + "-" + line
		}
		return "+1 (" + npa + ") " + nxx + "-" + line
	case 1:
		n := "7" + digitFrom(r, "123456789") + digits(r, 8)
		if compact {
			return "+44" + n
		}
		return "+44 " + n[:4] + " " + n[4:]
	case 2:
		p := pick(r, []string{"151", "152", "157", "159", "160", "162", "170", "171", "172", "176", "178"})
		rest := digits(r, between(r, 7, 8))
		if compact {
			return "+49" + p + rest
		}
		return "+49 " + p + " " + rest
	case 3:
		n := digitFrom(r, "67") + digits(r, 8)
		if compact {
			return "+33" + n
		}
		return "+33 " + n[:1] + " " + n[1:3] + " " + n[3:5] + " " + n[5:7] + " " + n[7:]
	default:
		p := pick(r, []string{"70", "80", "90"})
		rest := digitFrom(r, "123456789") + digits(r, 7)
		if compact {
			return "+81" + p + rest
		}
		return "+81 " + p + "-" + rest[:4] + "-" + rest[4:]
	}
}

// NANPNational returns a NANP number without country code, "(NPA) NXX-XXXX"
// or "NPA-NXX-XXXX", which a detector should only flag after a label.
func NANPNational(r *rand.Rand) string {
	npa, nxx, line := nanpParts(r)
	if r.IntN(2) == 0 {
		return "(" + npa + ") " + nxx + "-" + line
	}
	return npa + "-" + nxx + "-" + line
}

// NANPTollFree returns a North American toll-free business number with
// country code, such as +1-800-234-5678 (800, 833, 844, 855, 866, 877, 888).
func NANPTollFree(r *rand.Rand) string {
	npa := pick(r, []string{"800", "833", "844", "855", "866", "877", "888"})
	_, nxx, line := nanpParts(r)
	if r.IntN(2) == 0 {
		return "+1-" + npa + "-" + nxx + "-" + line
	}
	return "+1 (" + npa + ") " + nxx + "-" + line
}

// PhoneSum returns a sum written without spaces (2+34567890): a '+' and
// enough digits for a phone number, but a digit before the '+'.
func PhoneSum(r *rand.Rand) string {
	return digitFrom(r, "123456789") + "+" + digitFrom(r, "123456789") + digits(r, between(r, 7, 9))
}

// PhoneHKMOBadLength returns a Hong Kong (+852) or Macau (+853) number
// of seven or nine digits, where every number there has eight.
func PhoneHKMOBadLength(r *rand.Rand) string {
	cc := pick(r, []string{"+852", "+853"})
	n := digitFrom(r, "2345679") + digits(r, pick(r, []int{6, 8}))
	if r.IntN(2) == 0 {
		return cc + " " + n
	}
	return cc + n
}
