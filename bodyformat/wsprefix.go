package bodyformat

import (
	"bytes"
	"encoding/binary"
	"unicode/utf8"
)

// LengthPrefix is the 4-byte length a binary WebSocket message writes
// before the JSON document it carries (a game or RPC protocol's framing:
// "\x00\x00\x00\x17{"phone":"…"}"): big- or little-endian, counting the
// document alone or the whole message. Its zero value is no prefix.
type LengthPrefix struct {
	width     uint8 // 4, or 0: none
	little    bool  // little-endian
	inclusive bool  // the length counts the prefix too
}

// lengthPrefixWidth is the width of the prefixes SniffLengthPrefix knows.
const lengthPrefixWidth = 4

// SniffLengthPrefix reports whether p is a JSON document (UTF-8 text
// without NUL whose first byte past white space is '{' or '[') after a
// 4-byte length whose value is the document's length or the message's, in
// either byte order. A client that reads the length and parses the rest
// reads the document as any JSON message is read.
func SniffLengthPrefix(p []byte) (LengthPrefix, bool) {
	if len(p) <= lengthPrefixWidth {
		return LengthPrefix{}, false
	}
	doc := p[lengthPrefixWidth:]
	lp := LengthPrefix{width: lengthPrefixWidth}
	be, le := binary.BigEndian.Uint32(p), binary.LittleEndian.Uint32(p)
	switch {
	case be == uint32(len(doc)):
	case be == uint32(len(p)):
		lp.inclusive = true
	case le == uint32(len(doc)):
		lp.little = true
	case le == uint32(len(p)):
		lp.little, lp.inclusive = true, true
	default:
		return LengthPrefix{}, false
	}
	if !prefixedJSON(doc, true) {
		return LengthPrefix{}, false
	}
	return lp, true
}

// prefixedJSON reports whether doc, what follows a length prefix, is a
// JSON document's start (whole: all of it): UTF-8 text without NUL whose
// first byte past white space is '{' or '[' (of a start, a character cut
// off at its end allowed).
func prefixedJSON(doc []byte, whole bool) bool {
	t := bytes.TrimLeft(doc, " \t\r\n")
	valid := doc
	if !whole {
		valid = trimPartialRune(doc)
	}
	// (no NUL: JSON escapes its control characters)
	return len(t) > 0 && (t[0] == '{' || t[0] == '[') && bytes.IndexByte(doc, 0) < 0 && utf8.Valid(valid) && isText("", doc)
}

// Width returns how many bytes the prefix takes: 0 for none.
func (lp LengthPrefix) Width() int { return int(lp.width) }

// Append appends doc to dst after the prefix, its length written as the
// prefix wrote the original's (a masked document may be longer).
func (lp LengthPrefix) Append(dst, doc []byte) []byte {
	if lp.width == 0 {
		return append(dst, doc...)
	}
	n := uint32(len(doc))
	if lp.inclusive {
		n += uint32(lp.width)
	}
	if lp.little {
		dst = binary.LittleEndian.AppendUint32(dst, n)
	} else {
		dst = binary.BigEndian.AppendUint32(dst, n)
	}
	return append(dst, doc...)
}
