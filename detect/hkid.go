package detect

// Hong Kong identity card numbers: one or two letters, six digits and a
// check digit (0-9 or A), usually in brackets: A123456(7).

var hkIDDef = categoryDef{
	CategoryInfo: CategoryInfo{Category: HKID,
		What:        "Hong Kong identity card (香港身份证), `A123456(7)`, `AB123456(7)`",
		ValidatedBy: "letters, six digits, mod-11 check digit; the bracketed form stands alone, the bare one with a label or personal data nearby",
		Labels:      []string{"香港身份证", "香港身份证号", "香港身份证号码", "香港身份證", "香港身分證", "hkid", "hkic", "hong kong id"},
		Keys:        []string{"hkid", "hkic", "hkidcard", "香港身份证"},
	},
	partial:  maskHKID,
	lettered: hkIDAt,
}

// hkIDAt reads a Hong Kong identity card number whose letters start at
// text[start].
func hkIDAt(text []byte, start int, scratch []byte) cand {
	norm := scratch
	pos := start
	for len(norm) < 2 && pos < len(text) {
		step()
		u := decodeUnit(text, pos)
		if u.kind == uIgnore && len(norm) > 0 {
			pos += u.size // A\u200b1234567: invisible between the letter and the digits
			continue
		}
		if u.kind != uLetter {
			break
		}
		norm = append(norm, upperASCII(u.val))
		pos += u.size
	}
	letters := len(norm)
	if letters == 0 {
		return cand{}
	}
	norm, pos, ok := readDigits(text, pos, 6, 7, norm)
	digits := len(norm) - letters
	if !ok {
		return cand{}
	}
	bracket := false
	if digits == 6 {
		// the check digit, in brackets or not: (7), （7）, (A), with
		// invisible characters anywhere between
		p := skipIgnored(text, pos)
		if p >= len(text) {
			return cand{}
		}
		if open := decodeUnit(text, p); open.val == '(' || isFullWidthParen(text, p, '(') {
			bracket = true
			p = skipIgnored(text, p+open.size)
		}
		if p >= len(text) {
			return cand{}
		}
		u := decodeUnit(text, p)
		if u.kind != uDigit && !(u.kind == uLetter && u.val&^0x20 == 'A') {
			return cand{}
		}
		norm = append(norm, upperASCII(u.val))
		p += u.size
		if bracket {
			p = skipIgnored(text, p)
			if p >= len(text) {
				return cand{}
			}
			closing := decodeUnit(text, p)
			if closing.val != ')' && !isFullWidthParen(text, p, ')') {
				return cand{}
			}
			p += closing.size
		}
		pos = p
	}
	// a closing bracket ends the number whatever follows it: the next
	// value may start right there (A123456(7)B234567(8)), and once that
	// one is masked nothing would stand after this one any more
	if !bracket && !endsToken(text, pos) || !hkIDCheckOK(norm) {
		return cand{}
	}
	c := cand{ok: true, cat: HKID, conf: 0.85, ev: EvChecksum | EvStructure, start: start, end: pos, norm: norm}
	if !bracket {
		// A1234567 is also the shape of a passport: only a label says which
		c.weak, c.labelOnly, c.conf = true, true, 0.6
	}
	return c
}

// isFullWidthParen reports whether the full-width form of paren ('(' or
// ')') stands at text[pos].
func isFullWidthParen(text []byte, pos int, paren byte) bool {
	want := "（"
	if paren == ')' {
		want = "）"
	}
	return len(text)-pos >= 3 && string(text[pos:pos+3]) == want
}

// hkIDCheckOK checks the mod-11 check digit of a normalised Hong Kong
// identity card number: letters count 10 (A) to 35 (Z), a missing second
// letter 36; weights 9 down to 1; 'A' stands for 10.
func hkIDCheckOK(v []byte) bool {
	if len(v) != 8 && len(v) != 9 {
		return false
	}
	sum, w := 0, 9
	if len(v) == 8 {
		sum, w = 9*36, 8
	}
	for _, c := range v {
		step()
		var n int
		switch {
		case w == 1 && c == 'A':
			n = 10
		case c >= '0' && c <= '9':
			n = int(c - '0')
		case c >= 'A' && c <= 'Z' && w >= 8:
			n = int(c-'A') + 10
		default:
			return false
		}
		sum += n * w
		w--
	}
	return sum%11 == 0
}

// maskHKID keeps the first letter and the check digit: A******7.
func maskHKID(dst, v []byte) []byte { return keepEnds(dst, v, 1, 1) }

// upperASCII returns an ASCII letter in upper case, any other byte as it is.
func upperASCII(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

// skipIgnored returns where the invisible characters (zero-width, soft
// hyphens …) that start at text[p] end.
func skipIgnored(text []byte, p int) int {
	for p < len(text) {
		step()
		u := decodeUnit(text, p)
		if u.kind != uIgnore {
			break
		}
		p += u.size
	}
	return p
}
