package bodyformat

import "encoding/json"

// framedLead reports whether b, an untyped body (mt: untypedBinary) that
// sniffs as text, is rather a stream of length-prefixed messages holding
// JSON documents (prefixedDocs): a 2-byte length reads as text when
// neither of its bytes is a NUL ("\x01\x2c{…}"), yet a length-framed
// reader reads the document behind it as JSON, its members joined, where
// the text reading, which sees no JSON document, joins none (issue #9,
// fix49frames finding 1). Such a body takes the binary road (binaryWhole:
// its documents read as JSON, read-only; in Redact mode a finding refuses
// it), unless it is valid JSON whole, which the text reading reads as the
// JSON it is.
func framedLead(mt string, b []byte) bool {
	if !untypedBinary(mt) {
		return false
	}
	end, _ := prefixedDocs(b, func([]byte) error { return nil })
	return end > 0 && !json.Valid(b)
}
