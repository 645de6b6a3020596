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

// nationalLengthOK reports whether a national number of n digits after
// calling code cc can be one of that country's; a code with no entry
// (most three-digit ones) takes any length E.164 leaves it, 6 to 12.
func nationalLengthOK(cc []byte, n int) bool {
	if l, ok := nationalLengths[string(cc)]; ok {
		return n >= l[0] && n <= l[1]
	}
	return n >= 6 && n <= 12
}
