package bodyformat

import (
	"bytes"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// maskInLabel returns cur, a JSON document or JSON lines in the stateless
// one-byte-unit charset cs that are no valid UTF-8, masked in its own
// bytes where the JSON reading of its UTF-8 view (utf8View) masks: the
// view is walked once more keeping its replacements (walkJSONKeeping),
// each mapped back through the view to the bytes of cur it was read from
// (viewSpans). An ASCII replacement (stars, a label, a hash: a character
// of every such charset) is written there as it is; any other stars the
// characters of cs its span touches (starChars). Everything else keeps
// its bytes, so the body stays in its charset, no U+FFFD written into it.
// A replacement that starts or ends inside a character of cs stars the
// characters it touches whole (charSpan). It returns nil when the walk
// keeps no replacement, fails, or two replacements meet in one character.
// The walk's findings are forgotten: the caller has counted them.
func (in *inspector) maskInLabel(cur []byte, cs *charset, mt string, hint detect.CategorySet, nest int) []byte {
	if cs.stateful || utf8.Valid(cur) {
		return nil
	}
	if err := in.reserve(int64(2 * len(cur))); err != nil {
		return nil
	}
	mark := in.mark()
	defer in.rollback(mark)
	view := utf8View(cur)
	w, err := in.walkJSONKeeping(view, hint, nest, jsonStream(mt), true)
	if err != nil || len(w.out.edits) == 0 {
		return nil
	}
	out := splicer{src: cur}
	m := viewSpans{src: cur}
	at, char := 0, 0 // char: the start of a character of cs, walked forward
	for _, e := range w.out.edits {
		from, to := m.offset(e.from, false), m.offset(e.to, true)
		// an edit that starts or ends inside a character of cs (a UTF-8
		// "н" read over GBK's 市's trail byte and the next lead; a digit
		// of a GB18030 four-byte character) stars the characters it
		// touches whole: written as it is, it would leave a lead byte
		// with no trail, no text in cs
		start, end := charSpan(cur, cs, char, from, to)
		if start < at {
			return nil
		}
		switch {
		case start != from || end != to:
			out.replace(start, end, bytes.Repeat([]byte{'*'}, end-start))
		case isASCII(e.repl):
			out.replace(from, to, e.repl)
		default:
			out.replace(from, to, starChars(cur[from:to], []detect.Finding{{Start: 0, End: to - from}}, cs))
		}
		at, char = end, end
	}
	return out.result()
}

// viewSpans maps offsets of utf8View(src) back to src, walking both once
// from the start: every offset asked must be no smaller than the last.
type viewSpans struct {
	src  []byte
	i, v int // src[:i] reads as view[:v]
}

// offset returns the offset in src of view offset x: the start of the
// character of the view x falls in, or its end when end is set and x
// falls inside it (a U+FFFD is three bytes of the view and one of src).
func (m *viewSpans) offset(x int, end bool) int {
	for m.i < len(m.src) {
		countReadingSteps(1)
		r, n := utf8.DecodeRune(m.src[m.i:])
		vn := n
		if r == utf8.RuneError && n == 1 {
			vn = utf8.RuneLen(utf8.RuneError)
		}
		if m.v+vn > x && !(end && m.v < x) {
			break
		}
		m.i, m.v = m.i+n, m.v+vn
	}
	return m.i
}

// charSpan walks the characters of cs in b from i, the start of one, and
// returns the span of the characters that b[from:to] touches: where the
// one holding b[from] starts, and where the one holding b[to-1] ends.
func charSpan(b []byte, cs *charset, i, from, to int) (start, end int) {
	for i < len(b) {
		countReadingSteps(1)
		n := charLen(b[i:], cs)
		if i+n > from {
			break
		}
		i += n
	}
	start, end = min(i, from), i
	for end < to && end < len(b) {
		countReadingSteps(1)
		end += charLen(b[end:], cs)
	}
	return start, max(end, to)
}
