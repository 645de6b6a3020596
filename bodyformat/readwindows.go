package bodyformat

import (
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A decoded reading of a piece (its percent escapes, character references,
// look-alikes … decoded) differs from the piece only around what it
// decoded; elsewhere it is the piece, which the plain reading has already
// scanned. The engine reads it only in windows around its changes, each
// with readingMargin bytes of unchanged text on either side (more than
// any look-around of the engine: a label, an address, a name near a
// finding), its edges moved out, within readingReach, to the middle of a
// quiet stretch: 2 × quietMargin bytes with no digit in any spelling and
// nothing that may spell one (a reference, an escape, a percent sign), so
// that no number, however far apart its digits stand (separators spelled
// as padded references), reaches across an edge. An edge that finds no
// quiet stretch makes the whole reading one window. So a stray escape in a
// long body costs a window, not another pass over the body; a body dense
// with changes or digits costs what one pass does.

// readingMargin is the unchanged text a window keeps on each side of a
// change.
const readingMargin = 256

// readingReach is how far beyond its margin a window's edge looks for a
// quiet stretch. An edge that finds none within it makes the whole
// reading one window.
const readingReach = 2048

// quietMargin is how far a window's edge stands from the nearest digit
// or anything that may spell one: more than the widest gap of plain
// separators and invisible characters the engine or a reading puts
// between two digit groups.
const quietMargin = 64

// readingsWhole, set only by tests, makes every reading read whole, not in
// windows (findChanged, inViewWindows, findEdited): what the windows must
// find the same as.
var readingsWhole bool

// findChanged scans dec, a reading of text through offs, in the windows
// around what it changed (changedWindows), and returns the findings of
// all windows, their spans in text.
func (in *inspector) findChanged(text, dec []byte, offs []int32, hint detect.CategorySet, samples int) []detect.Finding {
	ws, ok := changedWindows(text, dec, offs, false, in.windows[:0])
	in.windows = ws
	if !ok || readingsWhole {
		return in.findIn(dec, offs, hint, samples)
	}
	var fs []detect.Finding
	for _, w := range ws {
		if in.failed() {
			return nil
		}
		fs = append(fs, in.findIn(dec[w.from:w.to], offs[w.from:w.to+1], hint, samples)...)
	}
	return mergeFindings(nil, fs)
}

// inViewWindows reads view, a markup view of text through segs, with
// read in the windows around what the view changed (changedWindows: the
// tags it dropped, the text it moved aside or generated), and returns the
// findings, their spans in text. The offset of each byte of the view is
// worked out from segs as the windows are looked for (viewCursor), not
// held: a view costs no offset array.
func (in *inspector) inViewWindows(text, view []byte, segs []viewSeg, read func([]byte) []detect.Finding) []detect.Finding {
	c, ok := newViewCursor(view, segs) // segments that do not tile the view are read whole
	var ws []window
	if ok {
		ws, ok = changedViewWindows(text, view, &c, nil)
	}
	if !ok || readingsWhole {
		ws = append(ws[:0], window{0, len(view)})
	}
	var fs []detect.Finding
	for _, w := range ws {
		if in.failed() {
			return nil
		}
		for _, f := range read(view[w.from:w.to]) {
			f.Start, f.End = f.Start+w.from, f.End+w.from
			fs = append(fs, rawFinding(text, view, segs, f))
		}
	}
	return fs
}

// window is a span [from, to) of a reading.
type window struct{ from, to int }

// changedWindows appends to ws the windows of dec (a reading of text
// through offs, one offset a byte of dec and one for its end) that hold
// every byte dec changed, with readingMargin bytes around each, edges at
// a break (windowStart, windowEnd); disjoint, in order. ok is false when
// an edge finds no break within readingReach: the caller then reads dec
// whole, as it would without windows.
//
// A byte of dec is unchanged when it is the byte of text its offset
// names (or, in a rendered view, white space for white space away from
// digits: a line break HTML shows as a space), and follows the byte before
// it there (nothing dropped or added between them); the end is unchanged
// when it is text's end and follows the last byte.
func changedWindows(text, dec []byte, offs []int32, rendered bool, ws []window) (_ []window, ok bool) {
	last := -1 // the end of the last window
	for j := 0; j <= len(dec); j++ {
		countReadingSteps(1)
		if !changedAt(text, dec, offs, j, rendered) {
			continue
		}
		if ws, j, last, ok = changedWindow(dec, j, last, ws); !ok {
			return ws, false
		}
	}
	return ws, true
}

// changedWindow is changedWindows' step at j, a byte dec changed: it
// appends the window around j to ws (merged with the last one when close
// enough) and returns them, the byte from which the next change is looked
// for, less one, and the window's end (the next window's floor); ok is
// false when an edge finds no break.
func changedWindow(dec []byte, j, last int, ws []window) (_ []window, next, end int, ok bool) {
	from := max(j-readingMargin, 0)
	if len(ws) > 0 && from <= ws[len(ws)-1].to+readingMargin {
		from = ws[len(ws)-1].from // close enough: one window
		ws = ws[:len(ws)-1]
	} else if from, ok = windowStart(dec, from, max(last, 0)); !ok {
		return ws, j, last, false
	}
	to, ok := windowEnd(dec, min(j+1+readingMargin, len(dec)))
	if !ok {
		return ws, j, last, false
	}
	if to > from { // (an empty reading changes only its end)
		ws = append(ws, window{from, to})
	}
	return ws, max(j, to-1), to, true // what the window holds is read; the next change is after it
}

// changedAt reports whether byte j of dec (or its end, j == len(dec)) is
// not the byte of text that follows the one before it (see
// changedWindows for rendered).
func changedAt(text, dec []byte, offs []int32, j int, rendered bool) bool {
	prev := -1
	if j > 0 {
		prev = int(offs[j-1])
	}
	return changedFrom(text, dec, j, int(offs[j]), prev, rendered)
}

// changedFrom is changedAt for byte j read from text[o], the byte before
// it (when j > 0) from text[prev].
func changedFrom(text, dec []byte, j, o, prev int, rendered bool) bool {
	if j > 0 && o != prev+1 {
		return true
	}
	if j == 0 && o != 0 {
		return true
	}
	if j == len(dec) {
		return o != len(text)
	}
	if o >= len(text) {
		return true
	}
	if c := text[o]; c != dec[j] {
		// white space that a rendered view shows as a space (a line break
		// in HTML) reads as it did, but between digits, where it may join
		// two groups into one number
		return !rendered || !(isSpaceByte(c) && isSpaceByte(dec[j])) || digitWithin(dec, j, -1) && digitWithin(dec, j+1, 1)
	}
	return false
}

// windowStart moves from back, not below floor (the end of the window
// before, or 0), to the middle of the first quiet stretch it meets (see
// the top of the file) within readingReach, and reports whether it found
// one; at floor, which is an edge already, it stays.
func windowStart(dec []byte, from, floor int) (int, bool) {
	lo := max(from-readingReach, floor)
	quiet := 0 // the quiet bytes from p on
	for p := from; p > lo; {
		q := p - 1
		for q > lo && !utf8.RuneStart(dec[q]) {
			q--
		}
		countReadingSteps(1)
		if mayBeDigit(dec, q) {
			quiet = 0
		} else {
			quiet += p - q
		}
		p = q
		if quiet >= 2*quietMargin {
			return runeStartAt(dec, p+quietMargin), true
		}
	}
	return lo, lo == floor
}

// windowEnd moves to forward to the middle of the first quiet stretch it
// meets within readingReach, and reports whether it found one; at the
// end of dec it stays.
func windowEnd(dec []byte, to int) (int, bool) {
	hi := min(to+readingReach, len(dec))
	quiet := 0 // the quiet bytes before p
	for p := to; p < hi; {
		countReadingSteps(1)
		size := 1
		if mayBeDigit(dec, p) {
			quiet = 0
		} else {
			_, size = utf8.DecodeRune(dec[p:])
			quiet += size
		}
		p += size
		if quiet >= 2*quietMargin {
			return runeStartAt(dec, p-quietMargin), true
		}
	}
	return hi, hi == len(dec)
}

// mayBeDigit reports whether a digit in a spelling the engine reads
// (detect.DigitAt: ASCII, full-width, Chinese numerals …) starts at
// dec[i], or something that may spell one or stand for a separator: a
// character reference, an escape, a percent escape.
func mayBeDigit(dec []byte, i int) bool {
	switch c := dec[i]; {
	case c == '&' || c == '%' || c == '\\':
		return true
	case c < utf8.RuneSelf:
		return c >= '0' && c <= '9'
	}
	_, ok := digitAt(dec, i)
	return ok
}

// digitWithin reports whether the first ASCII letter or digit met going
// from p in direction dir (-1 back, 1 forward), within 4 bytes, is a
// digit, or a digit in another spelling (mayBeDigit) is met first.
func digitWithin(dec []byte, p, dir int) bool {
	i := p
	if dir < 0 {
		i = p - 1
	}
	for k := 0; k < 4 && i >= 0 && i < len(dec); k, i = k+1, i+dir {
		if utf8.RuneStart(dec[i]) && mayBeDigit(dec, i) {
			return true
		}
		if isWordByte(dec[i]) {
			return false
		}
	}
	return false
}

// isWordByte reports whether c is an ASCII letter or digit.
func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
}
