package logfilter

import (
	"strings"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
)

// redact returns s with the personal information in it masked: as a URI
// when it looks like one, as text otherwise.
func (f *Filter) redact(s string, hint detect.CategorySet) string {
	if s == "" {
		return s
	}
	if looksLikeURI(s) {
		return f.redactURI(s)
	}
	return f.redactPiece(s, hint, false, false)
}

// looksLikeURI reports whether s is a request-target ("/path?query") or an
// absolute URI ("https://host/path"): no white space, and a leading '/' or
// a scheme followed by "://".
func looksLikeURI(s string) bool {
	if strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	if s[0] == '/' {
		return true
	}
	i := strings.Index(s, "://")
	if i <= 0 {
		return false
	}
	for j := 0; j < i; j++ {
		c := s[j]
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && (j == 0 || !('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

// redactURI redacts a URI part by part: everything before the query (the
// path, and the authority of an absolute URI) and the fragment are
// percent-decoded and scanned as a whole; the query is redacted field by
// field. Redactions are written back percent-encoded.
func (f *Filter) redactURI(s string) string {
	rest, frag, hasFrag := strings.Cut(s, "#")
	base, query, hasQuery := strings.Cut(rest, "?")
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(f.redactPiece(base, 0, false, true))
	if hasQuery {
		b.WriteByte('?')
		f.redactQuery(&b, query)
	}
	if hasFrag {
		b.WriteByte('#')
		b.WriteString(f.redactPiece(frag, 0, false, true))
	}
	return b.String()
}

// redactQuery writes query to b with each field's name and value redacted,
// the value hinted by the name (idCard=… hints cn_id), '+' read as a space.
func (f *Filter) redactQuery(b *strings.Builder, query string) {
	first := true
	for field := range strings.SplitSeq(query, "&") {
		if !first {
			b.WriteByte('&')
		}
		first = false
		name, value, hasValue := strings.Cut(field, "=")
		b.WriteString(f.redactPiece(name, 0, true, true))
		if hasValue {
			dec, _ := percentDecode(name, true)
			b.WriteByte('=')
			b.WriteString(f.redactPiece(value, bodyformat.HintForKey(string(dec)), true, true))
		}
	}
}

// redactPiece scans raw, percent-decoded ('+' as a space when plus is
// set), and replaces each finding's span of raw by its mask. The mask is
// percent-encoded when inURI is set or when the span it replaces held
// escapes.
func (f *Filter) redactPiece(raw string, hint detect.CategorySet, plus, inURI bool) string {
	dec, offs := percentDecode(raw, plus)
	findings := findHinted(f.engine, dec, hint)
	if len(findings) == 0 {
		return raw
	}
	var b strings.Builder
	b.Grow(len(raw))
	prev := 0
	for _, fd := range findings {
		start, end := fd.Start, fd.End
		if offs != nil {
			start, end = offs[start], offs[end]
		}
		b.WriteString(raw[prev:start])
		if inURI || end-start != fd.End-fd.Start {
			b.WriteString(escapeMask(fd.Masked))
		} else {
			b.WriteString(fd.Masked)
		}
		prev = end
	}
	b.WriteString(raw[prev:])
	return b.String()
}
