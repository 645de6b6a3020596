package bodyformat

import (
	"bytes"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A script may hold its data as a JSON document serialised into a string
// literal it parses: window.__DATA__ = JSON.parse('{"tel":"\\u0031…"}').
// Two layers of escapes stand between the text and the reader: the
// script's, then JSON's. The literal's content is decoded once (the
// script's layer) and walked as JSON (which reads the second); what the
// walk masks is written back in place, escaped for the literal.

// parsedLiteral reports whether the first bracket of b, at lo (from is
// where b goes on after its comments), opens the content of a string
// literal passed to JSON.parse, and returns where that content stands:
// the literal is read to its closing quote, each byte once, and must be
// followed by the call's ")" or by the "," before a reviver
// (JSON.parse('…', null), JSON.parse('…', function (k, v) {…})); what
// follows that (; init(d);, .data, the reviver) is code, read as text. A
// template literal that holds an expression (${…}) is none.
func parsedLiteral(b []byte, from, lo int) (wrapping, bool) {
	q := lo - 1
	for q >= from && isSpaceByte(b[q]) {
		q--
	}
	if q < from || b[q] != '\'' && b[q] != '"' && b[q] != '`' {
		return wrapping{}, false
	}
	if !bytes.HasSuffix(bytes.TrimRight(b[from:q], " \t\r\n"), []byte("JSON.parse(")) {
		return wrapping{}, false
	}
	quote := b[q]
	end := -1
	i := q + 1
	defer func() { countReadingSteps(i - q) }()
	for ; i < len(b); i++ {
		if b[i] == '\\' {
			i++
			continue
		}
		if b[i] == quote {
			end = i
			break
		}
		if quote == '`' && b[i] == '$' && i+1 < len(b) && b[i+1] == '{' {
			return wrapping{}, false
		}
	}
	if end < 0 {
		return wrapping{}, false
	}
	if rest := bytes.TrimLeft(b[end+1:], " \t\r\n"); len(rest) == 0 || rest[0] != ')' && rest[0] != ',' {
		return wrapping{}, false
	}
	return wrapping{lo: q + 1, hi: end, quote: quote}, true
}

// parsedString reports whether the "(" at b[open] is JSON.parse's and is
// given a string literal whose content is a JSON string (JSON.parse('"…"'),
// JSON.parse("\"…\""): a server's one escaped value), which no bracket
// opens for parsedLiteral to be tried at, and returns where that content
// stands (parsedLiteral). The blanks after "(" are looked at once.
func parsedString(b []byte, open int) (wrapping, bool) {
	if !bytes.HasSuffix(b[:open], []byte("JSON.parse")) {
		return wrapping{}, false
	}
	q := open + 1
	for q < len(b) && isSpaceByte(b[q]) {
		q++
	}
	countReadingSteps(q - open)
	if q+2 >= len(b) || b[q] != '\'' && b[q] != '"' && b[q] != '`' {
		return wrapping{}, false
	}
	if c := b[q+1]; c != '"' && (c != '\\' || b[q+2] != '"') {
		return wrapping{}, false
	}
	return parsedLiteral(b, open-len("JSON.parse"), q+1)
}

// parsedDoc walks the JSON document the string literal content lit (in
// quote) holds: its escapes decoded (the script's layer), walked as JSON,
// and each replacement the walk made written in place into lit, escaped
// for the literal (jsLiteral), the rest of lit kept as it was spelled. A
// replacement that would cut into another's escape (none the walk makes:
// it replaces whole values and findings) has the whole document written
// back escaped instead. It returns the redacted literal content (nil when
// unchanged) and whether lit held valid JSON.
func (in *inspector) parsedDoc(lit []byte, quote byte, hint detect.CategorySet, depth int) ([]byte, bool) {
	dec, offs, _ := decodeEscapes(lit, nil, nil)
	if !looksLikeJSON(dec) && !looksLikeJSONString(dec) {
		return nil, false
	}
	w, err := in.walkJSONKeeping(dec, hint, depth, false, true)
	if err != nil {
		return nil, false
	}
	whole := w.out.result()
	if whole == nil {
		return nil, true
	}
	out := splicer{src: lit}
	at := 0
	for _, e := range w.out.edits {
		from, to := rawSpan(offs, e.from, e.to)
		if e.from == e.to {
			from, to = int(offs[e.from]), int(offs[e.from])
		}
		if from < at {
			return jsLiteral(nil, whole, quote), true
		}
		out.replace(from, to, jsLiteral(nil, e.repl, quote))
		at = to
	}
	return out.result(), true
}

// jsLiteral appends s escaped as the content of a JavaScript string
// literal in quote: as JSON escapes it (appendJSONEscaped, safe inside a
// <script> block too), but for the quotes: only the literal's own quote
// (and a template literal's "$") is backslash-escaped, so that
// '{"a":1}' stays spelled as it was.
func jsLiteral(dst, s []byte, quote byte) []byte {
	special := "\"'`$"
	for len(s) > 0 {
		k := bytes.IndexAny(s, special)
		if k < 0 {
			return appendJSONEscaped(dst, s)
		}
		dst = appendJSONEscaped(dst, s[:k])
		switch c := s[k]; {
		case c == quote || c == '$' && quote == '`':
			dst = append(dst, '\\', c)
		default:
			dst = append(dst, c)
		}
		s = s[k+1:]
	}
	return dst
}
