package bodyformat

import (
	"bytes"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A browser decodes character references before a script sees the text:
// an attribute holding {"tel":"&#92;u0031&#92;u0033…"} reaches JSON.parse
// as \u0031\u0033…, and a link's ?tel=&#37;31… reaches the server as
// %31…. The engine reads references itself, but not an escape spelled
// with one; decodeCharRefs gives find the text with its references
// decoded, to read its escapes from. A link's ?q=138&#43;1234&#43;5678
// reaches the server as ?q=138+1234+5678, a query's spaces: the decoded
// text is read for those too (decodePercent, queryPluses).

// decodeCharRefs returns text with its character references decoded, and
// for each byte of it the offset in text it comes from (one more entry:
// len(text)), or ok false when text holds no reference to a backslash, a
// percent sign or a plus, the only ones that open another reading.
func decodeCharRefs(text []byte) (_ []byte, _ []int32, ok bool) {
	if !opensEscape(text) {
		return nil, nil, false
	}
	dst, offs := decodeRefsMapped(text)
	return dst, offs, true
}

// decodeAllCharRefs returns b with every character reference decoded, as
// a browser decodes an attribute's value.
func decodeAllCharRefs(b []byte) []byte {
	dst, _ := decodeRefsMapped(b)
	return dst
}

// decodeRefsMapped returns text with every character reference decoded,
// and for each byte of it the offset in text it comes from (one more
// entry: len(text)).
func decodeRefsMapped(text []byte) ([]byte, []int32) {
	m := mapped{dst: make([]byte, 0, len(text)), offs: make([]int32, 0, len(text)+1)}
	for i := 0; i < len(text); {
		k := bytes.IndexByte(text[i:], '&')
		if k < 0 {
			k = len(text) - i
		}
		m.copy(text, i, i+k)
		if i += k; i >= len(text) {
			break
		}
		r, n := detect.DecodeCharRef(text[i:])
		if n == 0 {
			r, n = '&', 1
		}
		m.rune(r, i)
		i += n
	}
	return m.done(len(text))
}

// opensEscape reports whether text holds a character reference to a
// backslash, a percent sign or a plus (a query's space).
func opensEscape(text []byte) bool {
	return refTo(text, func(r rune) bool { return r == '\\' || r == '%' || r == '+' })
}

// refTo reports whether text holds a character reference to a character
// want takes.
func refTo(text []byte, want func(rune) bool) bool {
	for i := 0; i < len(text); {
		k := bytes.IndexByte(text[i:], '&')
		if k < 0 {
			return false
		}
		i += k
		r, n := detect.DecodeCharRef(text[i:])
		if n > 0 && want(r) {
			return true
		}
		i += max(n, 1)
	}
	return false
}

// decodeOverrideRefs returns text with its character references decoded,
// as decodeCharRefs does, when one of them is a right-to-left override
// (&#x202E;): decodeBidi then shows what it reverses.
func decodeOverrideRefs(text []byte) (_ []byte, _ []int32, ok bool) {
	if !refTo(text, func(r rune) bool { return r == 0x202E }) {
		return nil, nil, false
	}
	dst, offs := decodeRefsMapped(text)
	return dst, offs, true
}

// decodeDelimiterRefs returns text with its character references decoded,
// as decodeCharRefs does, when one of them spells a delimiter or a space
// of a gap between digit groups (&#124;, &vert;, &nbsp;): decodeDelimited
// then reads the groups as a browser shows them.
func decodeDelimiterRefs(text []byte) (_ []byte, _ []int32, ok bool) {
	if !refTo(text, func(r rune) bool { return delimiter(r) || gapSpace(r) }) {
		return nil, nil, false
	}
	dst, offs := decodeRefsMapped(text)
	return dst, offs, true
}

// decodeControlRefs returns text with its character references decoded,
// as decodeCharRefs does, when one of them spells a control the engine
// reads as nothing (&#1;, &#x7f;, &#133;: C0 but white space, DEL, C1):
// decodeControlEnds then reads it as a value's end, as a scraper that
// decodes it to the control and cuts there does (a browser shows &#133;
// as an ellipsis, which sets the digits apart too).
func decodeControlRefs(text []byte) (_ []byte, _ []int32, ok bool) {
	if !refTo(text, controlRune) {
		return nil, nil, false
	}
	dst, offs := decodeRefsMapped(text)
	return dst, offs, true
}

// controlRune reports a control decodeControlEnds reads as a value's end
// (controlAt), as a rune: C0 but white space, DEL, C1.
func controlRune(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\v' && r != '\f' && r != '\r' || r >= 0x7F && r < 0xA0
}

// composeOffsets maps offsets into a decoded reading (inner, one entry a
// byte of a reading of outer) back through outer to the text outer was
// decoded from.
func composeOffsets(inner, outer []int32) []int32 {
	out := make([]int32, len(inner))
	for k, o := range inner {
		out[k] = outer[o]
	}
	return out
}
