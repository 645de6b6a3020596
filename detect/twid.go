package detect

// Taiwan national identification numbers (國民身分證統一編號), the 2021
// resident certificate numbers of the same shape (a letter, 1 or 2, 8 or 9
// for residents, seven digits and a check digit), and the resident
// certificate numbers issued before 2021, still in use on older cards and
// records: an area letter, a second letter A–D, seven digits and a check
// digit, computed as the national number's with the second letter's value
// (A=10 … D=13) standing for its units digit.

var twIDDef = categoryDef{
	CategoryInfo: CategoryInfo{Category: TWID,
		What:        "Taiwan ID (身分證字號), `A123456789`; resident certificate (居留證) of before 2021, `AB12345678`",
		ValidatedBy: "area letter, sex digit 1/2 (8/9 for residents) or second letter A–D, check digit; with a label or personal data nearby",
		Labels:      []string{"台湾身份证", "台湾身份证号", "台湾身分证", "台灣身分證", "臺灣身分證", "身分證字號", "身分證號", "居留證號", "taiwan id"},
		Keys:        []string{"twid", "taiwanid", "身分證字號"},
	},
	partial:  maskTWID,
	lettered: twIDAt,
}

// twAreaCodes holds the two-digit value of each area letter, A to Z.
var twAreaCodes = [26]uint8{10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33}

// twIDAt reads a Taiwan ID whose letter stands at text[start].
func twIDAt(text []byte, start int, scratch []byte) cand {
	u := decodeUnit(text, start)
	if u.kind != uLetter {
		return cand{}
	}
	norm := append(scratch, upperASCII(u.val))
	pos := start + u.size
	if v := decodeUnit(text, pos); v.kind == uLetter {
		// the resident certificate of before 2021: AB12345678
		norm = append(norm, upperASCII(v.val))
		pos += v.size
	}
	norm, end, ok := readDigits(text, pos, 10-len(norm), 10-len(norm), norm)
	if !ok || !endsToken(text, end) || !twIDCheckOK(norm) {
		return cand{}
	}
	return cand{ok: true, cat: TWID, conf: 0.7, ev: EvChecksum | EvStructure, weak: true, start: start, end: end, norm: norm}
}

// twIDCheckOK checks a normalised Taiwan ID: the area letter's two digits
// weighted 1 and 9, the nine digits 8 down to 1 and 1 (a second letter
// counting as the units digit of its value); the sum is a multiple of ten.
func twIDCheckOK(v []byte) bool {
	if len(v) != 10 || v[0] < 'A' || v[0] > 'Z' {
		return false
	}
	second := int(v[1] - '0')
	switch v[1] {
	case '1', '2', '8', '9':
	case 'A', 'B', 'C', 'D':
		second = int(twAreaCodes[v[1]-'A']) % 10
	default:
		return false
	}
	area := int(twAreaCodes[v[0]-'A'])
	sum := area/10 + area%10*9 + second*8
	for k := 2; k < 10; k++ {
		step()
		w := 9 - k
		if k == 9 {
			w = 1
		}
		sum += int(v[k]-'0') * w
	}
	return sum%10 == 0
}

// maskTWID keeps the area letter and the last two digits: A*******89,
// A********78.
func maskTWID(dst, v []byte) []byte { return keepEnds(dst, v, 1, 2) }
