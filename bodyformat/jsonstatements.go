package bodyformat

import (
	"bytes"
	"encoding/json"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A script often holds several JSON documents, one a statement: var a =
// {…}; var b = {…};, two JSONP calls, window.X = {…}; init({…});. The
// wrapper reading (jsonwrap.go) takes one document around which the whole
// body is a wrapper; statementsJSON takes each document a statement
// holds, so that every one of them is walked as JSON (its keys, its
// members joined under a phone or ID key) whatever stands before it.

// statementDocs returns the JSON documents of b that stand where a
// statement puts a value (after "=", a call's "(", ";", "return", "export
// default", at a line's start; but a byte array's bytes: byteArrayAt) and
// end where one closes (before ";", ")", ",", a line break, the end of b),
// valid JSON or a script's data literal (jsValueLen: bare keys, single
// quotes …), and the contents of the string literals JSON.parse is called
// with (parsedLiteral, and parsedString for one that holds a JSON string),
// and the numbers an array call is given (new Array(…), Array.of(…): args,
// arrayCallAt), in order, none inside another. Every candidate is tried,
// each byte read a bounded number of times whatever stands before a
// literal: a candidate that is none is read once, to the byte that made it
// none, and the scan goes on from there (the candidates nested in it that
// had not closed there would read the same bytes to the same end; those
// that had are its inner literals); a literal that code goes on from
// ([…].map(f)) is read again only in the nested literal at a line's start
// that is a document. No budget stops the scan: lines of unclosed "["
// cannot spend what a later literal needs
// (TestStatementDocsAfterUnclosedCandidates, TestComplexityStatementDocs).
func statementDocs(b []byte) []wrapping {
	var docs []wrapping
	cursor, lastOpen := 0, -1 // b[:cursor] looked at for "/*", the last at lastOpen
	var sc codeScratch        // codeCallEnd's, reused
	for i := 0; i < len(b); {
		k := bytes.IndexAny(b[i:], "[{(")
		if k < 0 {
			break
		}
		lo := i + k
		countReadingSteps(k + 1)
		at := lo // where the document, or the call that makes it, starts
		var kind arrayCallKind
		if b[lo] == '(' {
			if wr, ok := parsedString(b, lo); ok {
				// JSON.parse('"…"'): a JSON string, read to its closing
				// quote, once
				docs = append(docs, wr)
				i = wr.hi + 1
				continue
			}
			// a char codes call all of whose arguments are codes
			// (String.fromCharCode([49], [51], …)) is the string it
			// returns, read as text whole (codeCallEnd)
			if end := codeCallEnd(b, lo, &sc); end > 0 {
				i = end
				continue
			}
			// new Array(138, 1234, 5678): its numbers, as the array they
			// make (arrayCallAt); any other call's "(" is passed over
			if at, kind = arrayCallAt(b, lo); at < 0 {
				i = lo + 1
				continue
			}
		} else if wr, ok := parsedLiteral(b, 0, lo); ok {
			// a second JSON.parse('…') (or one after a document): its
			// literal is read to its closing quote, once
			docs = append(docs, wr)
			i = wr.hi + 1
			continue
		}
		before := b[:at]
		if endsWithComment(before) {
			for cursor < at { // the last "/*" before it, each byte looked at once
				k := bytes.Index(b[cursor:at], []byte("/*"))
				if k < 0 {
					countReadingSteps(at - cursor)
					cursor = at
					break
				}
				countReadingSteps(k + 1)
				lastOpen, cursor = cursor+k, cursor+k+1
			}
			before = commentTrimmed(before, lastOpen)
		}
		// an array call stands as a key's value too ({mobile: new
		// Array(…)}): its numbers are none of a literal's elements
		callOpens := at < lo && afterKey(before)
		if !opensStatement(before) && !callOpens || at == lo && byteArrayAt(b, lo) {
			i = lo + 1
			continue
		}
		if at < lo {
			// the arguments are read once: to the ")" that closes them,
			// or to the byte that makes them no array's numbers
			from, to, end, stop := arrayArgsEnd(b, lo, kind)
			if end >= 0 && closesStatement(b[end+1:]) {
				docs = append(docs, wrapping{lo: from, hi: to, args: true, call: at})
				i = end + 1
				continue
			}
			i = max(lo+1, stop)
			continue
		}
		listStop := lo + 1
		if b[lo] == '[' {
			// [131.0, (5124), 1702,]: numbers JSON does not read as they
			// are, read as an array call's (jsNumberListEnd); but bytes
			// in hex ([0x31, 0x33]) are the char codes readings'
			// (basedList)
			end, stop, plain := jsNumberListEnd(b, lo+1, ']')
			if end >= 0 && !plain && !basedList(b[lo+1:end]) && closesStatement(b[end+1:]) {
				docs = append(docs, wrapping{lo: lo + 1, hi: end, args: true, call: lo})
				i = end + 1
				continue
			}
			listStop = stop
		}
		// a script's data literal ({mobile: '138', …}: jsliteral.go), of
		// which a JSON document is one (the grammar holds JSON's): walked
		// as JSON when it is valid JSON
		var inner []wrapping
		n, ok := jsValueLen(b[lo:], &inner)
		js := false
		if ok {
			countReadingSteps(n)
			js = !json.Valid(b[lo : lo+n])
		}
		if ok && closesStatement(b[lo+n:]) {
			docs = append(docs, wrapping{lo: lo, hi: lo + n, js: js})
			i = lo + n
			continue
		}
		if ok {
			// a literal code goes on from ([…].map(f)): the literals
			// nested in it are tried (a nested one at a line's start
			// always closes a statement, so none is read twice more);
			// none opens among the numbers the list reading read
			i = max(lo+1, listStop)
			continue
		}
		// none: the literals nested in it that closed before what made it
		// none (new Vue({data: {…}, methods: {f() {}}})) are walked, each
		// on its own; a candidate nested in it that had not closed there
		// reads the same bytes to the same end (the grammar does not look
		// at what encloses a literal), so none is tried again: the scan
		// goes on at the byte that made it none (which may open one)
		for _, d := range inner {
			docs = append(docs, wrapping{lo: lo + d.lo, hi: lo + d.hi, js: true})
		}
		i = max(lo+1, lo+n-1, listStop)
		if len(inner) > 0 {
			i = max(i, lo+inner[len(inner)-1].hi)
		}
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

// afterKey reports whether before ends with a ":" (blanks after it),
// looked for within maxStatementLead bytes: where a key's value stands.
func afterKey(before []byte) bool {
	t := bytes.TrimRight(before[max(0, len(before)-maxStatementLead):], " \t")
	return len(t) > 0 && t[len(t)-1] == ':'
}

// maxCommentLead bounds the comment looked through before a statement's
// document (var mobile = /* x */ […]).
const maxCommentLead = 64

// endsWithComment reports whether before ends with "*/" and blanks.
func endsWithComment(before []byte) bool {
	t := bytes.TrimRight(before[max(0, len(before)-2*maxCommentLead):], " \t\r\n")
	return bytes.HasSuffix(t, []byte("*/"))
}

// commentTrimmed is trimCommentEnd, the comment's "/*" known: the last
// one in before is at open (-1: none).
func commentTrimmed(before []byte, open int) []byte {
	if open < 0 || len(before)-open > 2*maxCommentLead {
		return before // no comment ends near
	}
	off := max(0, len(before)-2*maxCommentLead)
	t := bytes.TrimRight(before[off:], " \t\r\n")
	countReadingSteps(len(before) - off - len(t) + 1) // the blanks trimmed
	end := off + len(t)
	if !bytes.HasSuffix(t, []byte("*/")) || open < 0 || open+2 > end-2 || end-open > maxCommentLead {
		return before
	}
	return before[:open]
}

// trimCommentEnd returns before without the white space and the one
// block comment of at most maxCommentLead bytes it ends with (each looked
// for within 2*maxCommentLead bytes) (var mobile
// = /* x */ […]: the comment stands between "=" and the document), or
// before as it is.
func trimCommentEnd(before []byte) []byte {
	off := max(0, len(before)-2*maxCommentLead)
	t := bytes.TrimRight(before[off:], " \t\r\n")
	countReadingSteps(len(before) - off - len(t) + 1) // the blanks trimmed
	if !bytes.HasSuffix(t, []byte("*/")) {
		return before
	}
	lo := max(0, len(t)-maxCommentLead)
	countReadingSteps(len(t) - lo)
	k := bytes.LastIndex(t[lo:len(t)-2], []byte("/*"))
	if k < 0 {
		return before
	}
	return before[:off+lo+k]
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
			nameEnd := d.lo
			if d.args {
				nameEnd = d.call // var mobile = new Array(…)
			}
			named |= nameHint(b[:nameEnd]) // var mobile = [138, 1234, 5678];
		}
		switch {
		case d.args:
			doc, ok = in.arrayArgsDoc(b[d.lo:d.hi], named, depth)
		case d.js:
			doc, ok = in.jsDoc(b[d.lo:d.hi], named, depth)
		default:
			doc, ok = in.wrappedDoc(b[d.lo:d.hi], d.quote, named, depth)
		}
		in.scriptData = false
		if !ok {
			in.rollback(mark)
			continue // read with the text around it
		}
		walked = true
		if !d.js && !d.args {
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
	in.giveWalker(w)
	if in.mode != Redact {
		if in.counted() == before {
			in.text(lit, hint)
		}
		return nil, true
	}
	return orRaw(in.text(orRaw(doc, lit), hint), doc), true
}
