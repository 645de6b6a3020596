package scancmd

import (
	"bytes"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
)

// Text in UTF-16 or UTF-32 (a file saved by Notepad, a PowerShell
// redirect) cannot be streamed as bytes: a mask written in ASCII over its
// code units breaks the text, and a NUL after each letter stands between
// an identifier's digits. Such an input is read whole, as the handler
// reads a buffered text/plain body: in its charset (a byte-order mark, or
// sniffed), masked in it, and written back in it.

// wideTextType is the media type wide text is read as.
const wideTextType = "text/plain"

// wideTextName names wide text in messages.
const wideTextName = "UTF-16 or UTF-32 text"

// wideText reports whether the head of a text input shows UTF-16 or
// UTF-32: a byte-order mark of either, or a NUL byte among its first four
// bytes (in ASCII text of either, one of them is one), the test
// bodyformat's stream makes of its first bytes; or UTF-16 text that opens
// with CJK characters (bodyformat.CJKUTF16).
func wideText(head []byte) bool {
	first := head[:min(len(head), 4)]
	return bytes.IndexByte(first, 0) >= 0 || bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) ||
		bodyformat.CJKUTF16(head)
}
