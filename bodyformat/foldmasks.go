package bodyformat

import (
	"strings"

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
// spanned (foldMasks).

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
// spans in text, whose span holds a line break: spread over the span (spreadMask), or else followed by the
// line breaks, and the blanks about them, the span holds. The lines of
// the text stay its lines.
func foldMasks(text []byte, fs []detect.Finding) []detect.Finding {
	for k := range fs {
		raw := text[fs[k].Start:fs[k].End]
		if !hasBreak(raw) {
			continue
		}
		if m, ok := spreadMask(raw, fs[k].Masked); ok {
			fs[k].Masked = m
			continue
		}
		var b strings.Builder
		b.WriteString(fs[k].Masked)
		for i := 0; i < len(raw); {
			j := blanksEnd(raw, i)
			n := breakLen(raw, j, foldIndented)
			if n == 0 {
				i = j + 1
				continue
			}
			// the blanks before the break, it, and the indentation after
			e := blanksEnd(raw, j+n)
			b.Write(raw[i:e])
			i = e
		}
		fs[k].Masked = b.String()
	}
	return fs
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

// countASCIIDigits returns how many ASCII digits text holds.
func countASCIIDigits(text []byte) int {
	n := 0
	for _, c := range text {
		if isASCIIDigit(c) {
			n++
		}
	}
	return n
}
