package bodyformat

import (
	"bytes"
	"strings"
)

// YAML folds the lines of a plain or quoted multi-line scalar, and of a
// folded block scalar (>, >-), into one line: a line break, the white
// space before it and the next line's indentation read as one space.
// "note: >-\n  call 138\n  1234\n  5678" is "call 138 1234 5678" to a
// YAML parser, a spaced mobile, where the engine reads three lines. A
// body of a YAML type, and of text/plain (YAML is often served so; fail
// closed), is read a second time so folded (inspector.folds).

// foldsLines reports whether a body of media type mt is read with its
// indented lines folded (decodeFoldedLines): a YAML type or text/plain.
func foldsLines(mt string) bool {
	switch mt {
	case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain":
		return true
	}
	return strings.HasSuffix(mt, "+yaml")
}

// decodeFoldedLines returns text with every line break that is followed
// by indentation (a space or a tab), together with the spaces and tabs
// before it and that indentation, written as one space mapped to the
// fold's first byte, when a digit or a character beyond ASCII stands on
// both sides of it (joinsAcross); ok false when text holds no such fold.
// A break followed by no indentation (a new key, an empty line) is kept.
// Each byte is read once.
func decodeFoldedLines(text []byte) ([]byte, []int32, bool) {
	if !hasFold(text) {
		return nil, nil, false
	}
	dec := make([]byte, 0, len(text))
	offs := make([]int32, 0, len(text)+1)
	folded := false
	for i := 0; i < len(text); {
		j := blanksEnd(text, i) // the spaces and tabs before a break, if any
		n := foldLen(text, j)
		countReadingSteps(j - i + n + 1)
		if n > 0 && i > 0 && joinsAcross(text[i-1]) && j+n < len(text) && joinsAcross(text[j+n]) {
			dec, offs = append(dec, ' '), append(offs, int32(i))
			i, folded = j+n, true
			continue
		}
		for ; i <= j && i < len(text); i++ {
			dec, offs = append(dec, text[i]), append(offs, int32(i))
		}
	}
	return dec, append(offs, int32(len(text))), folded
}

// joinsAcross reports whether a fold next to the byte c may join what
// stands on its two sides into a value: an ASCII digit, or a byte of a
// character beyond ASCII (a full-width digit, a Chinese numeral, a
// name's or an address's characters). A fold between words or
// punctuation, the most of a YAML document's, is left as it is.
func joinsAcross(c byte) bool { return isASCIIDigit(c) || c >= 0x80 }

// blanksEnd returns where the spaces and tabs at text[i] end.
func blanksEnd(text []byte, i int) int {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	return i
}

// foldLen returns the length of the line break at text[j] (\n or \r\n)
// and the indentation after it (one space or tab at least), or 0 when no
// break followed by indentation starts there.
func foldLen(text []byte, j int) int {
	k := j
	switch {
	case k < len(text) && text[k] == '\n':
		k++
	case k+1 < len(text) && text[k] == '\r' && text[k+1] == '\n':
		k += 2
	default:
		return 0
	}
	if e := blanksEnd(text, k); e > k {
		return e - j
	}
	return 0
}

// hasFold reports whether text holds a line break followed by a space or
// a tab, in one look per line.
func hasFold(text []byte) bool {
	for i := 0; ; {
		k := bytes.IndexByte(text[i:], '\n')
		if k < 0 {
			countReadingSteps(len(text) - i)
			return false
		}
		countReadingSteps(k + 1)
		if i += k + 1; i < len(text) && (text[i] == ' ' || text[i] == '\t') {
			return true
		}
	}
}
