package bodyformat

import (
	"encoding/json"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// jsonAsText scans b, a document the JSON walker gave up on, as text. A
// valid JSON document (one nested deeper than Limits.MaxDepth) must stay
// JSON: a mask over bare numbers ({"tel":[138,1234,5678]}, or a number
// under a phone key) is written as a string, as the walker writes a
// number holding an identifier ("138****5678"), and a mask that starts or
// ends outside a string is closed by a quote there. Masks inside strings
// are written in place. A document that would still not be valid JSON is
// masked as text (the masks cover the values either way).
func (in *inspector) jsonAsText(b []byte, hint detect.CategorySet) []byte {
	fs := in.find(b, hint)
	if len(fs) == 0 || in.mode != Redact {
		return nil
	}
	if !json.Valid(b) {
		return detect.Apply(b, fs)
	}
	lex := jsonLexer{src: b}
	inString := lex.inString
	out := splicer{src: b}
	for _, f := range fs {
		s, e := f.Start, f.End
		var repl []byte
		if !inString(s) {
			for s > 0 && numberByte(b[s-1]) {
				s--
			}
			repl = append(repl, '"')
		}
		repl = append(repl, f.Masked...)
		if !inString(e - 1) {
			for e < len(b) && numberByte(b[e]) {
				e++
			}
			repl = append(repl, '"')
		}
		out.replace(s, e, repl)
	}
	if res := out.result(); json.Valid(res) {
		return res
	}
	return detect.Apply(b, fs)
}

// jsonLexer tells, for offsets asked in increasing order, whether a byte
// of a valid JSON document is inside a string: one pass over the document
// in all.
type jsonLexer struct {
	src  []byte
	pos  int  // src[:pos] is read
	open bool // pos is inside a string (after its opening quote)
	esc  bool // the byte at pos is escaped
}

// inString reports whether src[i] is between a string's quotes. i may not
// be less than an offset asked before.
func (l *jsonLexer) inString(i int) bool {
	for ; l.pos < i; l.pos++ {
		c := l.src[l.pos]
		switch {
		case l.esc:
			l.esc = false
		case l.open && c == '\\':
			l.esc = true
		case c == '"':
			l.open = !l.open
		}
	}
	return l.open && (l.esc || l.src[i] != '"')
}

// numberByte reports whether c can be part of a JSON number.
func numberByte(c byte) bool {
	return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'
}
