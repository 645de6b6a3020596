package bodyformat

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"

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
//
// The text reading is not the walker's: it does not join the members of
// an object under a phone key, nor an array's strings with the numbers
// after them ({"phone":{"a":"138","b":"12345678"}} 300 objects deep
// passed, attack pass 31 F6). So a document the walker gave up on for its
// depth (deep) is refused (errDeepJSON) when, outside what the text
// reading masks, it holds digits the walker could have joined
// (deepJoinable). No JSON API nests past MaxDepth (256 by default): a
// client that does sends a document with no digits, or has it refused.
func (in *inspector) jsonAsText(b []byte, hint detect.CategorySet, deep bool) []byte {
	fs := in.find(b, hint)
	if deep && deepJoinable(b, fs) {
		in.refuse(errDeepJSON)
		return nil
	}
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

// errDeepJSON: a JSON document nested past Limits.MaxDepth holds digits
// its text reading does not mask, which the walker could have joined.
var errDeepJSON = fmt.Errorf("%w: a JSON document nested past the depth limit holds digits its text reading cannot vouch for", ErrMalformed)

// deepJoinDigits is the fewest digits of an identifier the engine finds
// (a Macau permit's seven, a landline's local seven): fewer digits, in any
// number of runs, join into none.
const deepJoinDigits = 7

// deepJoinable reports whether b holds, outside the spans of fs (sorted,
// as find returns them), digits in any spelling the engine reads
// (engineDigit) in two runs or more, deepJoinDigits of them at least:
// what a walk of the document could join into a value its text reading
// does not see. One pass over b.
func deepJoinable(b []byte, fs []detect.Finding) bool {
	runs, digits := unmaskedDigits(b, 0, len(fs), func(k int) (int, int) { return fs[k].Start, fs[k].End })
	return runs >= 2 && digits >= deepJoinDigits
}

// deepJoinableSpans is deepJoinable for a string's own findings, as the
// JSON walker keeps them (spans).
func deepJoinableSpans(b []byte, found []span) bool {
	runs, digits := digitRuns(b, 0, found)
	return runs >= 2 && digits >= deepJoinDigits
}

// digitRuns returns the runs of digits (engineDigit) b, text[off:] of a
// string, holds outside found (the spans of the string's own findings, in
// order), and the digits.
func digitRuns(b []byte, off int, found []span) (runs, digits int) {
	return unmaskedDigits(b, off, len(found), func(k int) (int, int) { return found[k].from, found[k].to })
}

// unmaskedDigits returns the runs of digits b, text[off:], holds outside
// n masked spans of text (at(k): the k-th's start and end, in order), and
// the digits. One pass over b.
func unmaskedDigits(b []byte, off, n int, at func(k int) (start, end int)) (runs, digits int) {
	inRun := false
	k := 0
	for i := 0; i < len(b); {
		countReadingSteps(1)
		for k < n {
			if _, e := at(k); e > off+i {
				break
			}
			k++
		}
		if k < n {
			if s, e := at(k); s <= off+i {
				i, inRun = e-off, false // masked: no digit of it is left
				continue
			}
		}
		r, size := utf8.DecodeRune(b[i:])
		i += size
		if !engineDigit(r) {
			inRun = false
			continue
		}
		if !inRun {
			runs++
		}
		digits, inRun = digits+1, true
	}
	return runs, digits
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
