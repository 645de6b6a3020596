package detect

import "unicode/utf8"

// A mobile behind its label written as a spreadsheet or
// Number.toLocaleString shows an eleven-digit number: in thousands,
// 13,812,345,678 (13'812'345'678 Swiss, 13.812.345.678 German,
// 13_812_345_678 a source literal). No digit run reads it as a mobile's
// grouping (two digits, then three groups of three); behind a mobile's
// label a reader takes it for the number.

// mobileThousandsAt reads a mainland mobile behind its label in thousands
// groups: two digits, then three groups of three, each set apart by the
// same thousands separator (thousandsSepAt), and no more group after
// them. It reads eleven digits and three separators at most.
func mobileThousandsAt(text []byte, pos int, scratch []byte) cand {
	step() // three bytes looked at once
	if pos < len(text) && text[pos] < utf8.RuneSelf && text[pos] != '&' && asciiClass[text[pos]].kind != uIgnore {
		// plain ASCII first: no '1', or three digits in a row (a mobile
		// written whole, the most common, which the digit runs read)
		if text[pos] != '1' || pos+2 < len(text) && isASCIIDigit(text[pos+1]) && isASCIIDigit(text[pos+2]) {
			return cand{}
		}
	}
	d, end, ok := readDigits(text, pos, 2, 2, scratch)
	if !ok || d[0] != '1' {
		return cand{}
	}
	var sep rune
	for g := range 3 {
		p := skipIgnored(text, end)
		r, size := thousandsSepAt(text, p)
		if r == 0 || g > 0 && r != sep {
			return cand{}
		}
		sep = r
		if d, end, ok = readDigits(text, p+size, 3, 3, d); !ok {
			return cand{}
		}
	}
	if !cnMobilePrefixOK(d) || !numberEnds(text, end) {
		return cand{}
	}
	if p := skipIgnored(text, end); p < len(text) {
		if r, size := thousandsSepAt(text, p); r != 0 && p+size < len(text) && decodeUnit(text, p+size).kind == uDigit {
			return cand{} // one more group: a number of fourteen digits or more
		}
	}
	return cand{ok: true, cat: CNMobile, conf: 0.8, ev: EvStructure, start: pos, end: end, norm: d}
}

// thousandsSepAt returns the thousands separator at text[p], as written
// or as a character reference, and its size: a comma (ASCII or
// full-width), a full stop, an apostrophe (ASCII or ’) or an underscore;
// r 0 when none stands there.
func thousandsSepAt(text []byte, p int) (r rune, size int) {
	if p >= len(text) {
		return 0, 0
	}
	r, size = decodeRune(text[p:])
	if r == '&' {
		r, size = decodeCharRef(text[p:])
	}
	switch r {
	case ',', '.', '\'', '’', '_', '，':
		return r, size
	}
	return 0, 0
}
