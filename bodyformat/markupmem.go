package bodyformat

import (
	"slices"
	"sync"
	"unsafe"
)

// A markup view costs memory in proportion to the markup, not the text: a
// body of nothing but tags (<a>×1M) holds a separator, a piece of view
// and an aside a tag. So the reader charges what it holds to the
// inspection's meter before it allocates it, and stops once a charge is
// refused (ErrMemory): a crafted body is refused, not read past the
// process's memory budget. Its buffers grow by doubling, each growth
// charged; the arrays of pieces and asides charge the array a growth
// replaces too: garbage once copied, but not yet taken by the collector
// (a body of a million tags leaves a dozen of them, as large as the
// view's together). The view's bytes are made the document's size at
// once (roomGrowing: no chain of arrays grown out of), then double past
// it, into a spare array when there is one.

// maxMarkupRaw bounds the document a markup view is built of: the view
// is at most a few times the document's size, and its pieces hold 32-bit
// offsets (viewSeg).
const maxMarkupRaw = 256 << 20

// markupTooLarge is the error of a document over maxMarkupRaw: it is not
// inspected, so it fails closed.
var markupTooLarge = malformed("a markup document over 256 MiB", nil)

// Sizes charged a piece of the view and an aside.
const (
	segSize   = int(unsafe.Sizeof(viewSeg{}))
	asideSize = int(unsafe.Sizeof([2]int32{}))
)

// minMarkupGrowth is the least a buffer of the view grows by, in
// elements.
const minMarkupGrowth = 256

// room makes room for view more bytes and segs more pieces of the view,
// charged first. It reports false once a charge has been refused: the
// caller appends nothing more, and the reading stops (markupReader.read).
func (m *markupReader) room(view, segs int) bool {
	return m.roomGrowing(view, segs, 2)
}

// roomExact is room for what is appended last (the asides, the content
// of hidden elements), which needs no more room after it: no more is
// allocated, nor charged, than it needs.
func (m *markupReader) roomExact(view, segs int) bool {
	return m.roomGrowing(view, segs, 0)
}

// roomGrowing is room, a buffer that grows taking at least factor times
// the room it had. The view's room is what has been charged for it
// (viewRoom); it grows into the reader's spare array (a view read before,
// viewBufs) when that is large enough, charged all the same.
func (m *markupReader) roomGrowing(view, segs, factor int) bool {
	if m.err != nil {
		return false
	}
	if need := len(m.view) + view; need > m.viewRoom {
		c := max(need, factor*m.viewRoom, minMarkupGrowth)
		size := len(m.raw) - m.start // (a hidden element's content: its own size)
		if factor > 0 && m.viewRoom == 0 {
			c = max(c, size) // (made at once: no array grown out of, a dozen times)
		}
		if need <= size {
			// a view is mostly the document's text: it is made the
			// document's size at first, then doubles past it
			c = max(need, min(c, size))
		}
		if !m.charge(c - m.viewRoom) {
			return false
		}
		m.viewRoom = c
		if c > cap(m.view) {
			if cap(m.spare) >= c {
				m.view, m.spare = append(m.spare[:0], m.view...), nil
			} else {
				m.view = slices.Grow(m.view, c-len(m.view))
			}
		}
	}
	if need := len(m.segs) + segs; need > cap(m.segs) {
		c := max(need, factor*cap(m.segs), minMarkupGrowth)
		if !m.charge(c * segSize) { // (the growth, and the array replaced)
			return false
		}
		m.segs = slices.Grow(m.segs, c-len(m.segs))
	}
	return true
}

// viewBufs holds the byte arrays of markup views read and done with
// (readMarkup), for the next view to grow into rather than allocate a
// body's size again, by doubling.
var viewBufs sync.Pool

// maxPooledView is the largest view array kept for reuse: a huge body's
// does not stay held.
const maxPooledView = 16 << 20

// getViewBuf returns an array of viewBufs (empty, nil when there is
// none) for a view to grow into.
func getViewBuf() []byte {
	if b, _ := viewBufs.Get().(*[]byte); b != nil {
		return (*b)[:0]
	}
	return nil
}

// putViewBuf gives the array of view, which nothing holds any more, to
// viewBufs.
func putViewBuf(view []byte) {
	if c := cap(view); c >= minMarkupGrowth && c <= maxPooledView {
		b := view[:0]
		viewBufs.Put(&b)
	}
}

// roomAsides makes room for n more asides, charged first, as room does.
func (m *markupReader) roomAsides(n int) bool {
	if m.err != nil {
		return false
	}
	if need := len(m.asides) + n; need > cap(m.asides) {
		c := max(need, 2*cap(m.asides), minMarkupGrowth)
		if !m.charge(c * asideSize) { // (the growth, and the array replaced)
			return false
		}
		m.asides = slices.Grow(m.asides, c-len(m.asides))
	}
	return true
}

// charge charges n bytes to the meter (none: always granted).
func (m *markupReader) charge(n int) bool {
	if m.mt == nil {
		return true
	}
	m.err = m.mt.reserve(int64(n))
	return m.err == nil
}
