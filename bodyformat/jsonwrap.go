package bodyformat

import (
	"bytes"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A JSON document often comes wrapped: behind a prefix that stops a
// script from running it (")]}'" for Angular, "while(1);", "for(;;);",
// "{}&&", "&&&START&&&"), as an argument of a JSONP callback (cb({…});,
// cb({…}, 200);), assigned or exported in a script (var data = […];,
// window.__DATA__ = {…};, export default {…};), or serialised into the
// string literal a script parses (JSON.parse('{…}')). The client strips
// the wrapper, or runs the script, and reads the document: it is walked as
// JSON, as a bare one would be, so that its arrays are joined, its keys
// read and its numbers masked as strings; the wrapper is read as code:
// the documents its statements hold (a second JSON.parse('…'), a
// declaration before one) are walked too (statementsJSON), the rest read
// as text.
// Comments (a license) before the wrapper are skipped whole.

// maxWrapper bounds the wrapper looked through before and after the
// document (comments that start the body aside).
const maxWrapper = 256

// wrapping is where a wrapped document stands in a body: b[lo:hi], and,
// when it is the content of a string literal, the literal's quote.
type wrapping struct {
	lo, hi int
	quote  byte
	js     bool // a script's data literal, no JSON (statementDocs)
	// args: b[lo:hi] are the numbers an array call is given (new
	// Array(…), Array.of(…): jsonstatements_arraycall.go)
	args bool
	call int // with args: where the call (or the literal) starts
}

// wrappedJSON inspects b as a JSON document (an object or an array) with
// a wrapper of at most maxWrapper bytes before or after it (findWrapping),
// and returns b redacted (nil when unchanged or not Redact), the format
// it was read as (FormatJSON; FormatText when only a script's data
// literals were walked: statementsJSON) and true; or
// false, having recorded nothing, when b is no such thing or the document
// is no valid JSON. b itself being a document, with nothing around it, is
// no wrapped one: the caller walked it already.
func (in *inspector) wrappedJSON(b []byte, hint detect.CategorySet, depth int) ([]byte, string, bool) {
	wr, ok := findWrapping(b)
	if !ok {
		return in.statementsJSON(b, hint, depth) // documents a script's statements hold
	}
	mark := in.mark()
	named := hint
	if wr.quote == 0 && len(assignedName(b[:wr.lo])) > 0 {
		// var m = […]; alone is read as among other statements
		// (statementsJSON): a script's data, its numbers joined only
		// under a phone or ID name or key
		named |= nameHint(b[:wr.lo])
		in.scriptData = true
	}
	doc, ok := in.wrappedDoc(b[wr.lo:wr.hi], wr.quote, named, depth)
	in.scriptData = false
	var out []byte
	if !ok {
		in.rollback(mark)
		return in.statementsJSON(b, hint, depth) // var a = {…}; var b = {…};
	}
	before, after := in.code(b[:wr.lo], hint, depth), in.code(b[wr.hi:], hint, depth)
	if doc != nil || before != nil || after != nil {
		out = make([]byte, 0, len(b)+len(doc))
		out = append(out, orRaw(before, b[:wr.lo])...)
		out = append(out, orRaw(doc, b[wr.lo:wr.hi])...)
		out = append(out, orRaw(after, b[wr.hi:])...)
	}
	return out, FormatJSON, true
}

// wrappedDoc walks doc, a wrapped document, as JSON, or, with a quote,
// the JSON document a string literal doc holds (parsedDoc). It returns
// the redacted doc (nil when unchanged) and whether it was valid JSON.
func (in *inspector) wrappedDoc(doc []byte, quote byte, hint detect.CategorySet, depth int) ([]byte, bool) {
	if quote != 0 {
		return in.parsedDoc(doc, quote, hint, depth)
	}
	w, err := in.walkJSON(doc, hint, depth, false)
	if err != nil {
		return nil, false
	}
	out := w.out.result()
	in.giveWalker(w)
	return out, true
}

// findWrapping finds the document in b: the first '[' or '{' within
// maxWrapper bytes after the comments that start b (skipComments), up to
// the last ']' or '}' within the last maxWrapper bytes, with a wrapper
// around it (opensDocument, closesDocument); or the content of the string
// literal of JSON.parse('…') (parsedLiteral). A document behind comments
// only (/* v2 */ {…}) is a wrapped one too; the bytes of a byte array
// (new Uint8Array([…]): byteArrayAt) are none.
func findWrapping(b []byte) (wrapping, bool) {
	from := skipComments(b)
	at := from
	for _, p := range antiHijacking {
		if bytes.HasPrefix(b[from:], []byte(p)) {
			at += len(p) // {}&& holds a bracket of its own
			break
		}
	}
	lo := bytes.IndexAny(b[at:min(len(b), from+maxWrapper)], "[{")
	if lo < 0 {
		return wrapping{}, false
	}
	lo += at
	if wr, ok := parsedLiteral(b, from, lo); ok {
		return wr, true
	}
	tail := max(lo, len(b)-maxWrapper)
	hi := bytes.LastIndexAny(b[tail:], "]}")
	if hi < 0 {
		return wrapping{}, false
	}
	hi += tail + 1
	before, after := bytes.TrimSpace(b[from:lo]), bytes.TrimSpace(b[hi:])
	if len(before)+len(after) == 0 && from == 0 || !opensDocument(before) || !closesDocument(before, after) || byteArrayAt(b, lo) {
		return wrapping{}, false
	}
	return wrapping{lo: lo, hi: hi}, true
}

// skipComments returns where b goes on after the white space and the
// JavaScript comments (/* … */, // … to the line's end) it starts with: a
// license or a banner before the wrapper. A comment that is the wrapper
// itself (/*-secure- … */) is not skipped. Each byte is looked at once.
func skipComments(b []byte) int {
	i := 0
	for {
		at := i
		for i < len(b) && isSpaceByte(b[i]) {
			i++
		}
		countReadingSteps(i - at + 1)
		switch {
		case bytes.HasPrefix(b[i:], []byte("/*-secure-")):
			return i
		case bytes.HasPrefix(b[i:], []byte("/*")):
			k := bytes.Index(b[i+2:], []byte("*/"))
			if k < 0 {
				return i
			}
			i += 2 + k + 2
			countReadingSteps(k + 4)
		case bytes.HasPrefix(b[i:], []byte("//")):
			k := bytes.IndexByte(b[i:], '\n')
			if k < 0 {
				return i
			}
			i += k + 1
			countReadingSteps(k + 1)
		default:
			return i
		}
	}
}

// antiHijacking are the prefixes servers put before a JSON response so
// that a page including it as a script gets nothing (a client strips
// them).
var antiHijacking = []string{")]}'", ")]}',", "{}&&", "&&&START&&&", "throw 1; < don't be evil' >", "/*-secure-"}

// opensDocument reports whether a wrapper that ends with before (white
// space trimmed) stands before a document: nothing, a prefix against
// running it as a script (antiHijacking, "while(1);", "for(;;);"), or
// code the document is the value of (a call's "(", or its "," after an
// earlier argument, an assignment's "=", "export default"). Text that
// runs into the bracket (tel 150[7156](…) in Markdown) is none.
func opensDocument(before []byte) bool {
	if len(before) == 0 {
		return true
	}
	switch before[len(before)-1] {
	case '(', '=', ';':
		return true
	}
	for _, p := range antiHijacking {
		if bytes.HasSuffix(before, []byte(p)) {
			return true
		}
	}
	return bytes.HasSuffix(before, []byte("export default")) ||
		before[len(before)-1] == ',' && bytes.IndexByte(before, '(') >= 0 // cb(200, {…})
}

// closesDocument reports whether after (white space trimmed) ends a
// wrapped document: nothing, the ")" of a call, a ";", or both, with white
// space between them and a line comment after them (cb({…}) ; and
// //# sourceMappingURL=…); more arguments or declarators before those
// (cb({…}, 200);, var a = {…}, b = 1;); or the end of an anti-hijacking
// wrapper (&&&END&&&, the "*/" of /*-secure-).
func closesDocument(before, after []byte) bool {
	switch {
	case bytes.HasPrefix(before, []byte("&&&START&&&")):
		return string(after) == "&&&END&&&" || len(after) == 0
	case bytes.HasPrefix(before, []byte("/*-secure-")):
		return string(after) == "*/"
	}
	if k := bytes.Index(after, []byte("//")); k >= 0 {
		after = after[:k]
	}
	rest := bytes.Map(dropSpace, after)
	switch string(rest) {
	case "", ")", ";", ");":
		return true
	}
	return rest[0] == ',' && (bytes.HasSuffix(rest, []byte(")")) || bytes.HasSuffix(rest, []byte(";")))
}

// code inspects b, a script's code around a wrapped document (a
// statement before JSON.parse('…'), a second call after it), as the
// documents its statements hold and text (statementsJSON), or as text. It
// returns b redacted, or nil when unchanged or not Redact.
func (in *inspector) code(b []byte, hint detect.CategorySet, depth int) []byte {
	if out, _, ok := in.statementsJSON(b, hint, depth); ok {
		return out
	}
	return in.text(b, hint)
}

// orRaw returns redacted, or raw when nothing was redacted.
func orRaw(redacted, raw []byte) []byte {
	if redacted != nil {
		return redacted
	}
	return raw
}
