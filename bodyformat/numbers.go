package bodyformat

// A number written with a fraction or an exponent is shown by JSON.parse,
// Python and a JavaScript page as the whole number it denotes:
// 0.13812345678e11 is 13812345678. The JSON walker reads numbers so
// (jsonWalker.number); decodeNumbers gives the same reading to text that
// is not parsed as JSON: a document nested too deep or too lenient for the
// walker (NaN, trailing commas), YAML, JavaScript, server-sent events.
// Literals in base 16, 8 or 2 (0x…, 0o…, 0b…) are read as the decimal
// numbers they are.

// decodeNumbers returns text with each number written with a fraction or
// an exponent that denotes a whole number of at least minNumberLen digits
// replaced by those digits, and for each byte of the result the offset in
// text it comes from (one more entry: len(text)), or ok false when there
// is no such number.
func decodeNumbers(text []byte) (_ []byte, _ []int32, ok bool) {
	var e edits
	if !numberEdits(text, &e) {
		return nil, nil, false
	}
	dec, offs := e.materialize(text)
	return dec, offs, true
}

// numberEdits is decodeNumbers as edits: it records in e each number it
// replaces, and reports whether there is one.
func numberEdits(text []byte, e *edits) bool {
	if !hasNumberMark(text) {
		return false
	}
	return numberEditsOf(text, e)
}

// numberEditsOf is numberEdits without its one-pass check: it reads every
// number of text.
func numberEditsOf(text []byte, e *edits) bool {
	var digits, lit []byte
	found := false
	for i := 0; i < len(text); {
		c := text[i]
		if !(c >= '0' && c <= '9' || c == '-') || i > 0 && numberGlue(text[i-1]) {
			i++
			continue
		}
		var end int
		var good bool
		if radixEnd := radixLiteralEnd(text, i); radixEnd > 0 {
			// 0x337A53EE0, 0o146…, 0b1100…, numeric separators between
			// digits (0x337_A53EE0), as JavaScript, Python, JSON5 and YAML
			// read them
			end = radixEnd
			lit = lit[:0]
			for _, c := range text[i:end] {
				if c != '_' {
					lit = append(lit, c)
				}
			}
			if digits, good = appendJSONNumber(digits[:0], lit); !good || len(digits) < minNumberLen {
				i = end
				continue
			}
		} else {
			var integral, valid bool
			end, integral, valid = scanJSONNumber(text, i)
			if !valid || integral || end < len(text) && numberGlue(text[end]) {
				i = max(end, i+1)
				continue
			}
			if digits, good = appendIntegerDigits(digits[:0], text[i:end]); !good || len(digits) < minNumberLen {
				if digits, good = appendShownInteger(digits[:0], text[i:end]); !good || len(digits) < minNumberLen {
					i = end
					continue
				}
			}
		}
		e.add(i, end, digits)
		found = true
		i = end
	}
	return found
}

// numberGlue reports the bytes that make a number part of a longer token
// (a version 1.2.3, an identifier x1e5).
func numberGlue(c byte) bool {
	return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z' || c == '.' || c == '_'
}

// radixLiteralEnd returns where a literal in base 16, 8 or 2 (0x…, 0o…,
// 0b…, numeric separators between digits) starting at text[i] ends, or 0
// when none stands there or a name or a '.' is glued after it
// (jsNumberLen reads it).
func radixLiteralEnd(text []byte, i int) int {
	if i+2 >= len(text) || text[i] != '0' || !radixMark(text[i+1]) {
		return 0
	}
	n, _ := jsNumberLen(text, i)
	// the steps: jsNumberLen looks at the literal's digits and separators
	// and the byte after them, whether it reads one or not
	j := i + 2
	for j < len(text) && (baseDigit(text[i+1]|0x20, text[j]) || text[j] == '_') {
		j++
	}
	countReadingSteps(j - i + 1)
	if n > 0 {
		return i + n
	}
	return 0
}

// radixMark reports the letters after a leading 0 that give a literal's
// base: x, o and b, in any case.
func radixMark(c byte) bool {
	c |= 0x20
	return c == 'x' || c == 'o' || c == 'b'
}

// hasNumberMark reports whether text may hold a number numberEdits
// replaces: a literal in base 16, 8 or 2 (0x, 0o or 0b and a digit of its
// base), a digit followed by an exponent (e or E, then a digit or a
// sign), or a decimal point between
// digits after at least minNumberLen-1 digits in a row. A number with a
// fraction and no exponent denotes a whole number no longer than its
// integral digits, and a JavaScript reader rounds it to one digit more at
// most (99999999.9999999999999 is 100000000: a double below 10^k rounds
// to 10^k at most); its integral digits are the digits in a row before
// its point. So a version (v1.2.3), a price (¥370.9), a share (38.1%), a
// duration (15.29s) answer here, in this one pass
// (TestNumberMarkGateHoldsEveryEdit).
func hasNumberMark(text []byte) bool {
	run := 0 // the digits in a row that end at text[i-1]
	for i := 1; i+1 < len(text); i++ {
		if p := text[i-1]; p >= '0' && p <= '9' {
			run++
		} else {
			run = 0
		}
		if run == 0 {
			continue // every mark follows a digit
		}
		c := text[i]
		if radixMark(c) && text[i-1] == '0' && baseDigit(c|0x20, text[i+1]) {
			return true
		}
		if c != '.' && c|0x20 != 'e' {
			continue
		}
		d := text[i+1]
		if c == '.' && d >= '0' && d <= '9' && run >= minNumberLen-1 {
			return true
		}
		if c != '.' && (d >= '0' && d <= '9' || d == '+' || d == '-') {
			return true
		}
	}
	return false
}
