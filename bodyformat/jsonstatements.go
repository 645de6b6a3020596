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
// statement puts a value (but a byte array's bytes: byteArrayAt) (after "=", a call's "(", ";", "return",
// "export default", at a line's start) and end where one closes (before ";", ")",
// ",", a line break, the end of b), in order, none inside another. A
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
		if !opensStatement(b[:lo]) || byteArrayAt(b, lo) {
			i = lo + 1
			continue
		}
		n, ok := jsonValueLen(b[lo:])
		budget -= n
		countReadingSteps(n)
		if ok && closesStatement(b[lo+n:]) {
			docs = append(docs, wrapping{lo: lo, hi: lo + n})
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
// arrays of numbers are its data) and the text around them as text, and returns b redacted (nil when
// unchanged or not Redact) and true; false when b holds no such document.
func (in *inspector) statementsJSON(b []byte, hint detect.CategorySet, depth int) ([]byte, bool) {
	docs := statementDocs(b)
	if len(docs) == 0 {
		return nil, false
	}
	var out []byte
	changed, walked := false, false
	from := 0
	for _, d := range docs {
		mark := in.mark()
		in.scriptData = true
		doc, ok := in.wrappedDoc(b[d.lo:d.hi], 0, hint, depth)
		in.scriptData = false
		if !ok {
			in.rollback(mark)
			continue // read with the text around it
		}
		walked = true
		text := in.text(b[from:d.lo], hint)
		out = append(out, orRaw(text, b[from:d.lo])...)
		out = append(out, orRaw(doc, b[d.lo:d.hi])...)
		changed = changed || text != nil || doc != nil
		from = d.hi
	}
	if !walked {
		return nil, false
	}
	text := in.text(b[from:], hint)
	out = append(out, orRaw(text, b[from:])...)
	if !changed && text == nil {
		return nil, true
	}
	return out, true
}
