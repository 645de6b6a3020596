package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
)

// Identity numbers of Hong Kong, Macau and Taiwan, the foreigners'
// permanent residence ID card, QQ numbers, WeChat IDs and coordinates:
// valid values and look-alikes that fail one rule each.

// hkIDCheck returns the check character of a Hong Kong identity card
// number's letters and six digits: weights 9 down to 2 (a single letter
// preceded by a space worth 36), sum plus check a multiple of 11, 10
// written 'A'.
func hkIDCheck(body string) byte {
	sum, w := 0, 9
	if len(body) == 7 {
		sum, w = 9*36, 8
	}
	for i := 0; i < len(body); i++ {
		c := body[i]
		v := int(c - '0')
		if c >= 'A' && c <= 'Z' {
			v = int(c-'A') + 10
		}
		sum += v * w
		w--
	}
	switch k := (11 - sum%11) % 11; k {
	case 10:
		return 'A'
	default:
		return byte('0' + k)
	}
}

// hkIDBody returns one or two letters and six digits.
func hkIDBody(r *rand.Rand) string {
	if r.IntN(4) == 0 {
		return upper(r, 2) + digits(r, 6)
	}
	return upper(r, 1) + digits(r, 6)
}

// HKID returns a valid Hong Kong identity card number in its printed
// form, the check digit in brackets: A123456(7).
func HKID(r *rand.Rand) string {
	b := hkIDBody(r)
	return b + "(" + string(hkIDCheck(b)) + ")"
}

// HKIDBadCheck returns a bracketed Hong Kong identity card number whose
// check digit is wrong.
func HKIDBadCheck(r *rand.Rand) string {
	b := hkIDBody(r)
	good := hkIDCheck(b)
	bad := good
	for bad == good {
		bad = "0123456789A"[r.IntN(11)]
	}
	return b + "(" + string(bad) + ")"
}

// twAreaCode is the two-digit value of a Taiwan ID's area letter.
var twAreaCode = map[byte]int{'A': 10, 'B': 11, 'C': 12, 'D': 13, 'E': 14, 'F': 15, 'G': 16, 'H': 17, 'I': 34,
	'J': 18, 'K': 19, 'L': 20, 'M': 21, 'N': 22, 'O': 35, 'P': 23, 'Q': 24, 'R': 25, 'S': 26, 'T': 27, 'U': 28,
	'V': 29, 'W': 32, 'X': 30, 'Y': 31, 'Z': 33}

// twIDCheck returns the check digit of a Taiwan ID's letter and eight
// digits: the letter's value weighted 1 and 9, the digits 8 down to 1.
func twIDCheck(body string) byte {
	a := twAreaCode[body[0]]
	sum := a/10 + a%10*9
	for i := 1; i < 9; i++ {
		sum += int(body[i]-'0') * (9 - i)
	}
	return byte('0' + (10-sum%10)%10)
}

// twIDBody returns an area letter, a sex digit (1/2 citizens, 8/9
// residents) and seven digits.
func twIDBody(r *rand.Rand) string {
	return upper(r, 1) + digitFrom(r, "1289") + digits(r, 7)
}

// TWID returns a valid Taiwan ID: A123456789.
func TWID(r *rand.Rand) string {
	b := twIDBody(r)
	return b + string(twIDCheck(b))
}

// TWResidentOld returns a valid resident certificate number of before
// 2021: an area letter, a second letter A–D, seven digits and the check
// digit, computed as a national ID's with the second letter's value
// (A=10 … D=13) standing for its units digit: AB12345678.
func TWResidentOld(r *rand.Rand) string {
	second := "ABCD"[r.IntN(4)]
	body := upper(r, 1) + digits(r, 7)
	check := twIDCheck(body[:1] + string(rune('0'+twAreaCode[second]%10)) + body[1:])
	return body[:1] + string(rune(second)) + body[1:] + string(rune(check))
}

// TWResidentOldBadCheck returns an old resident certificate number whose
// check digit is wrong.
func TWResidentOldBadCheck(r *rand.Rand) string {
	v := TWResidentOld(r)
	return v[:9] + string(rune('0'+(v[9]-'0'+1+byte(r.IntN(9)))%10))
}

// TWIDBadCheck returns a Taiwan ID whose check digit is wrong.
func TWIDBadCheck(r *rand.Rand) string {
	b := twIDBody(r)
	good := twIDCheck(b)
	bad := good
	for bad == good {
		bad = byte('0' + r.IntN(10))
	}
	return b + string(bad)
}

// MOID returns a Macau resident ID: 1, 5 or 7, six digits and the last
// digit in brackets: 1234567(8).
func MOID(r *rand.Rand) string {
	return digitFrom(r, "157") + digits(r, 6) + "(" + digits(r, 1) + ")"
}

// MOIDBadPrefix returns a Macau-shaped number whose first digit no Macau
// ID has.
func MOIDBadPrefix(r *rand.Rand) string {
	return digitFrom(r, "234689") + digits(r, 6) + "(" + digits(r, 1) + ")"
}

// CNForeignPermanentID returns a valid foreigners' permanent residence ID
// card number (2023 format): 9, a province code, a three-digit nationality
// code, a birth date, a sequence and the GB 11643 check character.
func CNForeignPermanentID(r *rand.Rand) string {
	y, m, d := birthDate(r, 1940, 2015)
	b := "9" + strconv.Itoa(pick(r, ProvinceCodes)) + fmt.Sprintf("%03d", between(r, 4, 894)) + ymd(y, m, d) + fmt.Sprintf("%03d", between(r, 1, 999))
	return b + string(CNIDCheckChar(b))
}

// CNForeignPermanentIDBadCheck returns a foreigners' permanent residence
// ID whose check character is wrong.
func CNForeignPermanentIDBadCheck(r *rand.Rand) string {
	s := CNForeignPermanentID(r)
	good := s[17]
	bad := good
	for bad == good {
		bad = cnidCheckChars[r.IntN(len(cnidCheckChars))]
	}
	return s[:17] + string(bad)
}

// QQNumber returns a QQ number: 5 to 11 digits, not starting with 0.
func QQNumber(r *rand.Rand) string {
	return digitFrom(r, "123456789") + digits(r, between(r, 4, 10))
}

// QQLeadingZero returns a QQ-length number starting with 0, which no QQ
// number does.
func QQLeadingZero(r *rand.Rand) string { return "0" + digits(r, between(r, 4, 9)) }

const weChatChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"

// WeChatID returns a WeChat ID: a letter, then 5 to 19 letters, digits,
// '_' or '-' (never ending in '-'), at least one of them not a letter.
func WeChatID(r *rand.Rand) string {
	b := []byte{weChatChars[r.IntN(52)]}
	for n := between(r, 5, 19); len(b) < n+1; {
		b = append(b, weChatChars[r.IntN(len(weChatChars))])
	}
	b[1+r.IntN(len(b)-1)] = weChatChars[52+r.IntN(11)] // a digit or '_'
	if b[len(b)-1] == '-' {
		b[len(b)-1] = 'x'
	}
	return string(b)
}

// WeChatIDBad returns what is no WeChat ID: too short, starting with '_',
// or too long (more than 20 characters).
func WeChatIDBad(r *rand.Rand) string {
	switch r.IntN(3) {
	case 0:
		return WeChatID(r)[:between(r, 1, 5)]
	case 1:
		return "_" + WeChatID(r)
	}
	return WeChatID(r) + upper(r, 21)
}

// coordinate returns a coordinate within ±limit with decimals decimals.
func coordinate(r *rand.Rand, limit, decimals int) string {
	s := fmt.Sprintf("%d.%s", r.IntN(limit), digits(r, decimals))
	if r.IntN(4) == 0 {
		s = "-" + s
	}
	return s
}

// Coordinates returns a precise latitude and longitude pair, 4 to 8
// decimals: 31.2304, 121.4737.
func Coordinates(r *rand.Rand) string {
	n := between(r, 4, 8)
	return coordinate(r, 90, n) + pick(r, []string{", ", ",", " "}) + coordinate(r, 180, n)
}

// CoordinatesCoarse returns a pair with only two or three decimals: a
// city, not a home.
func CoordinatesCoarse(r *rand.Rand) string {
	n := between(r, 2, 3)
	return coordinate(r, 90, n) + ", " + coordinate(r, 180, n)
}

// CoordinatesOutOfRange returns a precise pair no place has: both
// numbers beyond 180.
func CoordinatesOutOfRange(r *rand.Rand) string {
	return fmt.Sprintf("%d.%s, %d.%s", between(r, 181, 999), digits(r, 5), between(r, 181, 999), digits(r, 5))
}

// CoordinatesMarked returns a precise pair marked with degrees and
// hemispheres, as a map or a camera writes it: 31.2304°N 121.4737°E.
func CoordinatesMarked(r *rand.Rand) string {
	n := between(r, 4, 8)
	lat, lng := fmt.Sprintf("%d.%s", r.IntN(90), digits(r, n)), fmt.Sprintf("%d.%s", r.IntN(180), digits(r, n))
	return lat + "°" + pick(r, []string{"N", "S"}) + pick(r, []string{" ", ", "}) + lng + "°" + pick(r, []string{"E", "W"})
}
