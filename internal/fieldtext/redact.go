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
// nothing in it comes back as it is, with no findings. A piece read with
// '+' as a space and with '+' kept (findPiece) has its findings' spans in
// its raw text.
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
// a scheme followed by "://". An empty value is neither.
func looksLikeURI(s string) bool {
	if s == "" || strings.ContainsAny(s, " \t\r\n") {
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
// percent-decoded with '+' as a space and, when it holds a '+', with '+'
// kept, holds nothing. One reading of the whole costs a fraction of one a
// part, and most URIs hold nothing.
func (f *redactor) readsClean(s string) bool {
	if _, query, ok := strings.Cut(s, "?"); ok && queryHinted(query) {
		return false
	}
	dec, _ := percentDecode(s, true)
	if len(findAll(f.find, dec, 0)) > 0 {
		return false
	}
	if strings.IndexByte(s, '+') < 0 {
		return true
	}
	kept, _ := percentDecode(s, false) // a '+' kept, as findPiece reads it too
	return len(findAll(f.find, kept, 0)) == 0
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
// and replaces each finding's span of raw by its mask (findPiece: a '+'
// read as a space is read kept too). The mask is percent-encoded when
// inURI is set or when the span it replaces held escapes, a '+' read as
// a space or a query's tab or line break taken out.
func (f *redactor) redactPiece(raw string, hint detect.CategorySet, plus, inURI bool) string {
	dec, offs := percentDecode(raw, plus)
	spaced := false
	if !inURI {
		dec, offs, spaced = spaceQueryPlus(raw, dec, offs)
	}
	findings := f.findPiece(raw, dec, offs, hint, plus || spaced)
	if len(findings) == 0 {
		return raw
	}
	f.found = append(f.found, findings...)
	var b strings.Builder
	b.Grow(len(raw))
	prev := 0
	for _, fd := range findings {
		start, end := fd.Start, fd.End
		b.WriteString(raw[prev:start])
		if _, escaped := percentDecode(raw[start:end], false); inURI || escaped != nil || (spaced || plus) && strings.ContainsAny(raw[start:end], "+\t\r\n") {
			b.WriteString(escapeMask(fd.Masked))
		} else {
			b.WriteString(fd.Masked)
		}
		prev = end
	}
	b.WriteString(raw[prev:])
	return b.String()
}

// findPiece returns the findings of dec, raw as redactPiece reads it
// (offs mapping dec to raw, nil when dec is raw), with their spans in raw.
// When that reading may take a '+' of raw for a space (spaced) and raw
// holds one, raw is read with its '+' kept too (percent-decoded, no '+'
// a space), and the findings of both readings are joined, overlapping
// ones into one span covering both: a receiver that reads the URL raw, a
// log's reader, a client for which %2B and '+' are one, sees
// "+86-371-…" as a phone with its country code where the form reading
// sees " 86-371-…", which holds none.
func (f *redactor) findPiece(raw string, dec []byte, offs []int32, hint detect.CategorySet, spaced bool) []detect.Finding {
	findings := inRaw(findAll(f.find, dec, hint), offs)
	if !spaced || strings.IndexByte(raw, '+') < 0 {
		return findings
	}
	kept, keptOffs := percentDecode(raw, false)
	keptFound := inRaw(findAll(f.find, kept, hint), keptOffs)
	return bodyformat.MergePreferring(raw, findings, keptFound)
}

// inRaw maps the spans of findings in a decoded text to the raw text it
// was decoded from (offs as percentDecode gives them; nil: the same text).
func inRaw(findings []detect.Finding, offs []int32) []detect.Finding {
	if offs != nil {
		for k := range findings {
			findings[k].Start, findings[k].End = int(offs[findings[k].Start]), int(offs[findings[k].End])
		}
	}
	return findings
}
