package bodyformat

import (
	"bytes"
	"net/http"
	"unicode/utf8"
)

// unknownPrefix is the most bytes that are no UTF-8 an unknownText head
// opens with.
const unknownPrefix = 16

// unknownText reports whether head, the start of a body that sniffText
// does not call text, is a few bytes that are no text before text: bytes
// of no format the standard sniffer knows (no image, archive, font,
// audio, video, PDF, WebAssembly signature), without a NUL, whose bytes
// that are no UTF-8 all stand in its first unknownPrefix ("x\x9c\x01&tel=…",
// which a form parser reads as a field named "x\x9c\x01" and the field
// tel, no longer makes the body binary). Such a head is read as text
// (after the readings of compressed content, binaryFile), as UTF-8 and
// never in a guessed legacy charset. Random bytes (an encrypted or
// compressed upload) are no UTF-8 past their first bytes: they stay
// binary, sent as they came (a legacy charset's guess read one in seven
// 64 KiB blobs as big5 or Shift_JIS text, refused or starred them), and
// what a form parser would read in them is looked for read-only
// (binaryForm).
func unknownText(head []byte) bool {
	head = head[:min(len(head), sniffLen)]
	if len(head) == 0 || bytes.IndexByte(head, 0) >= 0 {
		return false
	}
	last := -1 // the end of the last byte that is no UTF-8
	for i := 0; i < len(head); {
		r, n := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && n == 1 && utf8.FullRune(head[i:]) { // (a character cut off at the end is no error)
			last = i + 1
		}
		i += n
	}
	if last > unknownPrefix {
		return false
	}
	return http.DetectContentType(head) == "application/octet-stream"
}
