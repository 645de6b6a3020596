package detect

// Check-digit and date rules of the identifiers. Every function takes
// normalised ASCII digits.

var cnIDWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// cnIDCheckChar computes the GB 11643 check character of 17 digits.
func cnIDCheckChar(d []byte) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		step()
		sum += int(d[i]-'0') * cnIDWeights[i]
	}
	return "10X98765432"[sum%11]
}

// cnProvinceOK reports whether two digits are a province-level code of the
// resident ID system (including 71/81/82/83 for residence permits).
func cnProvinceOK(a, b byte) bool {
	switch a {
	case '1':
		return b >= '1' && b <= '5'
	case '2':
		return b >= '1' && b <= '3'
	case '3':
		return b >= '1' && b <= '7'
	case '4':
		return b >= '1' && b <= '6'
	case '5':
		return b >= '0' && b <= '4'
	case '6':
		return b >= '1' && b <= '5'
	case '7':
		return b == '1'
	case '8':
		return b >= '1' && b <= '3'
	}
	return false
}

func atoi(d []byte) int {
	n := 0
	for _, c := range d {
		step()
		n = n*10 + int(c-'0')
	}
	return n
}

// dateOK reports whether year-month-day exists in the Gregorian calendar.
func dateOK(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m]
	if m == 2 && (y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
		days = 29
	}
	return d <= days
}

// cnID18OK validates an 18-character resident ID: province, a real birth
// date from 1800 on, and the check character (upper-case X). The
// foreigners' permanent residence ID card of 2023 has the same date and
// check character behind 9, the province of issue and a nationality code.
func cnID18OK(d []byte) bool {
	if len(d) != 18 || !cnProvinceOK(d[0], d[1]) && !(d[0] == '9' && cnProvinceOK(d[1], d[2]) && string(d[3:6]) != "000") {
		return false
	}
	y := atoi(d[6:10])
	if y < 1800 || !dateOK(y, atoi(d[10:12]), atoi(d[12:14])) {
		return false
	}
	return cnIDCheckChar(d) == d[17]
}

// cnID15OK validates the old 15-digit form: province and a real YYMMDD date.
func cnID15OK(d []byte) bool {
	if len(d) != 15 || !cnProvinceOK(d[0], d[1]) {
		return false
	}
	return dateOK(1900+atoi(d[6:8]), atoi(d[8:10]), atoi(d[10:12]))
}

// luhnOK runs the Luhn check over digits.
func luhnOK(d []byte) bool {
	sum, double := 0, false
	for i := len(d) - 1; i >= 0; i-- {
		step()
		n := int(d[i] - '0')
		if double {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
		double = !double
	}
	return sum%10 == 0
}

// cardBrand returns the issuer network of a card number by IIN and length,
// or "" when no network issues such a number.
func cardBrand(d []byte) string {
	n := len(d)
	switch d[0] {
	case '0', '7', '9':
		return "" // no network's numbers start so
	case '1':
		if n == 15 {
			return "uatp" // airline cards: 15 digits from 1, like many other numbers
		}
		return ""
	}
	p4 := atoi(d[:4])
	p3, p2 := p4/10, p4/100
	switch {
	case d[0] == '4' && (n == 13 || n == 16 || n == 19):
		return "visa"
	case ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && n == 16:
		return "mastercard"
	case (p2 == 34 || p2 == 37) && n == 15:
		return "amex"
	case p4 >= 3528 && p4 <= 3589 && n >= 16 && n <= 19:
		return "jcb"
	case (p4 == 6011 || p2 == 65 || (p3 >= 644 && p3 <= 649)) && n >= 16 && n <= 19:
		return "discover"
	case p2 == 62 && n >= 16 && n <= 19:
		return "unionpay"
	case p2 == 62 && n >= 14 || p4 >= 8100 && p4 <= 8171 && n >= 16 && n <= 19:
		// 14 and 15 digits: issued, but rare; the 81 range: new, and the
		// first digits of many machine numbers (snowflake IDs)
		return "unionpay_label"
	case ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) && n == 14:
		return "diners"
	case p4 == 5019 && n == 16:
		return "dankort"
	case (p4 == 5018 || p4 == 5020 || p4 == 5038 || p4 == 5893 || p4 == 6304 || p4 == 6759 || p4 >= 6761 && p4 <= 6763 ||
		p2 == 50 || p2 >= 56 && p2 <= 58) && n >= 12:
		return "maestro"
	}
	return ""
}

// cnMobilePrefixOK reports whether an 11-digit number starts with an
// allocated personal mobile prefix (not the 13-digit IoT ranges).
func cnMobilePrefixOK(d []byte) bool {
	if len(d) != 11 || d[0] != '1' {
		return false
	}
	if a, b := d[1]-'0', d[2]-'0'; a < 10 && b < 10 {
		return mobilePrefixes[a*10+b] // two digits, the whole of every call from a run
	}
	return mobilePrefix(atoi(d[1:3]))
}

// mobilePrefix reports whether p, the number the two characters after a
// mobile's leading 1 make (atoi), is an allocated personal prefix.
func mobilePrefix(p int) bool {
	switch {
	case p >= 30 && p <= 39, p == 45, p == 47, p == 49,
		p >= 50 && p <= 53, p >= 55 && p <= 59,
		p == 62, p == 65, p == 66, p == 67,
		p >= 70 && p <= 78, p >= 80 && p <= 99:
		return true
	}
	return false
}

// mobilePrefixes is mobilePrefix for the prefixes of two digits, 00 to
// 99, looked up instead of compared: a run of mobiles asks it of every
// window. Made from mobilePrefix, so the two cannot drift.
var mobilePrefixes = func() (t [100]bool) {
	for p := range t {
		step()
		t[p] = mobilePrefix(p)
	}
	return t
}()

// usSSNOK applies the SSA's structural rules: area not 000, 666 or 9xx,
// group not 00, serial not 0000; and it refuses the numbers known never to
// be anyone's: 078-05-1120 (printed in wallets), 219-09-9999 (in an SSA
// advertisement), 457-55-5462 (in another advertisement), 123-45-6789 and
// nine repeated digits (placeholders).
func usSSNOK(d []byte) bool {
	if len(d) != 9 {
		return false
	}
	switch string(d) {
	case "078051120", "219099999", "457555462", "123456789":
		return false
	}
	if allSame(d) {
		return false
	}
	area := atoi(d[:3])
	return area != 0 && area != 666 && area < 900 && atoi(d[3:5]) != 0 && atoi(d[5:]) != 0
}

// usITINOK applies the IRS's rules for individual taxpayer numbers, which
// are written like SSNs: area 9xx, group 50–65, 70–88, 90–92 or 94–99,
// serial not 0000.
func usITINOK(d []byte) bool {
	if len(d) != 9 || d[0] != '9' || atoi(d[5:]) == 0 {
		return false
	}
	switch g := atoi(d[3:5]); {
	case g >= 50 && g <= 65, g >= 70 && g <= 88, g >= 90 && g <= 92, g >= 94:
		return true
	}
	return false
}
