package bodyformat

import (
	"errors"
	"fmt"
	"io"
)

// errBinaryScreenFrame ends a BinaryScreen reading a stream message by
// message whose next message it cannot hold whole: longer than
// maxBinaryScreenDoc, or framed otherwise than the messages before it.
var errBinaryScreenFrame = fmt.Errorf("%w: a length-prefixed message longer than the binary screen holds", ErrTooLarge)

// startMessages starts reading the body message by message in framing
// k (heldFraming of what it holds, s.doc, which it reads first), each
// message held whole, up to maxBinaryScreenDoc and one byte, read as
// Inspect reads a body whole (readMessages: a JSON document as JSON), then
// passed on: issue #9 (fix49hold), a document past the hold had been read
// as runs of text, which join no sibling members. The hold is charged to
// Limits.Memory as holdDoc charges it.
func (s *BinaryScreen) startMessages(k uint8) {
	held := s.doc
	if size := maxBinaryScreenDoc + 1; cap(held) < size {
		if s.lim.Memory != nil {
			if err := s.lim.Memory.Reserve(binaryScreenDocMemory(size) - binaryScreenDocMemory(cap(held))); err != nil {
				s.err = errors.Join(ErrMemory, err)
				return
			}
		}
		held = append(make([]byte, 0, size), held...)
	}
	s.buf, s.off, s.ready, s.doc = held, 0, 0, nil
	s.msgs, s.msgKind = true, k
}

// fillMessages reads the source once, when the hold has room, and reads
// the messages whole in it (readMessages), making them ready to be
// passed on; at the body's end what follows them (a message cut short,
// bytes the framing writes no message in) is read with them. A next
// message that cannot be held whole ends the stream
// (errBinaryScreenFrame) before any of it goes on.
func (s *BinaryScreen) fillMessages() {
	if s.ready > 0 {
		// all passed on: what follows moves to the front
		n := copy(s.buf, s.buf[s.ready:])
		countReadingSteps(n)
		s.buf = s.buf[:n]
		s.passed += s.ready
		s.off, s.ready = 0, 0
	}
	if !s.eof && len(s.buf) < cap(s.buf) {
		n, err := s.src.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf = s.buf[:len(s.buf)+n]
		s.held = max(s.held, len(s.buf))
		switch {
		case err == io.EOF:
			s.eof = true
		case err != nil:
			s.err = err
			return
		}
	}
	end, next := 0, int64(0)
	for {
		next = frameEnd(s.buf[end:], s.msgKind)
		countReadingSteps(1)
		if next <= 0 || next > int64(len(s.buf)-end) {
			break
		}
		end += int(next)
	}
	switch {
	case s.eof:
		end = len(s.buf)
	case end > 0:
	case next < 0 || next > int64(cap(s.buf)):
		s.err = errBinaryScreenFrame
		return
	default:
		return // more of the message to come
	}
	if end > 0 {
		if err := s.readMessages(s.buf[:end]); err != nil {
			s.err = err
			return
		}
	}
	s.ready = end
	if s.eof && s.ready == s.off {
		s.err = io.EOF
	}
}

// readMessages reads b, whole messages in the screen's framing (and at
// the body's end what follows them), as binaryWhole reads a binary body
// whole, read-only: each message that opens a JSON document as text
// after its head (binaryHeadText: a length-prefixed document read as
// JSON, its sibling members joined), and, when that found nothing, all
// of b at once for its fields (binaryForm) and then its runs of text
// (binaryText), so that tiny binary messages cost no reading each. It
// judges what was found (Check).
func (s *BinaryScreen) readMessages(b []byte) error {
	in := s.newInspector()
	before := in.counted()
	var err error
	for off := 0; off < len(b) && err == nil; {
		end := len(b)
		if fe := frameEnd(b[off:], s.msgKind); fe > 0 && fe <= int64(len(b)-off) {
			end = off + int(fe)
		}
		countReadingSteps(1)
		if jsonOpens(b[min(off+frameHead(s.msgKind), end):end]) {
			_, err = in.binaryHeadText(b[off:end])
		}
		off = end
	}
	if err == nil && in.counted() == before {
		err = in.binaryForm(b)
	}
	if err == nil && in.counted() == before {
		err = in.binaryText(b)
	}
	return s.judge(in, err)
}
