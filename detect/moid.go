package detect

// Macau resident identity card numbers (澳门居民身份证): eight digits, the
// first 1, 5 or 7, the last usually in brackets: 1234567(8). No check
// digit is published, so a number is read only after its label.

var moIDDef = categoryDef{
	CategoryInfo: CategoryInfo{Category: MOID,
		What:        "Macau resident ID (澳门身份证), `1234567(8)`",
		ValidatedBy: "eight digits starting 1, 5 or 7; only after its label",
		Labels:      []string{"澳门身份证", "澳门身份证号", "澳门身份证号码", "澳门居民身份证", "澳門身份證", "澳門居民身份證", "macau id", "macao id"},
		Keys:        []string{"moid", "macauid", "macaoid", "澳门身份证"},
	},
	partial:   maskMOID,
	keyDigits: 8,
	value:     moIDAt,
}

// moIDAt reads a Macau identity card number at text[pos].
func moIDAt(text []byte, pos int, scratch []byte) cand {
	norm, end, ok := readDigits(text, pos, 7, 8, scratch)
	if !ok || norm[0] != '1' && norm[0] != '5' && norm[0] != '7' {
		return cand{}
	}
	if len(norm) == 7 {
		// the last digit in brackets: (8), （8）
		p := end
		if p >= len(text) || text[p] != '(' && !isFullWidthParen(text, p, '(') {
			return cand{}
		}
		p += decodeUnit(text, p).size
		var last []byte
		if last, p, ok = readDigits(text, p, 1, 1, norm); !ok || p >= len(text) || text[p] != ')' && !isFullWidthParen(text, p, ')') {
			return cand{}
		}
		norm = last
		end = p + decodeUnit(text, p).size
	}
	if !endsToken(text, end) {
		return cand{}
	}
	return cand{ok: true, cat: MOID, conf: 0.8, ev: EvStructure, start: pos, end: end, norm: norm}
}

// maskMOID keeps the first and the last digit: 1******8.
func maskMOID(dst, v []byte) []byte { return keepEnds(dst, v, 1, 1) }
