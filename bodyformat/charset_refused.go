package bodyformat

import (
	"bytes"
	"unicode/utf8"
)

// refusedLabel reports whether a body b of media type mt, whose
// Content-Type charset is decl (labelCharset) and unknown when it names a
// charset not read, is refused: its label is one never read (UTF-7, HZ,
// ISO-2022-KR/CN: csRefused), or it is unknown (an EBCDIC code page,
// cp037), no markup declaration names another, and the bytes after any
// UTF-8 byte-order mark are not UTF-8, so that the label may name a
// charset a client reads and the filter does not. A byte-order mark does
// not save such a body: Python's requests decodes it in the label from
// byte 0, mark and all, while the filter would read it as the mark says.
func refusedLabel(mt string, decl *charset, unknown bool, b []byte) bool {
	if decl != nil && decl.refused {
		return true
	}
	if !unknown || bomCharset(b, 0) == nil {
		return false
	}
	rest := bytes.TrimPrefix(b, []byte(csUTF8.bom))
	return markupCharset(mt, rest) == nil && !utf8.Valid(rest)
}
