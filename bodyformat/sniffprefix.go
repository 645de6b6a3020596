package bodyformat

import (
	"bytes"
	"net/http"
)

// unknownText reports whether head, the start of a body that sniffText
// does not call text, is bytes of no format the standard sniffer knows
// (no image, archive, font, audio, video, PDF, WebAssembly signature)
// without a NUL byte: a few bytes that are no text before a form or a
// sentence ("x\x9c\x01&tel=…", which a form parser reads as a field
// named "x\x9c\x01" and the field tel) no longer make the body binary.
// Fail closed: such a head is read as text (after the readings of
// compressed content, binaryFile), and bytes of an unknown format are
// read for what text they hold; bytes with NULs (most binary formats:
// lengths, offsets, padding) and known formats stay binary.
func unknownText(head []byte) bool {
	head = head[:min(len(head), sniffLen)]
	if len(head) == 0 || bytes.IndexByte(head, 0) >= 0 {
		return false
	}
	return http.DetectContentType(head) == "application/octet-stream"
}
