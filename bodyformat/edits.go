package bodyformat

import (
	"bytes"
	"slices"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// edits is a reading of a piece given as the changes it makes (a
// decoder that leaves most of a piece as it is: numbers, percent
// escapes): spans of the piece, in order and disjoint, each read as other
// bytes, every one of them from the span's first offset. Elsewhere the
// reading is the piece. materialize builds the reading whole, as the
// decoder would; findEdited reads only the windows around the changes
// (readwindows.go) without building the rest.
type edits struct {
	spans []editSpan
	rep   []byte // the bytes of every span, in order
	// grown is the bytes of every array spans and rep have grown into
	// (room), charged by the inspector that holds e (holdEdits)
	grown int64
}

// editSpan is text[from:to] read as rep[r0:r1] of its edits.
type editSpan struct{ from, to, r0, r1 int32 }

// reset empties e, keeping its storage.
func (e *edits) reset() {
	e.spans, e.rep = e.spans[:0], e.rep[:0]
}

// room makes room for one more span of n bytes: spans and rep grow by
// doubling (append grows a large array by a quarter, copying it some
// twenty times over as a piece's escapes go from thousands to a
// million), each array grown into counted in grown.
func (e *edits) room(n int) {
	if len(e.spans) == cap(e.spans) {
		c := max(2*cap(e.spans), 64)
		e.spans = slices.Grow(e.spans, c-len(e.spans))
		e.grown += int64(cap(e.spans)) * editSpanSize
	}
	if need := len(e.rep) + n; need > cap(e.rep) {
		c := max(need, 2*cap(e.rep), 64)
		e.rep = slices.Grow(e.rep, c-len(e.rep))
		e.grown += int64(cap(e.rep))
	}
}

// editSpanSize is the memory of one editSpan.
const editSpanSize = int64(unsafe.Sizeof(editSpan{}))

// add records text[from:to] read as b.
func (e *edits) add(from, to int, b []byte) {
	e.room(len(b))
	r0 := len(e.rep)
	e.rep = append(e.rep, b...)
	e.spans = append(e.spans, editSpan{int32(from), int32(to), int32(r0), int32(len(e.rep))})
}

// addByte records text[from:to] read as c.
func (e *edits) addByte(from, to int, c byte) {
	e.room(1)
	r0 := len(e.rep)
	e.rep = append(e.rep, c)
	e.spans = append(e.spans, editSpan{int32(from), int32(to), int32(r0), int32(len(e.rep))})
}

// materialize returns the reading e makes of text whole, and for each of
// its bytes the offset in text it comes from (and len(text)): what
// mapped builds of the same copies and bytes.
func (e *edits) materialize(text []byte) ([]byte, []int32) {
	return e.region(text, 0, len(text), e.spans, nil, nil, 0)
}

// readingBuf is a reading built whole from edits (built), its bytes and
// offsets, kept in readingBufs once read for the next one.
type readingBuf struct {
	dec  []byte
	offs []int32
}

// readingBufs holds the readingBufs no reading holds now: a reading
// built whole reuses one (already grown, not zeroed again) rather than
// allocating five bytes a byte of the piece.
var readingBufs sync.Pool

// maxPooledReading is the largest reading (in bytes) whose buffer is
// kept for reuse: a huge body's does not stay held.
const maxPooledReading = 16 << 20

// built is materialize into a buffer of readingBufs: its dec and offs are
// the reading; the caller gives it back (putReadingBuf) once the reading
// is read and nothing holds a part of it.
func (e *edits) built(text []byte) *readingBuf {
	b := getReadingBuf()
	b.dec, b.offs = e.region(text, 0, len(text), e.spans, b.dec[:0], b.offs[:0], 0)
	return b
}

// builtLen is the length of the reading e makes of text whole (built,
// materialize): what it is charged by before it is built.
func (e *edits) builtLen(text []byte) int {
	n := len(text)
	for _, s := range e.spans {
		n += int(s.r1-s.r0) - int(s.to-s.from)
	}
	return n
}

// getReadingBuf returns an empty readingBuf, one of readingBufs when
// there is one.
func getReadingBuf() *readingBuf {
	if b, _ := readingBufs.Get().(*readingBuf); b != nil {
		b.dec, b.offs = b.dec[:0], b.offs[:0]
		return b
	}
	return new(readingBuf)
}

// putReadingBuf gives b (from built) back to readingBufs.
func putReadingBuf(b *readingBuf) {
	if b != nil && cap(b.dec) <= maxPooledReading {
		readingBufs.Put(b)
	}
}

// region appends to dst the reading of text[a:b] through spans (all of
// them within it) and to offs the offset of each byte, less base, closed
// by b-base.
func (e *edits) region(text []byte, a, b int, spans []editSpan, dst []byte, offs []int32, base int) ([]byte, []int32) {
	n := b - a
	for _, s := range spans {
		n += int(s.r1-s.r0) - int(s.to-s.from)
	}
	countReadingSteps(n)
	dst, offs = slices.Grow(dst, n), slices.Grow(offs, n+1)
	at := a // text[a:at] is in dst
	for _, s := range spans {
		offs = appendIdentity(offs, at-base, int(s.from)-base)
		dst = append(dst, text[at:s.from]...)
		for range s.r1 - s.r0 {
			offs = append(offs, s.from-int32(base))
		}
		dst = append(dst, e.rep[s.r0:s.r1]...)
		at = int(s.to)
	}
	offs = appendIdentity(offs, at-base, b-base)
	dst = append(dst, text[at:b]...)
	return dst, append(offs, int32(b-base))
}

// appendIdentity appends from, from+1, … to-1 to offs.
func appendIdentity(offs []int32, from, to int) []int32 {
	for o := from; o < to; o++ {
		offs = append(offs, int32(o))
	}
	return offs
}

// markupAdded reports whether the reading e makes of text holds more '<'
// than text does (decodedMarkup's test, without the reading).
func (e *edits) markupAdded(text []byte) bool {
	d := 0
	for _, s := range e.spans {
		for _, c := range e.rep[s.r0:s.r1] {
			if c == '<' {
				d++
			}
		}
		for _, c := range text[s.from:s.to] {
			if c == '<' {
				d--
			}
		}
	}
	return d > 0
}

// percentEdits is decodePercent as edits: it records in e each '+' and
// each percent escape decodeForm decodes, and each tab or line break of a
// query taken out (queryWhiteSpace), or, without an escape, the '+' of a
// query and its tabs and line breaks (queryPlusEdits), and reports
// whether there is one.
func percentEdits(text []byte, e *edits) bool {
	if bytes.IndexByte(text, '%') < 0 || !formDecodes(text) {
		if bytes.IndexByte(text, '+') < 0 {
			return false
		}
		return queryPlusEdits(text, e)
	}
	// the escapes up to each tab or line break taken out, in order (no
	// escape takes one into its digits)
	from := 0
	if !queryWhiteSpaceMay(text) {
		escapeEdits(text, from, e)
		return len(e.spans) > 0
	}
	queryWhiteSpace(text, func(i int) {
		escapeEdits(text[:i], from, e)
		e.add(i, i+1, nil)
		from = i + 1
	})
	escapeEdits(text, from, e)
	return len(e.spans) > 0
}

// escapeEdits records in e each '+' of text from from on as a space and
// each percent escape there decoded, as decodeForm decodes them.
func escapeEdits(text []byte, from int, e *edits) {
	var buf [utf8.UTFMax]byte
	for i := from; i < len(text); i++ {
		switch text[i] {
		case '+':
			e.addByte(i, i+1, ' ')
		case '%':
			if r, n := percentU(text[i+1:]); n > 0 {
				e.add(i, i+1+n, buf[:utf8.EncodeRune(buf[:], r)])
				i += n
			} else if i+3 <= len(text) {
				if hi, lo := unhex(text[i+1]), unhex(text[i+2]); hi >= 0 && lo >= 0 {
					e.addByte(i, i+3, byte(hi<<4|lo))
					i += 2
				}
			}
		}
	}
}
