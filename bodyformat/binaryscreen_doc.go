package bodyformat

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// maxBinaryScreenDoc is the longest body a BinaryScreen holds whole when
// its head is a JSON document's start behind a 4-byte length
// (docHeadLength), to read it as Inspect reads it (binaryWhole: the
// document as JSON, its sibling members joined), where it would read it
// as runs of text past its first window. A body whose length says more
// is refused once more than this has arrived (ErrTooLarge).
const maxBinaryScreenDoc = 256 << 10

// binaryScreenDocMemory is what a BinaryScreen charges Limits.Memory for
// a document of n bytes it holds whole: the document, and its fields
// joined as a form and its runs of text as UTF-8 (up to three times its
// bytes), which the screen gathers on its way as for any body.
func binaryScreenDocMemory(n int) int64 { return 4 * int64(n) }

// errBinaryScreenDoc ends a BinaryScreen whose body's head writes a
// length-prefixed JSON document longer than it holds.
var errBinaryScreenDoc = fmt.Errorf("%w: a length-prefixed document longer than the binary screen holds", ErrTooLarge)

// docHeadLength returns the longest body head, the first bytes of a body
// not yet ended, may start for SniffLengthPrefix to find a JSON document
// in it once whole: the length its first 4 bytes write, in either byte
// order, counting the document or the whole message, when it is longer
// than head; 0 when no such length is, or what follows the length is no
// JSON document's start (prefixedJSON). A length past maxBinaryScreenDoc
// is returned as maxBinaryScreenDoc+1, and so is any when head starts with
// whole length-prefixed documents and more (prefixedDocs: a NUL, a next
// message), or with a document framed otherwise (openDocAfter).
func docHeadLength(head []byte) int {
	if len(head) <= lengthPrefixWidth {
		return 0
	}
	if !prefixedJSON(head[lengthPrefixWidth:], false) {
		end, _ := prefixedDocs(head, func([]byte) error { return nil })
		if _, _, framed := heldFraming(head); end > 0 || openDocAfter(head[end:]) || framed {
			// whole messages, then a NUL or a next message's length;
			// or a document in another framing (messageFrames), or
			// after a message that holds none, that runs past the head;
			// or binary messages in one framing (heldFraming): held as
			// far as the bound, read whole or as messages
			return maxBinaryScreenDoc + 1
		}
		return 0
	}
	be, le := uint64(binary.BigEndian.Uint32(head)), uint64(binary.LittleEndian.Uint32(head))
	n := max(be, le) + lengthPrefixWidth // the longest a length may say
	if n <= uint64(len(head)) {
		return 0
	}
	return int(min(n, maxBinaryScreenDoc+1)) // (past the bound, how far does not matter)
}

// holdDoc starts holding the body whole, its head (s.buf) a
// length-prefixed document's of up to n bytes (docHeadLength): up to n
// bytes, or maxBinaryScreenDoc, and one more, which tells that the body
// is longer.
func (s *BinaryScreen) holdDoc(n int) {
	s.docLen = n
	if s.lim.Memory != nil {
		if err := s.lim.Memory.Reserve(binaryScreenDocMemory(min(n, maxBinaryScreenDoc) + 1)); err != nil {
			s.err = errors.Join(ErrMemory, err)
			return
		}
	}
	_, _, s.framedHead = heldFraming(s.buf)
	s.doc = append(make([]byte, 0, min(n, maxBinaryScreenDoc)+1), s.buf...)
	s.docValid = len(trimPartialRune(s.doc)) // (docHeadLength: prefixedJSON)
	s.buf = s.buf[:0]
}

// fillDoc reads the source once into the document held (holdDoc) and
// reports whether the body ended: then it is the screen's window, read
// whole as a body that ends within the first window is (binaryWhole). A
// body longer than its head's length says, or holding a NUL or a byte
// that is no UTF-8 (which no length-prefixed document holds:
// prefixedJSON; the next length of a stream of messages), is no such
// document: what was held is read again as any body's bytes are,
// streamed. One longer than maxBinaryScreenDoc whose length says more
// ends the stream (errBinaryScreenDoc).
func (s *BinaryScreen) fillDoc() bool {
	n, err := s.src.Read(s.doc[len(s.doc):cap(s.doc)])
	s.doc = s.doc[:len(s.doc)+n]
	s.held = max(s.held, len(s.doc))
	valid := len(trimPartialRune(s.doc))
	noDoc := bytes.IndexByte(s.doc[s.docValid:], 0) >= 0 || !utf8.Valid(s.doc[s.docValid:valid])
	s.docValid = valid
	switch {
	case err == io.EOF:
		s.buf, s.doc, s.eof = s.doc, nil, true
		return true
	case err != nil:
		s.err = err
	case !noDoc && len(s.doc) < cap(s.doc):
	case len(s.doc) < cap(s.doc) && (s.framedHead || s.leadDoc()):
		// a whole message, then a NUL or a next message's length: held
		// on, read whole at its end as Inspect reads it (prefixedDocs)
	case s.framedHold():
		// a stream of messages longer than the hold, in one framing:
		// read message by message, each held whole
		s.startMessages(s.msgKind)
	case !noDoc && s.docLen > maxBinaryScreenDoc && !s.leadDoc():
		s.err = errBinaryScreenDoc
	default:
		// no document, or longer than any length its head writes: streamed,
		// the messages it starts with read as JSON first (readLeadDocs)
		if s.leadDoc() {
			if err := s.readLeadDocs(); err != nil {
				s.err = err
				return false
			}
		}
		s.src = io.MultiReader(bytes.NewReader(s.doc), s.src)
		s.doc = nil
	}
	return false
}

// framedHold reports whether the body held, at the hold's end, is a
// stream of length-prefixed messages in one framing (heldFraming) that
// explains it as far as the leading documents prefixedDocs reads in it
// (in any framings, a message after another) reach: its framing is
// noted (msgKind). A stream that mixes framings (a 4-byte length
// big-endian, then one little-endian) is not: it streams as before.
func (s *BinaryScreen) framedHold() bool {
	k, end, ok := heldFraming(s.doc)
	if !ok {
		return false
	}
	lead, _ := prefixedDocs(s.doc, func([]byte) error { return nil })
	s.msgKind = k
	return end >= lead
}

// leadDoc reports whether the body held starts with a whole
// length-prefixed JSON document and more after it (prefixedDocs): a
// reader of its first message reads the document whatever follows. It
// looks once, when the hold would end (a NUL or a byte that is no UTF-8,
// past the lengths its head writes, or full): the bytes before were all
// there then, and a document holds neither.
func (s *BinaryScreen) leadDoc() bool {
	if !s.leadTried {
		s.leadTried = true
		s.leadEnd, _ = prefixedDocs(s.doc, func([]byte) error { return nil })
	}
	return s.leadEnd > 0
}

// readLeadDocs reads the length-prefixed JSON documents the body held
// starts with, as Inspect reads them (binaryHeadText), before the body
// is streamed as any other (a stream of messages longer than the screen
// holds): what it finds counts and is judged (Check); in Redact mode a
// finding ends the stream.
func (s *BinaryScreen) readLeadDocs() error {
	in := s.newInspector()
	end, _ := prefixedDocs(s.doc, func([]byte) error { return nil })
	_, err := in.binaryHeadText(s.doc[:end])
	return s.judge(in, err)
}
