package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// IBANLengths are the total IBAN lengths of the countries IBAN generates.
var IBANLengths = map[string]int{"DE": 22, "GB": 22, "FR": 27, "NL": 18, "ES": 24, "IT": 27}

// ibanCountries lists the keys of IBANLengths in a fixed order.
var ibanCountries = []string{"DE", "GB", "FR", "NL", "ES", "IT"}

// ibanMod97 returns the ISO 7064 MOD 97-10 remainder of an IBAN-ordered
// string (letters count as 10-35).
func ibanMod97(s string) int {
	m := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			m = (m*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			m = (m*100 + int(c-'A') + 10) % 97
		}
	}
	return m
}

// IBANCheckDigits returns the two check digits for a country code and BBAN.
func IBANCheckDigits(country, bban string) string {
	return fmt.Sprintf("%02d", 98-ibanMod97(bban+country+"00"))
}

// ValidIBAN reports whether s (spaces ignored) has a known country length
// and passes the mod-97 check.
func ValidIBAN(s string) bool {
	s = strings.ReplaceAll(s, " ", "")
	if len(s) < 4 {
		return false
	}
	if n, ok := IBANLengths[s[:2]]; ok && n != len(s) {
		return false
	}
	return ibanMod97(s[4:]+s[:4]) == 1
}

// IBAN returns a valid IBAN for DE, GB, FR, NL, ES or IT, unspaced, with
// correct mod-97 check digits and, where the country has them, correct
// national check digits.
func IBAN(r *rand.Rand) string {
	c := pick(r, ibanCountries)
	b := bban(r, c)
	return c + IBANCheckDigits(c, b) + b
}

// IBANGrouped returns a valid IBAN printed in groups of four characters
// separated by spaces.
func IBANGrouped(r *rand.Rand) string { return GroupIBAN(IBAN(r)) }

// GroupIBAN prints an IBAN in groups of four characters.
func GroupIBAN(s string) string { return Grouped(s, " ", 4) }

// IBANBadCheck returns an IBAN whose check digits are wrong, so mod 97 is
// not 1.
func IBANBadCheck(r *rand.Rand) string {
	c := pick(r, ibanCountries)
	b := bban(r, c)
	good := IBANCheckDigits(c, b)
	for {
		bad := fmt.Sprintf("%02d", between(r, 2, 98))
		if bad != good {
			return c + bad + b
		}
	}
}

// bban returns a national account number for country c.
func bban(r *rand.Rand, c string) string {
	switch c {
	case "DE": // 8-digit bank code, 10-digit account
		return digits(r, 8) + digits(r, 10)
	case "GB": // 4-letter bank, 6-digit sort code, 8-digit account
		return upper(r, 4) + digits(r, 6) + digits(r, 8)
	case "FR": // bank 5, branch 5, account 11, RIB key 2
		bank, branch, acct := digits(r, 5), digits(r, 5), digits(r, 11)
		return bank + branch + acct + ribKey(bank, branch, acct)
	case "NL": // 4-letter bank, 10-digit account passing the 11-test
		return upper(r, 4) + elfproef(r)
	case "ES": // bank 4, branch 4, 2 national check digits, account 10
		bank, branch, acct := digits(r, 4), digits(r, 4), digits(r, 10)
		return bank + branch + esCheck("00"+bank+branch) + esCheck(acct) + acct
	default: // IT: CIN letter, ABI 5, CAB 5, account 12
		rest := digits(r, 5) + digits(r, 5) + digits(r, 12)
		return string(itCIN(rest)) + rest
	}
}

// ribKey returns the French RIB key of an all-digit bank, branch and account.
func ribKey(bank, branch, acct string) string {
	b, _ := strconv.Atoi(bank)
	g, _ := strconv.Atoi(branch)
	a, _ := strconv.ParseInt(acct, 10, 64)
	k := 97 - int((89*int64(b)+15*int64(g)+3*a)%97)
	return fmt.Sprintf("%02d", k)
}

// elfproef returns a 10-digit Dutch account number whose weighted sum
// (weights 10..1) is divisible by 11.
func elfproef(r *rand.Rand) string {
	for {
		d := digits(r, 9)
		sum := 0
		for i := 0; i < 9; i++ {
			sum += int(d[i]-'0') * (10 - i)
		}
		last := (11 - sum%11) % 11
		if last < 10 {
			return d + string(byte('0'+last))
		}
	}
}

// esCheck returns one Spanish national check digit over ten digits.
func esCheck(ten string) string {
	w := [10]int{1, 2, 4, 8, 5, 10, 9, 7, 3, 6}
	sum := 0
	for i := 0; i < 10; i++ {
		sum += int(ten[i]-'0') * w[i]
	}
	d := 11 - sum%11
	switch d {
	case 11:
		d = 0
	case 10:
		d = 1
	}
	return strconv.Itoa(d)
}

// itCIN returns the Italian CIN check letter over ABI, CAB and account.
func itCIN(s string) byte {
	odd := [10]int{1, 0, 5, 7, 9, 13, 15, 17, 19, 21}
	sum := 0
	for i := 0; i < len(s); i++ {
		v := int(s[i] - '0')
		if i%2 == 0 { // 1-based odd position
			sum += odd[v]
		} else {
			sum += v
		}
	}
	return byte('A' + sum%26)
}

// IBANLibya returns a valid Libyan IBAN (LY, 25 characters: a three-digit
// bank, a three-digit branch and a fifteen-digit account).
func IBANLibya(r *rand.Rand) string {
	b := digits(r, 21)
	return "LY" + IBANCheckDigits("LY", b) + b
}

// IBANWritten returns a valid IBAN written as people write them: a space
// after the country code (ES 58 0049 …), groups joined by dashes or dots,
// or groups of uneven length.
func IBANWritten(r *rand.Rand) string {
	s := IBAN(r)
	if r.IntN(5) == 0 {
		s = IBANLibya(r)
	}
	switch r.IntN(4) {
	case 0:
		return s[:2] + " " + s[2:4] + " " + Grouped(s[4:], " ", 4)
	case 1:
		return Grouped(s, "-", 4)
	case 2:
		return Grouped(s, ".", 4)
	}
	var b strings.Builder
	b.WriteString(s[:4])
	for rest := s[4:]; rest != ""; {
		n := min(len(rest), between(r, 2, 6))
		b.WriteString(" " + rest[:n])
		rest = rest[n:]
	}
	return b.String()
}
