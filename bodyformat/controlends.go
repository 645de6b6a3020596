package bodyformat

// The engine reads a control character between digits as nothing: a
// browser drops a NUL from a page, a terminal draws nothing for it or for
// SOH, so 138\x0012345678 is one number. Other receivers end or split a
// value there: a C string, or a log shipper or a database column of C
// strings, ends at the NUL; cat -v, less and most editors draw each
// control as a mark (^@, ^A) between the digits. A card then a NUL then a
// mobile is no number to the first and two to the second; and once the
// card is masked, the mobile after it is one to every reader, so a second
// redaction would find it (FuzzWrappedJSON: a card, then \000 that the
// escapes reading decodes to NUL, then a mobile). The filter reads both:
// the engine's reading, and this one, where every control the engine
// skips ends what stands before it.

// decodeControlEnds returns text with each run of C0 controls but white
// space (NUL included) and DEL that stands between two ASCII digits, each
// with another digit beside it, replaced by 0xFF, an invalid byte that
// sets apart what stands around it, byte for byte; ok is false when text
// holds none. Elsewhere a control ends nothing a reader would take for a
// number's part: a lone digit is no value, and a binary framing's tags
// and one-byte lengths (\x129\x127…, a protobuf run read as text) are no
// reading's business here, so the reading costs nothing there. An ESC
// that opens a control string stays, for the terminal reading
// (flatControlAt). A C1 control (two bytes in UTF-8) is read only as the
// engine reads it.
func decodeControlEnds(text []byte) ([]byte, []int32, bool) {
	var out []byte
	for i := 0; i < len(text); i++ {
		countReadingSteps(1)
		if !isASCIIDigit(text[i]) || i == 0 || !isASCIIDigit(text[i-1]) {
			continue
		}
		j := i + 1
		for j < len(text) && endsValue(text, j) {
			countReadingSteps(1)
			j++
		}
		if j == i+1 || j+1 >= len(text) || !isASCIIDigit(text[j]) || !isASCIIDigit(text[j+1]) {
			i = j - 1
			continue
		}
		if out == nil {
			out = append(make([]byte, 0, len(text)), text...)
		}
		for k := i + 1; k < j; k++ {
			out[k] = 0xFF
		}
		i = j - 1
	}
	if out == nil {
		return nil, nil, false
	}
	offs := make([]int32, len(text)+1)
	for k := range offs {
		offs[k] = int32(k)
	}
	return out, offs, true
}

// endsValue reports whether text[i] is a control decodeControlEnds reads
// as the end of a value: NUL, or a control flatControlAt sets apart but
// a C1 one.
func endsValue(text []byte, i int) bool {
	c := text[i]
	return c == 0 || (c < 0x20 || c == 0x7F) && flatControlAt(text, i) == 1
}
