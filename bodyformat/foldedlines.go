package bodyformat

import (
	"strings"
)

// YAML folds the lines of a plain or quoted multi-line scalar, and of a
// folded block scalar (>, >-), into one line: a line break, the white
// space before it and the next line's indentation read as one space.
// "note: >-\n  call 138\n  1234\n  5678" is "call 138 1234 5678" to a
// YAML parser, a spaced mobile, where the engine reads three lines. A
// body of a YAML type is read a second time so folded (inspector.folds);
// one of text/plain (YAML is often served so) too, but only the lines of
// a scalar a YAML key line opens (foldKeyed, keyedScalar: note: call 138,
// note: >, - 138): an indented column under a heading (Totals:⏎  173⏎
// 8344⏎  6576) is a column, not one number. A mask over folded lines
// keeps them (foldMasks): its digits are starred where they stand.
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
	foldKeyed             // text/plain: foldIndented within a scalar a YAML key line opens
)

// foldsLines returns how a body of media type mt is read with its lines
// folded (decodeFoldedLines): a YAML type folds indented lines, text/plain
// those a YAML key line opens (foldKeyed: a YAML document served as text,
// never a column of counts under a heading), a Markdown type soft breaks.
func foldsLines(mt string) foldMode {
	switch mt {
	case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml":
		return foldIndented
	case "text/plain":
		return foldKeyed
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
// foldKeyed: such a one within a scalar a key line opens, keyedScalar;
// foldSoft: any but a hard break, two spaces before it), together with
// the spaces and tabs before it and the next line's indentation, written
// as one space mapped to the fold's first byte, when a digit or a
// character beyond ASCII stands on both sides of it (joinsAcross); ok
// false when text holds no such fold. A break followed by a line break
// (an empty line) is kept, and under foldIndented one followed by no
// indentation (a new key) too. A line break is any YAML reads (breakLen:
// LF, CRLF, a lone CR, and NEL, LS, PS as YAML 1.1 parsers read them);
// Markdown's are LF, CRLF and CR. Each byte is read once, and under
// foldKeyed each line once more (keyedScalar).
func decodeFoldedLines(text []byte, mode foldMode) ([]byte, []int32, bool) {
	if mode == foldNone || !hasFold(text, mode) {
		return nil, nil, false
	}
	m := mapped{dst: make([]byte, 0, len(text)), offs: make([]int32, 0, len(text)+1)}
	folded := false
	var sc scalarLines
	line := 0 // where the line being read starts
	for i := 0; i < len(text); {
		// the bytes before the next break and the blanks before it, as
		// they are, in one copy (i follows no blank: a break's blanks
		// start at i or after)
		p := nextBreak(text, i, mode)
		s := p
		for s > i && (text[s-1] == ' ' || text[s-1] == '\t') {
			s--
		}
		m.copy(text, i, s)
		if i = s; p == len(text) {
			m.copy(text, i, p)
			break
		}
		j, b := p, breakLen(text, p, mode) // the blanks before the break, the break
		e := blanksEnd(text, j+b)          // the next line's indentation
		countReadingSteps(e - i + 1)
		if mode == foldKeyed {
			sc.lineEnds(text[line:j])
		}
		if i > 0 && joinsAcross(text[i-1]) && e < len(text) && joinsAcross(text[e]) &&
			(e > j+b || mode == foldSoft) && (mode != foldSoft || !hardBreak(text[i:j])) &&
			(mode != foldKeyed || sc.continues(e-(j+b))) {
			m.bytes([]byte{' '}, i)
			i, line, folded = e, j+b, true
			continue
		}
		m.copy(text, i, j+b)
		i, line = j+b, j+b
	}
	dec, offs := m.done(len(text))
	return dec, offs, folded
}

// nextBreak returns where the first line break mode reads (breakLen) at
// or after text[i] starts, or len(text).
func nextBreak(text []byte, i int, mode foldMode) int {
	for ; i < len(text); i++ {
		if c := text[i]; (c == '\n' || c == '\r' || c == 0xc2 || c == 0xe2) && breakLen(text, i, mode) > 0 {
			return i
		}
	}
	return len(text)
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

// breakLen returns the length of the line break at text[j], 0 when none
// starts there: LF, CRLF or a lone CR, and under a YAML mode NEL (U+0085),
// LS and PS (U+2028, U+2029), line breaks to YAML 1.1 parsers (PyYAML,
// go-yaml) though not to Markdown.
func breakLen(text []byte, j int, mode foldMode) int {
	if j >= len(text) {
		return 0
	}
	switch c := text[j]; {
	case c == '\n':
		return 1
	case c == '\r':
		if j+1 < len(text) && text[j+1] == '\n' {
			return 2
		}
		return 1
	case mode == foldSoft:
		return 0
	case c == 0xc2 && j+1 < len(text) && text[j+1] == 0x85:
		return 2
	case c == 0xe2 && j+2 < len(text) && text[j+1] == 0x80 && (text[j+2] == 0xa8 || text[j+2] == 0xa9):
		return 3
	}
	return 0
}

// breakEnds marks the bytes a line break ends in (breakLen): LF, CR, and
// the last bytes of NEL, LS and PS.
var breakEnds = [256]bool{'\n': true, '\r': true, 0x85: true, 0xa8: true, 0xa9: true}

// breakEndingAt returns where the line break (breakLen) whose last byte
// is text[i] starts, -1 when no break ends there.
func breakEndingAt(text []byte, i int, mode foldMode) int {
	if !breakEnds[text[i]] {
		return -1
	}
	k := i
	switch text[i] {
	case 0x85:
		k = i - 1
	case 0xa8, 0xa9:
		k = i - 2
	}
	if k < 0 || breakLen(text, k, mode) != i+1-k {
		return -1
	}
	return k
}

// hasFold reports whether text holds a line break followed by a space or
// a tab (foldSoft: by a byte that joinsAcross, after any blanks), in one
// look per byte.
func hasFold(text []byte, mode foldMode) bool {
	for i := 0; i < len(text); i++ {
		if breakEndingAt(text, i, mode) < 0 {
			continue
		}
		n := i + 1
		if mode == foldSoft {
			e := blanksEnd(text, n)
			countReadingSteps(e - i)
			if n > 1 && e < len(text) && joinsAcross(text[e]) {
				return true
			}
			continue
		}
		if n < len(text) && (text[n] == ' ' || text[n] == '\t') {
			countReadingSteps(n)
			return true
		}
	}
	countReadingSteps(len(text))
	return false
}
