package logfilter

import (
	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/fieldtext"
)

// redact returns s with the personal information in it masked: as a URI
// when it looks like one, as text otherwise (fieldtext.Redact), every
// piece read through findHinted.
func (f *Filter) redact(s string, hint detect.CategorySet) string {
	out, _ := fieldtext.Redact(func(text []byte, hint detect.CategorySet) []detect.Finding {
		return findHinted(f.engine, text, hint)
	}, s, hint)
	return out
}
