package detect

// namedRefs are the HTML named character references that can hide a digit,
// a separator or a delimiter between digit groups, an '@' or a dot, or
// start an escape another decoder reads (a backslash, a percent sign), or a
// character a reader takes for the X ending a resident ID.
var namedRefs = map[string]rune{
	"nbsp": 0xA0, "shy": 0xAD, "zwj": 0x200D, "zwnj": 0x200C, "lrm": 0x200E, "rlm": 0x200F,
	"commat": '@', "period": '.', "hyphen": 0x2010, "dash": 0x2010, "ndash": 0x2013,
	"mdash": 0x2014, "minus": 0x2212, "lpar": '(', "rpar": ')', "plus": '+', "sol": '/',
	"num": '#', "numsp": 0x2007, "thinsp": 0x2009, "ensp": 0x2002, "emsp": 0x2003,
	"NewLine": '\n', "Tab": '\t', "colon": ':', "amp": '&', "lowbar": '_', "middot": 0xB7,
	"hairsp": 0x200A, "ZeroWidthSpace": 0x200B, "NoBreak": 0x2060, "InvisibleTimes": 0x2062,
	"bsol": '\\', "percnt": '%', "times": 0xD7, "cross": 0x2717, "chi": 0x3C7, "Chi": 0x3A7,
	// delimiters put between digit groups (bodyformat's delimited reading)
	"vert": '|', "verbar": '|', "VerticalLine": '|', "semi": ';', "comma": ',', "UnderBar": '_',
	"hellip": 0x2026, "rarr": 0x2192, "larr": 0x2190, "rArr": 0x21D2, "raquo": 0xBB, "laquo": 0xAB, "bull": 0x2022,
}

// DecodeCharRef decodes the HTML character reference at the start of s as
// the engine reads it (see decodeCharRef), for the formats that decode
// references before another decoder runs: an attribute's value holding
// &#92;u0031 becomes \u0031 for the script that passes it to JSON.parse.
func DecodeCharRef(s []byte) (r rune, n int) { return decodeCharRef(s) }

// decodeCharRef decodes an HTML character reference at the start of s
// ("&#49;", "&#x31;", "&#0000049;", "&nbsp;"; numeric ones may omit the
// ';', and may have any number of leading zeros) and returns the rune and
// the reference's length, or n == 0.
func decodeCharRef(s []byte) (r rune, n int) {
	if len(s) < 3 || s[0] != '&' {
		return 0, 0
	}
	if s[1] == '#' {
		i, base := 2, rune(10)
		if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
			i, base = 3, 16
		}
		// leading zeros do not count: a browser reads &#0000000049; as
		// '1' however many there are
		for i < len(s) && s[i] == '0' && i+1 < len(s) && hexVal(s[i+1]) >= 0 {
			step()
			i++
		}
		start := i
		for i < len(s) && i-start < 8 {
			step()
			d := hexVal(s[i])
			if d < 0 || rune(d) >= base {
				break
			}
			if r = r*base + rune(d); r > 0x10FFFF {
				return 0, 0
			}
			i++
		}
		if i == start || r > 0x10FFFF || r == 0 || (r >= 0xD800 && r <= 0xDFFF) {
			return 0, 0
		}
		if i < len(s) && s[i] == ';' {
			i++
		}
		return r, i
	}
	i := 1
	for i < len(s) && i < 17 && isASCIILetter(s[i]) {
		step()
		i++
	}
	if i == 1 || i >= len(s) || s[i] != ';' {
		return 0, 0
	}
	if r, ok := namedRefs[string(s[1:i])]; ok {
		return r, i + 1
	}
	return 0, 0
}

func hexVal(b byte) int {
	switch {
	case b >= '0' && b <= '9':
		return int(b - '0')
	case b >= 'a' && b <= 'f':
		return int(b-'a') + 10
	case b >= 'A' && b <= 'F':
		return int(b-'A') + 10
	}
	return -1
}

func isASCIILetter(b byte) bool { return (b|0x20) >= 'a' && (b|0x20) <= 'z' }

func isASCIIDigit(b byte) bool { return b >= '0' && b <= '9' }
