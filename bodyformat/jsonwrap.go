package bodyformat

import (
	"bytes"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A JSON document often comes wrapped: behind a prefix that stops a
// script from running it (")]}'" for Angular, "while(1);", "for(;;);"),
// as the argument of a JSONP callback (cb({…});), or assigned in a script
// (var data = […];, window.__DATA__ = {…};). The client strips the
// wrapper, or runs the script, and reads the document: it is walked as
// JSON, as a bare one would be, so that its arrays are joined, its keys
// read and its numbers masked as strings; the wrapper is read as text.

// maxWrapper bounds the wrapper looked through before and after the
// document.
const maxWrapper = 256

// wrappedJSON inspects b as a JSON document (an object or an array) with
// a wrapper of at most maxWrapper bytes before or after it, and returns
// b redacted (nil when unchanged or not Redact) and true; or false, having
// recorded nothing, when b is no such thing (opensDocument,
// closesDocument) or the document is no valid JSON. b itself being a document, with nothing around it, is no wrapped
// one: the caller walked it already.
func (in *inspector) wrappedJSON(b []byte, hint detect.CategorySet, depth int) ([]byte, bool) {
	lo := bytes.IndexAny(b[:min(len(b), maxWrapper)], "[{")
	if lo < 0 {
		return nil, false
	}
	tail := max(lo, len(b)-maxWrapper)
	hi := bytes.LastIndexAny(b[tail:], "]}")
	if hi < 0 {
		return nil, false
	}
	hi += tail + 1
	before, after := bytes.TrimSpace(b[:lo]), bytes.TrimSpace(b[hi:])
	if len(before)+len(after) == 0 || !opensDocument(before) || !closesDocument(after) {
		return nil, false
	}
	mark := in.mark()
	w, err := in.walkJSON(b[lo:hi], hint, depth, false)
	if err != nil {
		in.rollback(mark)
		return nil, false
	}
	doc := w.out.result()
	before, after = in.text(b[:lo], hint), in.text(b[hi:], hint)
	if doc == nil && before == nil && after == nil {
		return nil, true
	}
	out := make([]byte, 0, len(b)+len(doc))
	out = append(out, orRaw(before, b[:lo])...)
	out = append(out, orRaw(doc, b[lo:hi])...)
	return append(out, orRaw(after, b[hi:])...), true
}

// opensDocument reports whether a wrapper that ends with before (white
// space trimmed) stands before a document: nothing, a prefix against
// running it as a script (")]}'", ")]}',", "while(1);", "for(;;);"), or
// code the document is the value of (a call's "(", an assignment's "=").
// Text that runs into the bracket (tel 150[7156](…) in Markdown) is none.
func opensDocument(before []byte) bool {
	if len(before) == 0 {
		return true
	}
	switch before[len(before)-1] {
	case '(', '=', ';':
		return true
	}
	return bytes.HasSuffix(before, []byte(")]}'")) || bytes.HasSuffix(before, []byte(")]}',"))
}

// closesDocument reports whether after (white space trimmed) ends a
// wrapped document: nothing, the ")" of a call, a ";", or both, with white
// space between them and a line comment after them (cb({…}) ; and
// //# sourceMappingURL=…).
func closesDocument(after []byte) bool {
	if k := bytes.Index(after, []byte("//")); k >= 0 {
		after = after[:k]
	}
	rest := bytes.Map(dropSpace, after)
	switch string(rest) {
	case "", ")", ";", ");":
		return true
	}
	return false
}

// orRaw returns redacted, or raw when nothing was redacted.
func orRaw(redacted, raw []byte) []byte {
	if redacted != nil {
		return redacted
	}
	return raw
}
