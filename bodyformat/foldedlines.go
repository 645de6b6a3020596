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
//
// A Markdown renderer (CommonMark: a README, a comment box, every LLM
// chat client showing a model's reply) shows a soft line break, a line
// break inside a paragraph with or without indentation after it, as a
// space: "call 138\n1234\n5678" is "call 138 1234 5678" on the screen.
// A hard line break (two spaces or more, or a backslash, before it) is a
// <br>, a line break on the screen too; a blank line ends the paragraph.
// A body of a Markdown type, and the strings a client appends and renders
// (an LLM's content, text and deltas: appendedKey), are read with their
// soft breaks folded so. (Lines of a fenced or indented code block are
// lines on the screen; they are folded too: fail closed.)

// foldMode says which line breaks a reading folds into one space.
type foldMode uint8

// The fold modes.
const (
	foldNone     foldMode = iota
	foldIndented          // YAML: a break followed by indentation
	foldSoft              // Markdown: a soft break, indented or not
)

// foldsLines returns how a body of media type mt is read with its lines
// folded (decodeFoldedLines): a YAML type or text/plain folds indented
// lines, a Markdown type soft breaks.
func foldsLines(mt string) foldMode {
	switch mt {
	case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain":
		return foldIndented
	case "text/markdown", "text/x-markdown":
		return foldSoft
	}
	if strings.HasSuffix(mt, "+yaml") {
		return foldIndented
	}
	return foldNone
}

// decodeFoldedLines returns text with every line break that mode folds
// (foldIndented: one followed by indentation, a space or a tab;
// foldSoft: any but a hard break, two spaces before it), together with
// the spaces and tabs before it and the next line's indentation, written
// as one space mapped to the fold's first byte, when a digit or a
// character beyond ASCII stands on both sides of it (joinsAcross); ok
// false when text holds no such fold. A break followed by a line break
// (an empty line) is kept, and under foldIndented one followed by no
// indentation (a new key) too. Each byte is read once.
func decodeFoldedLines(text []byte, mode foldMode) ([]byte, []int32, bool) {
	if mode == foldNone || !hasFold(text, mode) {
		return nil, nil, false
	}
	dec := make([]byte, 0, len(text))
	offs := make([]int32, 0, len(text)+1)
	folded := false
	for i := 0; i < len(text); {
		j := blanksEnd(text, i) // the spaces and tabs before a break, if any
		n := foldLen(text, j, mode)
		countReadingSteps(j - i + n + 1)
		if n > 0 && i > 0 && joinsAcross(text[i-1]) && j+n < len(text) && joinsAcross(text[j+n]) &&
			(mode != foldSoft || !hardBreak(text[i:j])) {
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

// hardBreak reports whether the blanks before a line break make it a
// Markdown hard break: they end in two spaces (CommonMark; a backslash
// before the break is no byte joinsAcross).
func hardBreak(blanks []byte) bool {
	n := len(blanks)
	return n >= 2 && blanks[n-1] == ' ' && blanks[n-2] == ' '
}

// blanksEnd returns where the spaces and tabs at text[i] end.
func blanksEnd(text []byte, i int) int {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	return i
}

// foldLen returns the length of the line break at text[j] (\n or \r\n)
// and the indentation after it (under foldIndented one space or tab at
// least), or 0 when no such break starts there.
func foldLen(text []byte, j int, mode foldMode) int {
	k := j
	switch {
	case k < len(text) && text[k] == '\n':
		k++
	case k+1 < len(text) && text[k] == '\r' && text[k+1] == '\n':
		k += 2
	default:
		return 0
	}
	if e := blanksEnd(text, k); e > k || mode == foldSoft {
		return e - j
	}
	return 0
}

// hasFold reports whether text holds a line break followed by a space or
// a tab (foldSoft: by a byte that joinsAcross, after any blanks), in one
// look per line.
func hasFold(text []byte, mode foldMode) bool {
	for i := 0; ; {
		k := bytes.IndexByte(text[i:], '\n')
		if k < 0 {
			countReadingSteps(len(text) - i)
			return false
		}
		countReadingSteps(k + 1)
		i += k + 1
		if mode == foldSoft {
			e := blanksEnd(text, i)
			countReadingSteps(e - i)
			if i > 1 && e < len(text) && joinsAcross(text[e]) {
				return true
			}
			continue
		}
		if i < len(text) && (text[i] == ' ' || text[i] == '\t') {
			return true
		}
	}
}
