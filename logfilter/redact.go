package logfilter

import (
	"strings"
	"unicode"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/fieldtext"
)

// redact returns s with the personal information in it masked: as a URI
// when it looks like one, as text otherwise (fieldtext.Redact), every
// piece read through findHinted.
func (f *Filter) redact(s string, hint detect.CategorySet) string {
	out, _ := fieldtext.Redact(f.find, s, hint)
	return out
}

// redactKeyed is redact for a value under key: a host (the key "host",
// under which Caddy logs a request's host) is first read as pii_filter
// reads one (fieldtext.RedactHost: its digits alone, punycode labels
// decoded), which finds an identifier glued to a letter of a label.
func (f *Filter) redactKeyed(key, s string, hint detect.CategorySet) string {
	if strings.EqualFold(key, "host") {
		s, _ = fieldtext.RedactHost(f.find, s)
		return s
	}
	return f.redact(s, hint)
}

// memberName returns an object's key as it is added to the entry: with
// what its digits alone or its text hold masked (fieldtext.RedactName,
// as pii_filter reads a header's name). A key without a digit, or
// remembered clean, is returned as it is: its text alone is the walk's
// to read (cleanKey).
func (f *Filter) memberName(key string) string {
	if !strings.ContainsFunc(key, unicode.IsDigit) || f.cleanKeys.cleanName(key) {
		return key
	}
	out, fs := fieldtext.RedactName(f.find, key)
	if len(fs) == 0 {
		f.cleanKeys.addName(key)
	}
	return out
}

// find reads one piece of a value through the filter's engine; a piece
// a reading cannot read unwinds to the value's containment (unreadable).
func (f *Filter) find(text []byte, hint detect.CategorySet) []detect.Finding {
	fs, err := findHinted(f.engine, text, hint)
	if err != nil {
		panic(unreadable{err})
	}
	return fs
}
