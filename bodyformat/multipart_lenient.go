package bodyformat

import (
	"bytes"
	"mime/multipart"
	"net/textproto"
	"strings"
)

// Go's mime/multipart ends a part only at a delimiter line: "\r\n--b"
// (or "\n--b" once the first delimiter line ended in a bare LF) and then
// the line's end. Other parsers are more lenient, and a part's bytes that
// Go reads as file content may hold form fields of their own for them:
// PHP's rfc1867 parser ends a part at "\n--b" whatever follows, Werkzeug
// at (\r\n|\n|\r)--b, and Django's MultiPartParser at any "--b", line
// break before it or not (the break, if any, is dropped; the rest of the
// delimiter line is read as a header line and ignored). The pieces of a
// part are read here as Django reads them, the most lenient of these, so
// that every narrower reading is covered: each "--b" inside a part starts
// a piece whose header block runs to the first empty line (CRLF, LF or CR
// line breaks, as PHP and Werkzeug accept them) and whose value runs to
// the line break before the next "--b". Masks are written in place into
// the part's bytes, so Go's reading (file content) and the lenient one
// (fields) get the same bytes.

// partPieces checks the pieces a lenient parser reads inside raw, a part's
// body as Go reads it, after Go's reading gave goOut (nil: unchanged) and
// counted goSeen findings. It returns the part's replacement: goOut when
// the pieces hold nothing more, raw with the pieces' findings masked when
// Go's reading changed nothing, and ErrMalformed when both readings need
// a change (a re-encoded part cannot also be masked in its encoded bytes).
// A part without "--b" is returned as Go's reading left it, binary parts
// byte for byte.
func (in *inspector) partPieces(goOut, raw, dash []byte, goSeen, nest int) ([]byte, error) {
	if bytes.Index(raw, dash) < 0 {
		return goOut, nil
	}
	cur := raw
	if goOut != nil {
		cur = goOut
	}
	mark, before := in.mark(), in.counted()
	out, err := in.lenientPieces(cur, dash, nest)
	if err != nil {
		return nil, err
	}
	if out == nil {
		if in.counted()-before <= goSeen {
			in.rollback(mark) // the same values, read twice
		}
		return goOut, nil
	}
	if goOut != nil {
		return nil, malformed("multipart: a part that two parsers read differently needs two rewrites", nil)
	}
	return out, nil
}

// lenientPieces inspects the pieces that start at each dash ("--" +
// boundary) in b: the header block as partHeader reads it, the value as
// part reads a part's body. It returns b with the findings masked, or nil
// when nothing changed. Each piece counts against Limits.MaxParts. The
// rewrite may hold no more and no fewer dashes than b, or the lenient
// parser would split it differently: that is ErrMalformed.
func (in *inspector) lenientPieces(b, dash []byte, nest int) ([]byte, error) {
	out := splicer{src: b}
	for at := bytes.Index(b, dash); at >= 0; {
		hdr := at + len(dash)
		next, end := -1, len(b)
		if k := bytes.Index(b[hdr:], dash); k >= 0 {
			next = hdr + k
			end = lineBreakBefore(b, next)
		}
		if in.parts++; in.parts > in.lim.MaxParts {
			return nil, malformed("multipart: more parts than allowed inside a part", nil)
		}
		if k := blankLineEnd(b[hdr:end]); k < 0 {
			in.textSpan(&out, hdr, end) // no value: the block is all header
		} else {
			start := hdr + k
			if err := in.partHeader(&out, partSpan{hdr, start, end}); err != nil {
				return nil, err
			}
			p := &multipart.Part{Header: lenientHeader(b[hdr:start])}
			nb, err := in.part(p, b[start:end], nest)
			if err != nil {
				return nil, err
			}
			if nb != nil {
				out.replace(start, end, nb)
			}
		}
		at = next
	}
	res := out.result()
	if res != nil && bytes.Count(res, dash) != bytes.Count(b, dash) {
		return nil, malformed("multipart: a rewritten part would split differently", nil)
	}
	return res, nil
}

// lineBreakBefore returns where the line break (CRLF, LF or CR) that ends
// just before b[at] starts, or at when there is none.
func lineBreakBefore(b []byte, at int) int {
	switch {
	case at > 0 && b[at-1] == '\n':
		if at > 1 && b[at-2] == '\r' {
			return at - 2
		}
		return at - 1
	case at > 0 && b[at-1] == '\r':
		return at - 1
	}
	return at
}

// lineBreak returns the length of the line break (CRLF, LF or CR) at
// b[i:], or 0.
func lineBreak(b []byte, i int) int {
	switch {
	case i >= len(b):
		return 0
	case b[i] == '\r' && i+1 < len(b) && b[i+1] == '\n':
		return 2
	case b[i] == '\r' || b[i] == '\n':
		return 1
	}
	return 0
}

// blankLineEnd returns the offset just past the first empty line in b,
// lines ending in CRLF, LF or CR, or -1.
func blankLineEnd(b []byte) int {
	for i := 0; i < len(b); i++ {
		if n := lineBreak(b, i); n > 0 {
			if m := lineBreak(b, i+n); m > 0 {
				return i + n + m
			}
			i += n - 1
		}
	}
	return -1
}

// lenientHeader reads a header block as a lenient parser does: every line
// (CRLF, LF or CR) with a colon is a field, other lines are skipped.
func lenientHeader(block []byte) textproto.MIMEHeader {
	h := textproto.MIMEHeader{}
	for line := range strings.FieldsFuncSeq(string(block), func(r rune) bool { return r == '\r' || r == '\n' }) {
		k, v, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(k) == "" {
			continue
		}
		h.Add(textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(k)), strings.TrimSpace(v))
	}
	return h
}
