package bodyformat

import (
	"math"
	"strconv"
)

// scanJSONNumber reads the number starting at src[i] and returns where it
// ends, whether it is written as a plain integer (no fraction, no
// exponent), and false when it breaks the JSON grammar.
func scanJSONNumber(src []byte, i int) (end int, integral, ok bool) {
	n := len(src)
	digitsFrom := func(i int) int {
		for i < n && src[i] >= '0' && src[i] <= '9' {
			i++
		}
		return i
	}
	if i < n && src[i] == '-' {
		i++
	}
	switch {
	case i < n && src[i] == '0':
		i++
	case i < n && src[i] >= '1' && src[i] <= '9':
		i = digitsFrom(i)
	default:
		return 0, false, false
	}
	integral = true
	if i < n && src[i] == '.' {
		j := digitsFrom(i + 1)
		if j == i+1 {
			return 0, false, false
		}
		i, integral = j, false
	}
	if i < n && (src[i] == 'e' || src[i] == 'E') {
		i++
		if i < n && (src[i] == '+' || src[i] == '-') {
			i++
		}
		j := digitsFrom(i)
		if j == i {
			return 0, false, false
		}
		i, integral = j, false
	}
	return i, integral, true
}

// maxIntegerDigits bounds the integers appendIntegerDigits writes out: no
// identifier the engine knows is longer.
const maxIntegerDigits = 34

// appendIntegerDigits appends the decimal digits of the whole number that
// a valid JSON number with a fraction or exponent denotes (1.3812345678e10
// → 13812345678), sign dropped. ok is false when the number is not a whole
// number or is too long to be an identifier.
func appendIntegerDigits(dst, num []byte) (_ []byte, ok bool) {
	base := len(dst)
	if len(num) > 0 && num[0] == '-' {
		num = num[1:]
	}
	frac, i := 0, 0
	mantissa := func(c byte) bool {
		if c < '0' || c > '9' {
			return false
		}
		if c != '0' || len(dst) > base { // leading zeros dropped
			dst = append(dst, c)
		}
		return true
	}
	for i < len(num) && mantissa(num[i]) {
		i++
	}
	if i < len(num) && num[i] == '.' {
		for i++; i < len(num) && mantissa(num[i]); i++ {
			frac++
		}
	}
	if n := len(dst) - base; n == 0 || n > 2*maxIntegerDigits {
		return dst[:base], false
	}
	exp := 0
	if i < len(num) { // the exponent
		i++
		neg := num[i] == '-'
		if num[i] == '+' || num[i] == '-' {
			i++
		}
		for ; i < len(num); i++ {
			if exp = exp*10 + int(num[i]-'0'); exp > 2*maxIntegerDigits {
				return dst[:base], false
			}
		}
		if neg {
			exp = -exp
		}
	}
	n := len(dst) - base
	if shift := exp - frac; shift < 0 {
		if -shift > n {
			return dst[:base], false
		}
		for _, c := range dst[len(dst)+shift:] {
			if c != '0' {
				return dst[:base], false
			}
		}
		dst = dst[:len(dst)+shift]
	} else {
		for range shift {
			dst = append(dst, '0')
		}
	}
	if n = len(dst) - base; n == 0 || n > maxIntegerDigits {
		return dst[:base], false
	}
	return dst, true
}

// appendShownInteger appends the digits a JavaScript reader shows for a
// JSON number that is not an exact whole number but rounds to one as a
// double (13812345678.0000000001, 1381234567799999e-5): ok is false when
// the double is not a whole number below 10^21 (shown with an exponent).
func appendShownInteger(dst, num []byte) (_ []byte, ok bool) {
	v, err := strconv.ParseFloat(string(num), 64)
	if err != nil || v != math.Trunc(v) || math.Abs(v) >= 1e21 {
		return dst, false
	}
	return strconv.AppendFloat(dst, math.Abs(v), 'f', -1, 64), true
}
