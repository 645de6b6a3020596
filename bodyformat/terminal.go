package bodyformat

import (
	"bytes"
	"unicode/utf8"
)

// Terminal escape sequences: a log or a text/plain body shown in a
// terminal (curl, kubectl logs, a CI console) draws nothing for the
// sequences that set colours, move the cursor or set a window title, so
// 138\x1b[0m12345678 is shown as one number. decodeTerminal reads text as
// a terminal shows it.

// esc starts every escape sequence.
const esc = 0x1b

// decodeTerminal returns text without its escape sequences (ECMA-48: CSI,
// the control strings OSC, DCS, SOS, PM and APC, and the two- and
// three-byte escapes), and for each byte of the result the offset in text
// it comes from, or ok false when text holds none (hasControlSequence). An ESC that starts no
// sequence is dropped, as a terminal drops it; the rest of a sequence
// that does not end is kept (the plain reading covers it too).
// Every byte is looked at a bounded number of times: a control string is
// read only up to the next ESC or BEL.
func decodeTerminal(text []byte) (_ []byte, _ []int32, ok bool) {
	if !hasControlSequence(text) {
		return nil, nil, false
	}
	m := mapped{dst: make([]byte, 0, len(text)), offs: make([]int32, 0, len(text)+1)}
	for i := 0; i < len(text); {
		k := bytes.IndexByte(text[i:], esc)
		if k < 0 {
			m.copy(text, i, len(text))
			break
		}
		m.copy(text, i, i+k)
		i += k
		// a sequence is drawn as nothing; so is an ESC that starts none
		// (a terminal drops it, and ESC ESC [0m starts over at the second)
		i += max(1, escapeLen(text[i:]))
	}
	dst, offs := m.done(len(text))
	return dst, offs, true
}

// escapeLen returns the length of the escape sequence that starts t (at
// an ESC), or 0 when none does.
func escapeLen(t []byte) int {
	if len(t) < 2 {
		return 0
	}
	switch c := t[1]; {
	case c == '[': // CSI: parameters, intermediates, a final byte
		j := 2
		for j < len(t) && t[j] >= 0x30 && t[j] <= 0x3F {
			j++
		}
		for j < len(t) && t[j] >= 0x20 && t[j] <= 0x2F {
			j++
		}
		if j < len(t) && t[j] >= 0x40 && t[j] <= 0x7E {
			return j + 1
		}
		return 0
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
		// a control string, ended by ST (ESC \) or, for OSC, BEL
		k := bytes.IndexAny(t[2:], "\x1b\x07")
		switch {
		case k < 0:
			return 0
		case t[2+k] == 0x07:
			return 2 + k + 1
		case 2+k+1 < len(t) && t[2+k+1] == '\\':
			return 2 + k + 2
		}
		return 0
	case c >= 0x20 && c <= 0x2F: // an intermediate and a final byte: ESC ( B
		if len(t) > 2 && t[2] >= 0x30 && t[2] <= 0x7E {
			return 3
		}
		return 0
	case c >= 0x30 && c <= 0x7E: // ESC 7, ESC c, ESC M …
		return 2
	}
	return 0
}

// hasControlSequence reports whether an escape sequence starts at an ESC
// of text: a CSI or a control string (OSC …), what terminal output
// holds; or any other in text that is valid UTF-8 without NUL bytes.
// Binary data holds ESC bytes by chance, and is not read again.
func hasControlSequence(text []byte) bool {
	textual := -1 // not known yet
	for i := 0; ; {
		k := bytes.IndexByte(text[i:], esc)
		if k < 0 {
			return false
		}
		i += k + 1
		if escapeLen(text[i-1:]) == 0 {
			continue
		}
		if bytes.IndexByte([]byte("[]PX^_"), text[i]) >= 0 {
			return true
		}
		if textual < 0 {
			textual = 0
			if utf8.Valid(text) && bytes.IndexByte(text, 0) < 0 {
				textual = 1
			}
		}
		if textual == 1 {
			return true
		}
	}
}
