package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
)

// ProvinceCodes are the first two digits of a resident identity number:
// the mainland provinces plus 71, 81, 82 and 83 (Taiwan, Hong Kong, Macau
// residence permits).
var ProvinceCodes = []int{
	11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
	41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65,
	71, 81, 82, 83,
}

var cnidWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const cnidCheckChars = "10X98765432"

// CNIDCheckChar returns the ISO 7064 MOD 11-2 check character for the
// first 17 digits of an 18-character resident identity number. It panics if
// first17 is not 17 digits.
func CNIDCheckChar(first17 string) byte {
	if len(first17) != 17 {
		panic("synth: CNIDCheckChar needs 17 digits")
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := first17[i]
		if c < '0' || c > '9' {
			panic("synth: CNIDCheckChar needs 17 digits")
		}
		sum += int(c-'0') * cnidWeights[i]
	}
	return cnidCheckChars[sum%11]
}

// isProvince reports whether p is in ProvinceCodes.
func isProvince(p int) bool {
	for _, c := range ProvinceCodes {
		if c == p {
			return true
		}
	}
	return false
}

// ValidCNID18 reports whether s is a structurally valid 18-character
// resident identity number: province code, a real birth date, and a
// matching check character (upper- or lower-case x accepted).
func ValidCNID18(s string) bool {
	if len(s) != 18 {
		return false
	}
	for i := 0; i < 17; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	p, _ := strconv.Atoi(s[:2])
	y, _ := strconv.Atoi(s[6:10])
	m, _ := strconv.Atoi(s[10:12])
	d, _ := strconv.Atoi(s[12:14])
	if !isProvince(p) || !ValidDate(y, m, d) {
		return false
	}
	c := s[17]
	if c == 'x' {
		c = 'X'
	}
	return c == CNIDCheckChar(s[:17])
}

// addressCode returns a six-digit administrative division code: a province
// code, a two-digit prefecture and a two-digit county.
func addressCode(r *rand.Rand) string {
	return fmt.Sprintf("%02d%02d%02d", pick(r, ProvinceCodes), between(r, 1, 20), between(r, 1, 30))
}

// cnid17 returns the first 17 digits of a valid 18-character identity number.
func cnid17(r *rand.Rand) string {
	y, m, d := birthDate(r, 1930, 2020)
	return addressCode(r) + ymd(y, m, d) + fmt.Sprintf("%03d", between(r, 1, 999))
}

// CNID18 returns a valid 18-character resident identity number with a
// birth date between 1930 and 2020. About one in eleven ends with X.
func CNID18(r *rand.Rand) string {
	b := cnid17(r)
	return b + string(CNIDCheckChar(b))
}

// CNID18X returns a valid 18-character resident identity number whose check
// character is X.
func CNID18X(r *rand.Rand) string {
	for {
		b := cnid17(r)
		if c := CNIDCheckChar(b); c == 'X' {
			return b + "X"
		}
	}
}

// CNID15 returns an old-form 15-digit identity number: address code, YYMMDD
// birth date (1930-1999) and a three-digit sequence, with no check digit.
func CNID15(r *rand.Rand) string {
	y, m, d := birthDate(r, 1930, 1999)
	return addressCode(r) + ymd(y, m, d)[2:] + fmt.Sprintf("%03d", between(r, 1, 999))
}

// CNIDBadCheck returns an 18-character identity number that is valid except
// for its check character. It never passes Luhn with a card IIN.
func CNIDBadCheck(r *rand.Rand) string {
	for {
		b := cnid17(r)
		good := CNIDCheckChar(b)
		bad := good
		for bad == good {
			bad = cnidCheckChars[r.IntN(len(cnidCheckChars))]
		}
		s := b + string(bad)
		if !ValidCNID18(s) && !LooksLikeCard(s) {
			return s
		}
	}
}

// CNIDBadDate returns an 18-character identity number with a correct check
// character but a birth date that does not exist: 30 or 31 February,
// 29 February of a common year, month 13 or 00, day 00 or 32.
func CNIDBadDate(r *rand.Rand) string {
	for {
		y := between(r, 1930, 2020)
		var m, d int
		switch r.IntN(6) {
		case 0:
			m, d = 2, between(r, 30, 31)
		case 1:
			for IsLeap(y) {
				y++
			}
			m, d = 2, 29
		case 2:
			m, d = 13, between(r, 1, 28)
		case 3:
			m, d = 0, between(r, 1, 28)
		case 4:
			m, d = between(r, 1, 12), 0
		default:
			m, d = between(r, 1, 12), 32
		}
		b := addressCode(r) + ymd(y, m, d) + fmt.Sprintf("%03d", between(r, 1, 999))
		s := b + string(CNIDCheckChar(b))
		if !ValidCNID18(s) && !LooksLikeCard(s) {
			return s
		}
	}
}

// ValidCNID15 reports whether s is an old-form 15-digit identity number: a
// province code and a real YYMMDD birth date in the 1900s.
func ValidCNID15(s string) bool {
	if len(s) != 15 || onlyDigits(s) != s {
		return false
	}
	p, _ := strconv.Atoi(s[:2])
	y, _ := strconv.Atoi(s[6:8])
	m, _ := strconv.Atoi(s[8:10])
	d, _ := strconv.Atoi(s[10:12])
	return isProvince(p) && ValidDate(1900+y, m, d)
}
