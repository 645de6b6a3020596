package bodyformat

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A script often holds several JSON documents, one a statement: var a =
// {…}; var b = {…};, two JSONP calls, window.X = {…}; init({…});. The
// wrapper reading (jsonwrap.go) takes one document around which the whole
// body is a wrapper; statementsJSON takes each document a statement
// holds, so that every one of them is walked as JSON (its keys, its
// members joined under a phone or ID key) whatever stands before it.

// statementDocs returns the JSON documents of b that stand where a
// statement puts a value (after "=", a call's "(", ";", "return",
// "export default", at a line's start; but a byte array's bytes:
// byteArrayAt) and end where one closes (before ";", ")",
// ",", a line break, the end of b), valid JSON or a script's data
// literal (jsValueLen: bare keys, single quotes …), and the contents of
// the string literals JSON.parse is called with (parsedLiteral), in
// order, none inside another. A
// candidate that is no valid JSON costs what was read of it; what the
// candidates read in all is bounded by twice b's length, past which no
// more are tried.
func statementDocs(b []byte) []wrapping {
	var docs []wrapping
	budget := 2 * len(b)
	for i := 0; i < len(b) && budget > 0; {
		k := bytes.IndexAny(b[i:], "[{")
		if k < 0 {
			break
		}
		lo := i + k
		countReadingSteps(k + 1)
		if wr, ok := parsedLiteral(b, 0, lo); ok {
			// a second JSON.parse('…') (or one after a document): its
			// literal is read to its closing quote, once
			budget -= wr.hi - lo
			docs = append(docs, wr)
			i = wr.hi + 1
			continue
		}
		if !opensStatement(b[:lo]) || byteArrayAt(b, lo) {
			i = lo + 1
			continue
		}
		n, ok := jsonValueLen(b[lo:])
		budget -= n
		countReadingSteps(n)
		js := false
		var inner []wrapping
		if !ok {
			// a script's data literal ({mobile: '138', …}): jsliteral.go
			n, ok = jsValueLen(b[lo:], &inner)
			budget -= n
			js = true
		}
		if !ok && len(inner) > 0 {
			// the literals nested in one that holds code, closed before
			// it (new Vue({data: {…}, methods: {f() {}}})), each walked;
			// what lies before the last one's end was read
			for _, d := range inner {
				docs = append(docs, wrapping{lo: lo + d.lo, hi: lo + d.hi, js: true})
			}
			i = lo + inner[len(inner)-1].hi
			continue
		}
		if ok && closesStatement(b[lo+n:]) {
			docs = append(docs, wrapping{lo: lo, hi: lo + n, js: js})
			i = lo + n
			continue
		}
		i = lo + 1
	}
	return docs
}

// maxStatementLead bounds what is looked at before a candidate.
const maxStatementLead = 16

// opensStatement reports whether before ends where a statement puts a
// value: "=", a call's "(", ";", "return", "export default", or a line's
// start. Not "," or ":": what follows them may be one element of a
// literal a reading joins whole ([["138"],["1234"]]).
func opensStatement(before []byte) bool {
	t := bytes.TrimRight(before[max(0, len(before)-maxStatementLead):], " \t")
	if len(t) == 0 {
		return len(bytes.TrimLeft(before, " \t")) == 0 // the start of b
	}
	switch t[len(t)-1] {
	case '=', '(', '\n', ';':
		return t[len(t)-1] != '=' || len(t) < 2 || t[len(t)-2] != '=' && t[len(t)-2] != '!' && t[len(t)-2] != '<' && t[len(t)-2] != '>'
	}
	return bytes.HasSuffix(t, []byte("return")) || bytes.HasSuffix(t, []byte("export default"))
}

// closesStatement reports whether after starts where a statement's value
// ends: ";", ")", ",", a line break, a comment, or nothing.
func closesStatement(after []byte) bool {
	t := bytes.TrimLeft(after, " \t")
	if len(t) == 0 {
		return true
	}
	switch t[0] {
	case ';', ')', ',', '\n', '\r', '}', ']':
		return true
	}
	return bytes.HasPrefix(t, []byte("//")) || bytes.HasPrefix(t, []byte("/*")) || bytes.HasPrefix(t, []byte("</script"))
}

// jsonValueLen returns the length of the JSON value b starts with, and
// whether it is one; when it is not, how much of b was read to tell.
func jsonValueLen(b []byte) (int, bool) {
	dec := json.NewDecoder(bytes.NewReader(b))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return max(int(syn.Offset), 1), false
		}
		return len(b), false
	}
	return int(dec.InputOffset()), true
}

// statementsJSON inspects each JSON document a statement of b holds as
// JSON (its numbers joined only under a phone or ID key: a script's
// arrays of numbers are its data), each data literal as jsDoc reads it,
// and the text around them as text, and returns b redacted (nil when
// unchanged or not Redact), the format read (FormatJSON when a JSON
// document was walked, FormatText when only data literals were) and
// true; false when b holds no such document.
func (in *inspector) statementsJSON(b []byte, hint detect.CategorySet, depth int) ([]byte, string, bool) {
	docs := statementDocs(b)
	if len(docs) == 0 {
		return nil, FormatText, false
	}
	format := FormatText // until a JSON document is walked
	var out []byte
	changed, walked := false, false
	from := 0
	for _, d := range docs {
		mark := in.mark()
		// a literal JSON.parse reads is serialised data, read as the
		// wrapped one is (wrappedJSON); a statement's document is code's
		in.scriptData = d.quote == 0
		var doc []byte
		var ok bool
		named := hint
		if d.quote == 0 {
			named |= nameHint(b[:d.lo]) // var mobile = [138, 1234, 5678];
		}
		if d.js {
			doc, ok = in.jsDoc(b[d.lo:d.hi], named, depth)
		} else {
			doc, ok = in.wrappedDoc(b[d.lo:d.hi], d.quote, named, depth)
		}
		in.scriptData = false
		if !ok {
			in.rollback(mark)
			continue // read with the text around it
		}
		walked = true
		if !d.js {
			format = FormatJSON
		}
		text := in.text(b[from:d.lo], hint)
		out = append(out, orRaw(text, b[from:d.lo])...)
		out = append(out, orRaw(doc, b[d.lo:d.hi])...)
		changed = changed || text != nil || doc != nil
		from = d.hi
	}
	if !walked {
		return nil, FormatText, false
	}
	text := in.text(b[from:], hint)
	out = append(out, orRaw(text, b[from:])...)
	if !changed && text == nil {
		return nil, format, true
	}
	return out, format, true
}

// jsDoc walks lit, a script's data literal (jsliteral.go), as JSON
// (walkJS: its members joined under a phone or ID key, its numbers only
// there), then reads as text what the walk wrote: the text reading the
// literal had before it was walked (a label in one member, a value
// delimited in the next) still has it, over masks that hide nothing
// more. Outside Redact, the text reading is made only when the walk found
// nothing, so that nothing is counted twice. It returns the redacted
// literal (nil when unchanged or not Redact) and whether lit was one.
func (in *inspector) jsDoc(lit []byte, hint detect.CategorySet, depth int) ([]byte, bool) {
	before := in.counted()
	w, err := in.walkJS(lit, hint, depth)
	if err != nil {
		return nil, false
	}
	doc := w.out.result()
	if in.mode != Redact {
		if in.counted() == before {
			in.text(lit, hint)
		}
		return nil, true
	}
	return orRaw(in.text(orRaw(doc, lit), hint), doc), true
}
