// Package fieldtext redacts one field of text that is not a body: a log
// field, a header value, a request's path or query. A value that looks
// like a URI is read part by part (path, query fields hinted by their
// names, fragment), percent-decoded, and its masks are written back
// percent-encoded; any other value is read as text (the query of a URI
// in it, a Refresh's url=, with '+' as a space). Each piece is read by
// a Finder, which the callers give as bodyformat.FindText on their engine:
// every reading a body's text gets.
package fieldtext

import (
	"strings"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
)

// A Finder returns the findings of one piece of decoded text, with masks.
type Finder func(text []byte, hint detect.CategorySet) []detect.Finding

// redactor redacts the pieces of one value and keeps what it found.
type redactor struct {
	find  Finder
	found []detect.Finding
}

// Redact returns s with the personal information in it masked, as a URI
// when it looks like one, as text otherwise, and the findings (spans in
// the decoded pieces, for their categories and counts). A value with
// nothing in it comes back as it is, with no findings.
func Redact(find Finder, s string, hint detect.CategorySet) (string, []detect.Finding) {
	if s == "" {
		return s, nil
	}
	f := redactor{find: find}
	if looksLikeURI(s) {
		if f.readsClean(s) {
			return s, nil
		}
		return f.redactURI(s), f.found
	}
	return f.redactPiece(s, hint, false, false), f.found
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

// readsClean reports whether the URI s needs no reading part by part: no
// query field is named for a category (idCard=, tel=), and its whole text,
// percent-decoded with '+' as a space, holds nothing. One reading of the
// whole costs a fraction of one a part, and most URIs hold nothing.
func (f *redactor) readsClean(s string) bool {
	if _, query, ok := strings.Cut(s, "?"); ok && queryHinted(query) {
		return false
	}
	dec, _ := percentDecode(s, true)
	return len(findAll(f.find, dec, 0)) == 0
}

// redactURI redacts a URI part by part: everything before the query (the
// path, and the authority of an absolute URI) and the fragment are
// percent-decoded and scanned as a whole, the fragment with '+' as a
// space (a page's script reads it with URLSearchParams); the query is
// redacted field by field. Redactions are written back percent-encoded.
func (f *redactor) redactURI(s string) string {
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
		b.WriteString(f.redactPiece(frag, 0, true, true))
	}
	return b.String()
}

// redactQuery writes query to b with each field's name and value redacted,
// the value hinted by the name (idCard=… hints cn_id), '+' read as a space.
func (f *redactor) redactQuery(b *strings.Builder, query string) {
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
// set; in text, not inURI, the '+' of a URI's query in it, spaceQueryPlus),
// and replaces each finding's span of raw by its mask. The mask is
// percent-encoded when inURI is set or when the span it replaces held
// escapes or a '+' read as a space.
func (f *redactor) redactPiece(raw string, hint detect.CategorySet, plus, inURI bool) string {
	dec, offs := percentDecode(raw, plus)
	spaced := false
	if !inURI {
		dec, offs, spaced = spaceQueryPlus(raw, dec, offs)
	}
	findings := findAll(f.find, dec, hint)
	if len(findings) == 0 {
		return raw
	}
	f.found = append(f.found, findings...)
	var b strings.Builder
	b.Grow(len(raw))
	prev := 0
	for _, fd := range findings {
		start, end := fd.Start, fd.End
		if offs != nil {
			start, end = int(offs[start]), int(offs[end])
		}
		b.WriteString(raw[prev:start])
		if inURI || end-start != fd.End-fd.Start || (spaced || plus) && strings.Contains(raw[start:end], "+") {
			b.WriteString(escapeMask(fd.Masked))
		} else {
			b.WriteString(fd.Masked)
		}
		prev = end
	}
	b.WriteString(raw[prev:])
	return b.String()
}
