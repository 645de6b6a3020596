package bodyformat

import (
	"bytes"
	"unicode/utf8"
)

// A right-to-left override (U+202E) shows the characters after it in
// reverse order, up to a pop (U+202C) or the end of the line: a number
// written backwards after one is shown the right way round. decodeBidi
// gives find the text as it is shown.

const (
	rlo = "\u202e" // right-to-left override
	pdf = "\u202c" // pop directional formatting
)

// decodeBidi returns text with every stretch after a right-to-left
// override reversed, as it is shown, and for each byte of the result the
// offset in text it comes from (one more entry: len(text)), or ok false
// when text holds no override.
func decodeBidi(text []byte) (_ []byte, _ []int32, ok bool) {
	if !bytes.Contains(text, []byte(rlo)) {
		return nil, nil, false
	}
	m := mapped{dst: make([]byte, 0, len(text)), offs: make([]int32, 0, len(text)+1)}
	for i := 0; i < len(text); {
		k := bytes.Index(text[i:], []byte(rlo))
		if k < 0 {
			m.copy(text, i, len(text))
			break
		}
		m.copy(text, i, i+k)
		start := i + k + len(rlo)
		end := stretchEnd(text, start)
		for j := end; j > start; { // the stretch, backwards, rune by rune
			_, size := utf8.DecodeLastRune(text[start:j])
			m.copy(text, j-size, j)
			j -= size
		}
		i = end
	}
	dst, offs := m.done(len(text))
	return dst, offs, true
}

// stretchEnd returns where the stretch an override opens at text[start]
// ends: at a pop, a line break or the next override (which opens its own),
// so that every byte is looked at once.
func stretchEnd(text []byte, start int) int {
	for j := start; j < len(text); j++ {
		switch {
		case text[j] == '\n',
			bytes.HasPrefix(text[j:], []byte(pdf)),
			bytes.HasPrefix(text[j:], []byte(rlo)):
			return j
		}
	}
	return len(text)
}
