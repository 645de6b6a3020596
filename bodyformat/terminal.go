package bodyformat

import (
	"bytes"
	"unicode/utf8"
)

// Terminal escape sequences: a log or a text/plain body shown in a
// terminal (curl, kubectl logs, a CI console) draws nothing for the
// sequences that set colours, move the cursor or set a window title, so
// 138\x1b[0m12345678 is shown as one number; and a carriage return, a
// backspace or a cursor move makes what follows overwrite what was drawn,
// so xx00005678\r1381234 shows 13812345678. decodeTerminal reads text as
// a terminal's screen shows it.

// esc starts every escape sequence.
const esc = 0x1b

// decodeTerminal returns text as a terminal shows it, and for each byte of
// the result the offset in text it comes from, or ok false when text
// holds nothing a terminal shows otherwise (hasControlSequence,
// hasOverwrite). Escape sequences (ECMA-48: CSI, the control strings OSC,
// DCS, SOS, PM and APC, and the two- and three-byte escapes) are drawn as
// nothing, and an ESC that starts no sequence is dropped, as a terminal
// drops it; the rest of a sequence that does not end is kept (the plain
// reading covers it too). Each line is drawn cell by cell (screen): a
// carriage return, a backspace and the CSI cursor moves D, C and G move
// where the next character is written, over what stands there, and CSI K
// erases. Every byte is looked at a bounded number of times (a control
// string is read only up to the next ESC or BEL), and the blanks a move
// past a line's end draws are bounded by the text's length: the work and
// the result are linear in the text.
func decodeTerminal(text []byte) (_ []byte, _ []int32, ok bool) {
	return drawTerminal(text, true)
}

// decodeTerminalEscapes is decodeTerminal for the flat text of a binary
// framing (protobuf, gRPC, MessagePack), whose CR and BS bytes are
// lengths and tags, not a terminal's: its escape sequences are drawn as
// nothing and every other byte as it comes, the cursor never moved back.
func decodeTerminalEscapes(text []byte) (_ []byte, _ []int32, ok bool) {
	return drawTerminal(text, false)
}

// drawTerminal is decodeTerminal; without overwrite, carriage returns,
// backspaces and CSI cursor moves and erasures move nothing.
func drawTerminal(text []byte, overwrite bool) (_ []byte, _ []int32, ok bool) {
	if !hasControlSequence(text) && !(overwrite && hasOverwrite(text)) {
		return nil, nil, false
	}
	s := screen{text: text, blanks: len(text), ctl: -1, fixed: !overwrite}
	s.m = mapped{dst: make([]byte, 0, len(text)), offs: make([]int32, 0, len(text)+1)}
	for i := 0; i < len(text); {
		countTerminalSteps(1)
		switch c := text[i]; c {
		case esc:
			// a sequence is drawn as nothing; so is an ESC that starts none
			// (a terminal drops it, and ESC ESC [0m starts over at the second)
			n := escapeLen(text[i:])
			if n > 0 {
				s.control(text[i:i+n], i)
			}
			i += max(1, n)
		case '\r', '\b':
			if s.fixed {
				s.put(i)
			} else if c == '\r' {
				s.col, s.back = 0, true
			} else {
				s.col, s.back = max(s.col-1, 0), true
			}
			i++
		case '\n':
			s.flush(i)
			s.m.copy(text, i, i+1)
			i++
		default:
			if c < utf8.RuneSelf {
				s.put(i)
				i++
				continue
			}
			_, size := utf8.DecodeRune(text[i:])
			s.put(i)
			i += size
		}
	}
	s.flush(len(text))
	dst, offs := s.m.done(len(text))
	return dst, offs, true
}

// screen is the line a terminal is drawing: a cell for each column, the
// cursor's column, and the lines drawn before it in m.
type screen struct {
	text []byte
	m    mapped
	// cells holds, for each column, the offset in text of the character
	// drawn there, or a blank: -1-o, o the offset of the control sequence
	// that made it
	cells  []int32
	col    int
	ctl    int  // the offset of the last control sequence
	blanks int  // how many blanks may still be drawn (moves past the end, erasures)
	fixed  bool // the cursor only moves on: no overwrites
	back   bool // the cursor moved back on this line (closeLine)
}

// put draws the character at text[at] in the cursor's column and moves
// the cursor on. A column past the line's end is reached through blanks.
func (s *screen) put(at int) {
	if s.col > len(s.cells) {
		pad := min(s.col-len(s.cells), s.blanks)
		s.blanks -= pad
		for range pad {
			s.cells = append(s.cells, int32(-1-s.ctl))
		}
		countTerminalSteps(pad)
		s.col = len(s.cells)
	}
	if s.col < len(s.cells) {
		s.cells[s.col] = int32(at)
	} else {
		s.cells = append(s.cells, int32(at))
	}
	s.col++
}

// control does what the escape sequence seq, at text[at], does to the
// line: the cursor moves and erasures of CSI; every other sequence draws
// nothing.
func (s *screen) control(seq []byte, at int) {
	s.ctl = at
	if s.fixed || seq[1] != '[' {
		return
	}
	params, final := seq[2:len(seq)-1], seq[len(seq)-1]
	n := 0
	for _, c := range params {
		if c < '0' || c > '9' {
			if c != ';' {
				return // a private or intermediate byte: not a plain move
			}
			break
		}
		n = min(n*10+int(c-'0'), maxTerminalColumn)
	}
	switch final {
	case 'D': // cursor back
		s.col, s.back = max(s.col-max(n, 1), 0), true
	case 'C': // cursor forward
		s.col = min(s.col+max(n, 1), maxTerminalColumn)
	case 'G': // cursor to a column
		s.col, s.back = max(n, 1)-1, true
	case 'K': // erase in line
		switch n {
		case 0: // from the cursor to the end
			s.cells = s.cells[:min(s.col, len(s.cells))]
		case 1: // from the start to the cursor: blanks, while they last
			k := min(s.col+1, len(s.cells), s.blanks)
			s.blanks -= k
			for j := range k {
				s.cells[j] = int32(-1 - at)
			}
			countTerminalSteps(k)
		case 2: // the whole line
			s.cells = s.cells[:0]
		}
	}
}

// maxTerminalColumn bounds the columns a cursor move reaches.
const maxTerminalColumn = 1 << 20

// flush writes the line drawn, which ends at text[end] (a line feed or
// the text's end), to m and starts the next one in the first column.
func (s *screen) flush(end int) {
	for _, c := range s.cells {
		if c < 0 {
			s.m.bytes([]byte{' '}, int(-1-c))
			continue
		}
		_, size := utf8.DecodeRune(s.text[c:])
		s.m.copy(s.text, int(c), int(c)+size)
	}
	countTerminalSteps(len(s.cells))
	s.closeLine(end)
	s.cells, s.col, s.back = s.cells[:0], 0, false
}

// closeLine ends the line drawn, when bytes drawn earlier on it or not
// at all follow its last character before end (`note <ID>\rok` shows
// "okte <ID>"), with the byte after that character: the carriage return
// or backspace that moved the cursor back, or a blank for the escape
// sequence that did. A finding that ends the line then ends at its own
// bytes (rawSpan maps a span's end to the next byte's offset): mapped to
// the line's end, it ran over the carriage return and the clean text
// after it, which were masked (attack pass 46, F10). A line whose last
// cell is a blank, one the cursor never moved back on, and the flat
// reading (fixed) are written as drawn.
func (s *screen) closeLine(end int) {
	if !s.back || len(s.cells) == 0 || s.cells[len(s.cells)-1] < 0 {
		return
	}
	c := int(s.cells[len(s.cells)-1])
	_, size := utf8.DecodeRune(s.text[c:])
	if e := c + size; e < end {
		switch s.text[e] {
		case '\r', '\b':
			s.m.copy(s.text, e, e+1)
		case esc:
			s.m.bytes([]byte{' '}, e)
		}
	}
}

// hasOverwrite reports whether text, valid UTF-8 without NUL bytes (no
// binary data, where these bytes come by chance), holds a backspace or a
// carriage return that something other than a line end follows: what
// comes next is drawn over what was drawn before.
func hasOverwrite(text []byte) bool {
	for i := 0; ; i++ {
		k := bytes.IndexAny(text[i:], "\r\b")
		if k < 0 {
			return false
		}
		i += k
		if text[i] == '\b' || i+1 < len(text) && text[i+1] != '\n' && text[i+1] != '\r' {
			return utf8.Valid(text) && bytes.IndexByte(text, 0) < 0
		}
	}
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
