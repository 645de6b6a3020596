package bodyformat

import (
	"bytes"
	"unicode/utf8"
)

// FramedText is where the text of a binary WebSocket message stands when
// the message is text but for a short binary head and NUL bytes after
// the text: a STOMP frame (Spring's WebSocket messaging ends every frame
// with a NUL), a JSON document padded with NULs to a block size, a type
// byte or a length of a framing SniffLengthPrefix does not know before
// text. A receiver that drops the framing reads the text as any text
// message; the same bytes in a text frame are read so. Its zero value is
// no framing.
type FramedText struct {
	head []byte // the bytes before the text, as they came
	n    int    // the text's length
	tail int    // the NUL bytes after it
}

// maxFramedHead bounds the binary head before the text SniffFramedText
// finds: a type byte, a 2-, 4- or 8-byte length. Data that is no text
// further in (an image, a protobuf message with a zero or a number in it)
// is no framed text.
const maxFramedHead = 8

// SniffFramedText reports whether p is text (UTF-8 without NUL, as
// IsText says) but for at most maxFramedHead bytes before it that are no
// text (NULs, control bytes but white space, bytes no UTF-8 decoder reads
// where they stand: up to the first other byte past the last NUL) and a
// run of NUL bytes after it, at least one of the two there.
// It looks at p twice, whatever its size.
func SniffFramedText(p []byte) (FramedText, bool) {
	body := bytes.TrimRight(p, "\x00")
	tail := len(p) - len(body)
	head := bytes.LastIndexByte(body, 0) + 1 // past the last NUL before the tail
	if head > maxFramedHead {
		return FramedText{}, false
	}
	for head < min(len(body), maxFramedHead) {
		// a control byte or a byte no decoder reads where it stands (a
		// length's other bytes) is the head's
		c := body[head]
		if r, size := utf8.DecodeRune(body[head:]); (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') && (r != utf8.RuneError || size > 1) {
			break
		}
		head++
	}
	text := body[head:]
	if head == 0 && tail == 0 || len(text) == 0 || !utf8.Valid(text) || !isText("", text) {
		return FramedText{}, false
	}
	return FramedText{head: bytes.Clone(body[:head]), n: len(text), tail: tail}, true
}

// Framed reports whether ft is a framing SniffFramedText found.
func (ft FramedText) Framed() bool { return ft.n > 0 }

// Text returns the text of p, a message SniffFramedText found ft in.
func (ft FramedText) Text(p []byte) []byte {
	return p[len(ft.head) : len(ft.head)+ft.n]
}

// Append appends to dst the message with text, the redacted text of the
// message, in place of its own: its head and its NUL bytes as they came,
// the text as long as the one it stands for (spaces after a shorter one,
// so a length in the head still counts the bytes). ok is false when text
// is longer: it cannot go out in the same framing.
func (ft FramedText) Append(dst, text []byte) (_ []byte, ok bool) {
	if len(text) > ft.n {
		return dst, false
	}
	dst = append(append(dst, ft.head...), text...)
	for range ft.n - len(text) {
		dst = append(dst, ' ')
	}
	for range ft.tail {
		dst = append(dst, 0)
	}
	return dst, true
}
