package bodyformat

import "bytes"

// flatControls returns b with every control byte the engine reads as
// invisible in text (C0 controls but NUL and white space, DEL, and the
// two bytes of a C1 control in UTF-8) replaced by 0xFF, an invalid byte
// that sets apart the digits around it, byte for byte, so findings map to
// b as they are; b itself when it holds none (the common case, no copy).
// In a binary framing's flat text those bytes are tags and lengths, not
// characters a reader skips: 13812 0x12 0x06 345678 is two fields. An ESC
// that opens a control string stays, for the terminal reading.
func flatControls(b []byte) []byte {
	var out []byte
	for i := 0; i < len(b); i++ {
		countReadingSteps(1)
		n := flatControlAt(b, i)
		if n == 0 {
			continue
		}
		if out == nil {
			out = append(make([]byte, 0, len(b)), b...)
		}
		for k := range n {
			out[i+k] = 0xFF
		}
		i += n - 1
	}
	if out == nil {
		return b
	}
	return out
}

// flatControlAt returns the length of the control character flatControls
// replaces at b[i], or 0.
func flatControlAt(b []byte, i int) int {
	switch c := b[i]; {
	case c == 0, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
		return 0
	case c == esc && i+1 < len(b) && bytes.IndexByte([]byte("[]P_^X"), b[i+1]) >= 0:
		return 0 // a control string the terminal reading draws (138\x1b[0m…): no digit after it to join
	case c < 0x20, c == 0x7F:
		return 1
	case c == 0xC2 && i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] < 0xA0:
		return 2
	}
	return 0
}
