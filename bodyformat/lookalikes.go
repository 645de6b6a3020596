package bodyformat

// A reader takes a letter O for a zero and an l, an I or a bar for a one
// between digits: 138l2345678 and 11O1O5… are a mobile and a resident ID
// to whoever reads the page, though no parser sees a number there. The
// piece is read a second time with those letters, where they stand
// between digits, as the digits they look like.

// minLookalikeDigits is how many real digits a run of digits and
// look-alike letters needs before it is read so: a shorter one names no
// identifier, and words and codes (1Oth, v1l) are left alone.
const minLookalikeDigits = 5

// lookalikeDigit returns the digit the ASCII letter c passes for between
// digits, or 0.
func lookalikeDigit(c byte) byte {
	switch c {
	case 'O', 'o':
		return '0'
	case 'l', 'I', '|':
		return '1'
	}
	return 0
}

// decodeLookalikes returns text with each look-alike letter that stands
// between two digits of one run (digits and look-alikes only) of at least
// minLookalikeDigits digits replaced by its digit, byte for byte, with
// each byte's offset (its own), or ok false when there is none.
func decodeLookalikes(text []byte) ([]byte, []int32, bool) {
	var e edits
	if !lookalikeEdits(text, &e) {
		return nil, nil, false
	}
	dec, offs := e.materialize(text)
	return dec, offs, true
}

// lookalikeEdits is decodeLookalikes as edits: it records in e each
// look-alike letter it replaces, and reports whether there is one.
func lookalikeEdits(text []byte, e *edits) bool {
	n := len(e.spans)
	for i := 0; i < len(text); {
		if !isASCIIDigit(text[i]) && lookalikeDigit(text[i]) == 0 {
			i++
			continue
		}
		j, digits, letters := i, 0, 0
		for ; j < len(text) && (isASCIIDigit(text[j]) || lookalikeDigit(text[j]) != 0); j++ {
			if isASCIIDigit(text[j]) {
				digits++
			} else {
				letters++
			}
		}
		if letters > 0 && digits >= minLookalikeDigits {
			substituteBetweenDigits(e, text, i, j)
		}
		i = j
	}
	return len(e.spans) > n
}

// substituteBetweenDigits records in e the digits of the look-alikes of
// text[from:to] that have a digit before and after them in that run.
func substituteBetweenDigits(e *edits, text []byte, from, to int) {
	first, last := from, to-1
	for first < to && !isASCIIDigit(text[first]) {
		first++
	}
	for last > first && !isASCIIDigit(text[last]) {
		last--
	}
	for k := first + 1; k < last; k++ {
		if d := lookalikeDigit(text[k]); d != 0 {
			e.addByte(k, k+1, d)
		}
	}
}

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }
