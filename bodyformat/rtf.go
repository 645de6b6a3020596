package bodyformat

import "bytes"

// An RTF document (a .rtf upload, a rich-text field) spells its text
// with control words a word processor reads and never shows: \u49? is a
// "1", \'31 is a "1" too, and {\b 138}{\i 1234}5678 shows one number. An
// RTF document is read a second time as the text it shows: control words
// and braces taken out, \uN and \'hh decoded, \par and \line kept as
// line breaks; the line breaks of the source, which RTF ignores, are
// taken out too.

// decodeRTF returns the text an RTF document (text starting with "{\rtf") shows,
// with for each byte the offset in text it comes from, or ok false when
// text is no RTF document. Bytes a \'hh spells outside ASCII (a code
// page's) are left out: the digits around them still read.
func decodeRTF(text []byte) (_ []byte, _ []int32, ok bool) {
	if !bytes.HasPrefix(bytes.TrimLeft(text, " \t\r\n\ufeff"), []byte(`{\rtf`)) {
		return nil, nil, false // an RTF document starts so; a page that mentions {\rtf is none
	}
	m := mapped{dst: make([]byte, 0, len(text)), offs: make([]int32, 0, len(text)+1)}
	for i := 0; i < len(text); {
		switch c := text[i]; c {
		case '{', '}', '\r', '\n':
			i++
			continue
		case '\\':
		default:
			m.bytes(text[i:i+1], i)
			i++
			continue
		}
		at := i
		r, n := rtfControl(text, i)
		i += n
		if r < 0 {
			continue // a control word that shows nothing
		}
		m.rune(rune(r), at)
		if text[at+1] == 'u' {
			i = rtfFallback(text, i)
		}
	}
	dst, offs := m.done(len(text))
	return dst, offs, true
}

// rtfFallback returns where the fallback of a \uN that ends at text[i]
// ends: the character shown by readers without Unicode, a '?' or one or
// two \'hh of a code page.
func rtfFallback(text []byte, i int) int {
	if i < len(text) && text[i] == '?' {
		return i + 1
	}
	for k := 0; k < 2 && i+3 < len(text) && text[i] == '\\' && text[i+1] == '\'' && unhex(text[i+2]) >= 0 && unhex(text[i+3]) >= 0; k++ {
		i += 4
	}
	return i
}

// rtfControl reads the control that starts at text[i] (a backslash) and
// returns the character it shows, or -1, and its length, with the space
// that ends a control word.
func rtfControl(text []byte, i int) (r, n int) {
	if i+1 == len(text) {
		return -1, 1
	}
	switch c := text[i+1]; {
	case c == '\'':
		if i+3 < len(text) && unhex(text[i+2]) >= 0 && unhex(text[i+3]) >= 0 {
			if b := unhex(text[i+2])<<4 | unhex(text[i+3]); b < 0x80 {
				return b, 4
			}
			return -1, 4
		}
		return -1, 2
	case c == '\\' || c == '{' || c == '}':
		return int(c), 2
	case c == '~':
		return ' ', 2
	case c == '_':
		return '-', 2
	case isASCIILetterByte(c):
		j := i + 1
		for j < len(text) && isASCIILetterByte(text[j]) && j-i <= 32 {
			j++
		}
		word := string(text[i+1 : j])
		k := j
		if k < len(text) && text[k] == '-' {
			k++
		}
		for k < len(text) && isASCIIDigit(text[k]) && k-j <= 10 {
			k++
		}
		param := text[j:k]
		if k < len(text) && text[k] == ' ' {
			k++ // the space that ends a control word is part of it
		}
		switch word {
		case "u":
			if v, ok := rtfParam(param); ok {
				if v < 0 {
					v += 0x10000
				}
				return v, k - i
			}
		case "par", "line", "sect", "page", "row", "cell", "tab":
			return '\n', k - i
		}
		return -1, k - i
	}
	return -1, 2 // \* and other symbols: nothing shown
}

// rtfParam reads a control word's numeric parameter.
func rtfParam(p []byte) (int, bool) {
	neg := len(p) > 0 && p[0] == '-'
	if neg {
		p = p[1:]
	}
	if len(p) == 0 || len(p) > 6 {
		return 0, false
	}
	v := 0
	for _, c := range p {
		v = v*10 + int(c-'0')
	}
	if neg {
		v = -v
	}
	return v, v >= -0x8000 && v <= 0xFFFF
}
