package detect

// nationalLengths holds, for the calling codes of countryCodes written out
// in full, the fewest and most digits of a national significant number
// there (ITU-T E.164 national numbering plans as the countries publish
// them, fixed and mobile lines alike; a few digits of room where a plan
// has shorter old lines). A number after '+' whose national part is of no
// length its country gives is no phone number: +20 240101 (build+20240101)
// is no Egyptian number. China (86) is read by its own rules, exactly.
var nationalLengths = map[string][2]int{
	"1": {10, 10}, "7": {10, 10},
	"20": {8, 10}, "27": {9, 9},
	"30": {10, 10}, "31": {9, 11}, "32": {8, 9}, "33": {9, 9}, "34": {9, 9},
	"36": {8, 9}, "39": {6, 11},
	"40": {9, 9}, "41": {9, 9}, "43": {7, 13}, "44": {9, 10}, "45": {8, 8},
	"46": {7, 10}, "47": {8, 8}, "48": {9, 9}, "49": {6, 13},
	"51": {8, 9}, "52": {10, 10}, "53": {8, 8}, "54": {10, 11}, "55": {10, 11},
	"56": {9, 9}, "57": {10, 10}, "58": {10, 10},
	"60": {8, 10}, "61": {9, 9}, "62": {8, 12}, "63": {8, 10}, "64": {8, 10},
	"65": {8, 8}, "66": {8, 9},
	"81": {9, 10}, "82": {8, 10}, "84": {9, 10},
	"90": {10, 10}, "91": {10, 10}, "92": {9, 10}, "93": {9, 9}, "94": {9, 9},
	"95": {8, 10}, "98": {10, 10},
	"852": {8, 8}, "853": {8, 8}, "886": {8, 9},
}

// nationalLengthOK reports whether nat, the national part of a number
// after calling code cc, has a length that country gives; a code with no
// entry (most three-digit ones) takes any length E.164 leaves it, 6 to 12.
// The prefixes a number is written with but that are no national digits
// are left out of the count: a trunk 0 (+44 (0)20 …, +33 (0)6 …, +81
// (0)90-…, the national prefix kept in the international form; Russia's
// and Kazakhstan's trunk 8, +7 (8) 916 …, in a number one digit too long
// without it) and Mexico's former mobile 1 (+52 1 55 …, which dialers
// still accept) and 044/045 (+52 044 55 …, as address books kept them).
// Australia's 13 and 1300/1800 numbers (six and ten digits) are business
// lines, no one's personal number, as North American toll-free ones are:
// left to their length, no Australian number.
func nationalLengthOK(cc, nat []byte) bool {
	n := len(nat)
	l, ok := nationalLengths[string(cc)]
	if !ok {
		l = [2]int{6, 12}
	}
	switch {
	case n > 0 && nat[0] == '0' && n-1 >= l[0] && n-1 <= l[1]:
		return true // the trunk 0
	case n > 3 && string(cc) == "52" && nat[0] == '0' && nat[1] == '4' && (nat[2] == '4' || nat[2] == '5') && n-3 == l[1]:
		return true // +52 044 55 …, +52 045 …: Mexico's former mobile prefixes
	case n > 0 && nat[0] == '8' && string(cc) == "7" && n-1 == l[1]:
		return true // +7 (8) 916 …: the trunk 8 of Russia and Kazakhstan
	case n > 0 && nat[0] == '0' && ok && string(cc) != "39":
		// no national number of these countries starts with 0 but
		// Italy's (and some of the codes with no entry): the 0 is a
		// trunk prefix, never counted (+33 (0)6 and eight digits is no
		// French number)
		return false
	case n > 0 && nat[0] == '1' && string(cc) == "52" && n-1 == l[1]:
		return true // +52 1 55 …
	}
	return n >= l[0] && n <= l[1]
}
