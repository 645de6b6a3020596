//go:build detectsteps

package bodyformat

import (
	"bytes"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestComplexityMetaCharset checks that looking for a <meta> charset
// reads each byte a bounded number of times, however many <meta tags
// there are and whether or not they end: the look goes on after each.
func TestComplexityMetaCharset(t *testing.T) {
	readingLinear(t, func(b []byte) ([]byte, []int32, bool) { return nil, nil, metaCharset(b) != "" }, map[string]string{
		"unended metas":  "<meta ",
		"metas, no name": "<meta x=1 charse ",
		"ended metas":    "<meta content=x>",
		"charset names":  "<meta charset charset ",
		"metadata":       "<metadata ",
	})
}

// TestComplexityNULPatternSniff checks that the UTF-32 walk of the NUL
// pattern (withinUnicode) reads each code unit once.
func TestComplexityNULPatternSniff(t *testing.T) {
	readingLinear(t, func(b []byte) ([]byte, []int32, bool) { return nil, nil, nulPatternCharset(b) != nil }, map[string]string{
		"utf-32le": "{\x00\x00\x00",
		"utf-32be": "\x00\x00\x00{",
		"utf-16le": "{\x00\x85\x00",
	})
}

// TestComplexityNULPatternBody checks that a body read both in the charset
// of its NUL pattern and as UTF-8, or read in the charset its markup
// declares over a UTF-8 label, costs the engine steps linear in its size:
// lone surrogates, odd characters, full-width digits, <meta tags without
// end in bytes that are not UTF-8.
func TestComplexityNULPatternBody(t *testing.T) {
	eng := testEngine(t)
	for name, c := range map[string]struct{ head, unit, ct string }{
		"utf-16le lone surrogates": {"{\x00", "\x00\xdc1\x00", "application/json"},
		"utf-32le C1 digits":       {"{\x00\x00\x00", "\x85\x00\x00\x00\x11\xff\x00\x00", "application/json"},
		"utf-16be mobiles":         {"\x00\"", "\x00\x851\x003\x008\x001\x002\x003\x004\x005\x006\x007\x008", "text/plain"},
		"unended metas, gbk":       {"", "<meta \xa3\xb1", "text/html; charset=utf-8"},
		"xml declaration, gbk":     {`<?xml version="1.0" encoding="gbk"?>`, "<a>\xa3\xb1\xa3\xb3</a>", "application/json; charset=utf-8"},
	} {
		stepsGrowLinearly(t, name, func(n int) int64 {
			body := append([]byte(c.head), bytes.Repeat([]byte(c.unit), n/len(c.unit))...)
			detect.ResetSteps()
			if _, err := Inspect(eng, body, c.ct, "", Redact, Limits{}); err != nil {
				t.Logf("%s: %v", name, err)
			}
			return detect.Steps()
		})
	}
}
