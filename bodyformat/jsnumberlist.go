package bodyformat

import (
	"strconv"
)

// A script writes the numbers of an array as a JS engine reads them, not
// as JSON does: [131, 5124, 1702,] with a trailing comma, comments and
// any of JS's white space (U+00A0, U+2028, U+3000, U+FEFF …) between
// them, a numeric separator (5124_1702), a unary plus, parentheses
// ((131)), an exponent or a fraction whose value is whole (131e0,
// 131.0), another base (0x1404). jsNumberListEnd reads such a list, each
// byte once, and appendJSNumberList writes the JSON array of the same
// numbers, that the array reading (arrayArgsDoc) walks: the arguments of
// an array call (new Array(…), Array.of(…): jsonstatements_arraycall.go)
// and an array literal JSON does not read so (statementDocs).

// jsSpaceLen returns the length of the JS white space or line terminator
// at b[i] (ASCII blanks, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029,
// U+202F, U+205F, U+3000, U+FEFF), or 0.
func jsSpaceLen(b []byte, i int) int {
	switch c := b[i]; {
	case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
		return 1
	case c == 0xC2:
		if i+1 < len(b) && b[i+1] == 0xA0 {
			return 2
		}
	case c == 0xE1:
		if i+2 < len(b) && b[i+1] == 0x9A && b[i+2] == 0x80 {
			return 3
		}
	case c == 0xE2:
		if i+2 < len(b) && (b[i+1] == 0x80 && (b[i+2] >= 0x80 && b[i+2] <= 0x8A || b[i+2] == 0xA8 || b[i+2] == 0xA9 || b[i+2] == 0xAF) ||
			b[i+1] == 0x81 && b[i+2] == 0x9F) {
			return 3
		}
	case c == 0xE3:
		if i+2 < len(b) && b[i+1] == 0x80 && b[i+2] == 0x80 {
			return 3
		}
	case c == 0xEF:
		if i+2 < len(b) && b[i+1] == 0xBB && b[i+2] == 0xBF {
			return 3
		}
	}
	return 0
}

// listGap returns where b goes on after the JS white space and comments
// at b[i] (skipJSGap); plain is false when any of it is no JSON white
// space.
func listGap(b []byte, i int) (_ int, plain bool) {
	k := skipJSSpace(b, i)
	j := skipJSGap(b, k)
	return j, j == k
}

// jsNumberListEnd reads the JS numbers set apart by commas from b[i] on
// (at least one; a trailing comma; each number with a unary sign or in
// parentheses: jsListNumber) up to the closing byte, and returns its
// index, or -1 and where the scan stopped: b[i:stop] holds only what such
// a list holds. plain is true when the list is JSON's own (its numbers
// read the same as JSON, JSON's white space, no trailing comma). Each
// byte is read once.
func jsNumberListEnd(b []byte, i int, closing byte) (end, stop int, plain bool) {
	from := i
	defer func() { countReadingSteps(stop - from + 1) }()
	plain = true
	for n := 0; ; n++ {
		var p bool
		i, p = listGap(b, i)
		plain = plain && p
		if i < len(b) && b[i] == closing && n > 0 {
			return i, i, false // a trailing comma
		}
		e, p, ok := jsListNumber(b, i)
		if !ok {
			return -1, max(i, e), false
		}
		plain = plain && p
		i, p = listGap(b, e)
		plain = plain && p
		switch {
		case i < len(b) && b[i] == closing:
			return i, i, plain
		case i < len(b) && b[i] == ',':
			i++
		default:
			return -1, i, false
		}
	}
}

// jsListNumber returns where the element of a number list at b[i] ends:
// a numeric literal (jsNumberLen) after at most one unary sign, in any
// number of parentheses, white space and comments around; plain when it
// is a JSON number alone. When it is none, end is where the scan stopped.
func jsListNumber(b []byte, i int) (end int, plain, ok bool) {
	plain = true
	parens, signed := 0, false
	for {
		j, p := listGap(b, i)
		if !p || j > i && (signed || parens > 0) {
			plain = false
		}
		if i = j; i >= len(b) {
			return i, false, false
		}
		switch c := b[i]; {
		case c == '(':
			parens++
			plain = false
		case c == '+' || c == '-':
			if signed {
				return i, false, false
			}
			signed = true
			plain = plain && c == '-' && i+1 < len(b) && isDigit(b[i+1])
		default:
			n, p := jsNumberLen(b, i)
			if n == 0 {
				return i, false, false
			}
			plain = plain && p
			i += n
			for ; parens > 0; parens-- {
				if i, _ = listGap(b, i); i >= len(b) || b[i] != ')' {
					return i, false, false
				}
				i++
			}
			return i, plain, true
		}
		i++
	}
}

// jsNumberLen returns the length of the JS numeric literal at b[i]: a
// decimal one (digits, a fraction, an exponent; 5. too) or one in base
// 16, 8 or 2 (0x1F, 0o17, 0b101), numeric separators between digits; 0
// when none stands there (a legacy octal 017, a BigInt 10n, a name
// following). plain is true when JSON reads it the same (scanJSONNumber).
func jsNumberLen(b []byte, i int) (n int, plain bool) {
	from := i
	digits := func(i int, digit func(byte) bool) int {
		for i < len(b) && (digit(b[i]) || b[i] == '_' && i > 0 && digit(b[i-1]) && i+1 < len(b) && digit(b[i+1])) {
			i++
		}
		return i
	}
	if i >= len(b) || !isDigit(b[i]) {
		return 0, false
	}
	if b[i] == '0' && i+1 < len(b) && (b[i+1]|0x20 == 'x' || b[i+1]|0x20 == 'o' || b[i+1]|0x20 == 'b') {
		base := b[i+1] | 0x20
		e := digits(i+2, func(c byte) bool { return baseDigit(base, c) })
		if e == i+2 || e < len(b) && (isJSNameByte(b[e]) || b[e] == '.') {
			return 0, false
		}
		return e - from, false
	}
	if b[i] == '0' && i+1 < len(b) && (isDigit(b[i+1]) || b[i+1] == '_') {
		return 0, false // a legacy octal, or 0_1: an error
	}
	i = digits(i, isDigit)
	if i < len(b) && b[i] == '.' {
		i = digits(i+1, isDigit)
	}
	if i < len(b) && b[i]|0x20 == 'e' {
		j := i + 1
		if j < len(b) && (b[j] == '+' || b[j] == '-') {
			j++
		}
		if e := digits(j, isDigit); e > j && isDigit(b[j]) {
			i = e
		} else {
			return 0, false
		}
	}
	if i < len(b) && (isJSNameByte(b[i]) || b[i] == '.') {
		return 0, false // 10n, 5in, 1.2.3
	}
	e, integral, ok := scanJSONNumber(b[:i], from)
	return i - from, ok && integral && e == i
}

// appendJSNumberList appends the JSON array of the numbers of list, a
// list jsNumberListEnd read to its end (the closing byte not in it),
// each as JSON writes it: a whole value as its integer's digits (131.0,
// 1.31e2, 0x83: 131), another as a JSON number, a minus kept. ok is false
// when a number is too long to be read so.
func appendJSNumberList(dst, list []byte) (_ []byte, ok bool) {
	dst = append(dst, '[')
	var num []byte
	for i, n := 0, 0; ; n++ {
		i, _ = listGap(list, i)
		if i >= len(list) {
			break
		}
		neg := false
		// the sign and parentheses before it, white space and comments
		// between them (jsListNumber read them)
		for i < len(list) && (list[i] == '(' || list[i] == '+' || list[i] == '-') {
			neg = neg || list[i] == '-'
			i = skipJSGap(list, i+1)
		}
		k, _ := jsNumberLen(list, i)
		if k == 0 {
			return dst, false
		}
		if n > 0 {
			dst = append(dst, ',')
		}
		if neg {
			dst = append(dst, '-')
		}
		num = num[:0]
		for _, c := range list[i : i+k] {
			if c != '_' {
				num = append(num, c)
			}
		}
		if dst, ok = appendJSONNumber(dst, num); !ok {
			return dst, false
		}
		i += k
		// the parentheses that close it, then the comma
		for {
			if i, _ = listGap(list, i); i < len(list) && list[i] == ')' {
				i++
				continue
			}
			break
		}
		i++
	}
	return append(dst, ']'), true
}

// baseDigit reports whether c is a digit of a numeric literal in the base
// its prefix letter says (0x, 0o, 0b).
func baseDigit(base, c byte) bool {
	switch base {
	case 'x':
		return isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'f'
	case 'o':
		return c >= '0' && c <= '7'
	}
	return c == '0' || c == '1'
}

// appendJSONNumber appends num, a JS numeric literal without separators
// or sign, as JSON writes it: the digits of its integer when its value is
// whole (appendIntegerDigits), else the JSON number. ok is false when it
// is neither (too long, a fraction in another base).
func appendJSONNumber(dst, num []byte) (_ []byte, ok bool) {
	if len(num) > 2 && num[0] == '0' && !isDigit(num[1]) && num[1] != '.' && num[1]|0x20 != 'e' {
		base := 2
		switch num[1] | 0x20 {
		case 'x':
			base = 16
		case 'o':
			base = 8
		}
		v, err := strconv.ParseUint(string(num[2:]), base, 64)
		if err != nil {
			return dst, false
		}
		return strconv.AppendUint(dst, v, 10), true
	}
	if num[len(num)-1] == '.' {
		num = num[:len(num)-1] // 5.
	} else if k := indexByte(num, '.'); k >= 0 && k+1 < len(num) && num[k+1]|0x20 == 'e' {
		num = append(num[:k:k], num[k+1:]...) // 5.e2
	}
	if _, integral, ok := scanJSONNumber(num, 0); !ok {
		return dst, false
	} else if integral {
		return append(dst, num...), true
	}
	if d, ok := appendIntegerDigits(dst, num); ok {
		return d, true
	}
	return append(dst, num...), true
}

// basedList reports whether a number of list, a list jsNumberListEnd
// read, is written in base 16, 8 or 2 (0x31): a byte array's, that the
// char codes and hex readings read as the bytes it spells.
func basedList(list []byte) bool {
	countReadingSteps(len(list))
	for k := 1; k < len(list); k++ {
		if c := list[k] | 0x20; (c == 'x' || c == 'o' || c == 'b') && list[k-1] == '0' && (k == 1 || !isDigit(list[k-2]) && list[k-2] != '_' && list[k-2] != '.') {
			return true
		}
	}
	return false
}

// indexByte is bytes.IndexByte for a short literal.
func indexByte(b []byte, c byte) int {
	for k, x := range b {
		if x == c {
			return k
		}
	}
	return -1
}
