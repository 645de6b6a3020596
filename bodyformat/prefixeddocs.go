package bodyformat

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"slices"
)

// A length-framed reader (an RPC or game protocol's client, a WebSocket
// message read message by message) reads the first message of a body by
// its 4-byte length and ignores, or reads as the next message, what
// follows: a JSON document framed so is read as JSON whatever comes after
// it (a NUL, a line break, a second message). SniffLengthPrefix asks the
// length to be the whole body's; prefixedDocs reads a body's leading
// messages one after the other.

// prefixedDocs calls each with the JSON document of every length-prefixed
// message b starts with, one after the other, and returns where the last
// of them ends: 0 when b starts with none. A message is a 4-byte length,
// in either byte order, counting the document or the whole message
// (SniffLengthPrefix), then a JSON document: one that ends b as
// SniffLengthPrefix finds it, one followed by more bytes only when it is
// valid JSON (json.Valid; of the lengths the prefix may write, the
// shortest that frames one). It stops at the first error of each. Each
// byte is looked at a bounded number of times: a document holds no NUL,
// so no length reaches past the first NUL after its prefix (looked for
// once per stretch), and the lengths tried are tried shortest first, so
// none tried is longer than the message read.
func prefixedDocs(b []byte, each func(doc []byte) error) (int, error) {
	off, nul := 0, -1 // nul: the first NUL at or past off+lengthPrefixWidth, or len(b)
	for len(b)-off > lengthPrefixWidth {
		if _, ok := SniffLengthPrefix(b[off:]); ok {
			// (its NUL scan is the one below's: the last message)
			countReadingSteps(len(b) - off)
			return len(b), each(b[off+lengthPrefixWidth:])
		}
		if nul < off+lengthPrefixWidth {
			nul = len(b)
			if i := bytes.IndexByte(b[off+lengthPrefixWidth:], 0); i >= 0 {
				nul = off + lengthPrefixWidth + i
			}
			countReadingSteps(nul - off)
		}
		end := prefixedDocEnd(b[off:], nul-off)
		if end == 0 {
			break
		}
		if err := each(b[off+lengthPrefixWidth : off+end]); err != nil {
			return off + end, err
		}
		off += end
	}
	return off, nil
}

// prefixedDocEnd returns where the message p starts with ends when its
// length frames a valid JSON document followed by more bytes (p is
// longer), 0 when none does; no document reaches past limit (a NUL).
func prefixedDocEnd(p []byte, limit int) int {
	be, le := uint64(binary.BigEndian.Uint32(p)), uint64(binary.LittleEndian.Uint32(p))
	ends := [4]uint64{be + lengthPrefixWidth, be, le + lengthPrefixWidth, le}
	slices.Sort(ends[:])
	for _, end := range ends {
		if end <= lengthPrefixWidth || end > uint64(limit) || end >= uint64(len(p)) {
			continue
		}
		doc := p[lengthPrefixWidth:end]
		countReadingSteps(len(doc))
		if prefixedJSON(doc, true) && json.Valid(doc) {
			return int(end)
		}
	}
	return 0
}
