package bodyformat

import (
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A value the engine reads across line breaks (a folded reading's, lines
// YAML or Markdown show as one; the delimited reading's, one group a line
// behind a label; a streamed field's text, its pieces written on lines of
// their own) is masked in place: its digits starred
// where they stand, its line breaks and indentation kept (spreadMask), so
// a mask never takes the lines of a body with it. A mask that cannot be
// spread so (a label, a name's characters) is written whole where the
// value starts, followed by the line breaks and indentation the value
// spanned (foldMasks). A value on one line across a table's or a record's
// cell separators (behind a label, 手机|1391|2345678) keeps them
// (detect.KeepCells): a row keeps its cells.

// spreadMask returns masked, the mask of a value whose span in the text
// as written is raw, spread over raw: each ASCII digit of raw takes the
// next digit or star of masked, every other byte of raw (a separator, a
// blank, a line break) is kept as written. ok is false when raw holds a
// letter or a byte beyond ASCII but a line break's (a value spelled
// otherwise), when masked holds a letter or a byte beyond ASCII (a label,
// a hash, a name), or when masked's digits and stars are not one for each
// digit of raw.
func spreadMask(raw []byte, masked string) (_ string, ok bool) {
	n := 0 // the digits and stars of masked
	for i := 0; i < len(masked); i++ {
		switch c := masked[i]; {
		case isASCIIDigit(c) || c == '*':
			n++
		case isWordByte(c) || c >= 0x80:
			return "", false
		}
	}
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case isASCIIDigit(c):
			n--
		case c >= 0x80 && breakLen(raw, i, foldIndented) > 1:
			i += breakLen(raw, i, foldIndented) - 1 // NEL, LS, PS: kept
		case isWordByte(c) || c >= 0x80:
			return "", false
		}
	}
	if n != 0 {
		return "", false
	}
	out := make([]byte, len(raw))
	m := 0
	for i, c := range raw {
		if !isASCIIDigit(c) {
			out[i] = c
			continue
		}
		for !isASCIIDigit(masked[m]) && masked[m] != '*' {
			m++
		}
		out[i], m = masked[m], m+1
	}
	return string(out), true
}

// foldMasks rewrites the masks of fs, findings of a reading of text
// that joins lines (decodeFoldedLines, decodeDelimited …) with their
// spans in text, whose span holds a line break: spread over the span
// (spreadMask), or else written over the span's first line, its later
// lines kept but for the value's characters (starLines). The lines of
// the text stay its lines, each with what opens it (a block quote's
// "> ", indentation) and none left empty: a blank line is a paragraph
// break to a Markdown renderer.
func foldMasks(text []byte, fs []detect.Finding) []detect.Finding {
	for k := range fs {
		raw := text[fs[k].Start:fs[k].End]
		if !hasBreak(raw) {
			// one line: its cells kept (手机,1391,2345678 -> 139*,***5678)
			fs[k].Masked = detect.KeepCells(raw, fs[k].Masked)
			continue
		}
		if m, ok := spreadMask(raw, fs[k].Masked); ok {
			fs[k].Masked = m
			continue
		}
		fs[k].Masked = starLines(raw, fs[k].Masked)
	}
	return fs
}

// starLines returns masked, a mask that cannot be spread over raw (a
// label, a hash), written in place of raw's first line, the blanks before
// its break kept (a hard break stays one), and after it raw's later lines
// with every ASCII letter or digit, and every character beyond ASCII but
// a line break, starred, one star a character: the value's digits starred
// where they stand, the markers and blanks about them (> , indentation,
// emphasis) as written.
func starLines(raw []byte, masked string) string {
	first := len(raw) // where the blanks before raw's first break start
	for i := 0; i < len(raw); i++ {
		j := blanksEnd(raw, i)
		if breakLen(raw, j, foldIndented) > 0 {
			first = i
			break
		}
		i = j
	}
	b := make([]byte, 0, len(masked)+len(raw)-first)
	b = append(b, masked...)
	for i := first; i < len(raw); {
		c := raw[i]
		if n := breakLen(raw, i, foldIndented); n > 0 {
			b, i = append(b, raw[i:i+n]...), i+n
			continue
		}
		if c < utf8.RuneSelf {
			if isWordByte(c) {
				c = '*'
			}
			b, i = append(b, c), i+1
			continue
		}
		_, n := utf8.DecodeRune(raw[i:])
		b, i = append(b, '*'), i+n
	}
	return string(b)
}

// hasBreak reports whether text holds a line break (breakLen, as YAML
// reads them).
func hasBreak(text []byte) bool {
	for i := range text {
		if breakEndingAt(text, i, foldIndented) >= 0 {
			return true
		}
	}
	return false
}
