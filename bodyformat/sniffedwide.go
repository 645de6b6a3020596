package bodyformat

import (
	"slices"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// sniffedWide reports whether cs (after bom bytes of a byte-order mark)
// is UTF-16 or UTF-32 only by the NUL bytes of the body (sniffWide): no
// mark and no label of either. A browser never reads such a body so
// (fetch's Response.json() and EventSource decode UTF-8, a page its label
// or UTF-8): there the NUL bytes are drawn as nothing, and
// 3\x001\x000\x00… after a few other bytes is an ID.
func sniffedWide(cs *charset, bom int, params map[string]string) bool {
	if cs.unit <= 1 || bom > 0 {
		return false
	}
	decl := labelCharset(params["charset"])
	return decl == nil || decl.unit <= 1
}

// sniffedWideBody is charsetBody for a body that is UTF-16 or UTF-32 only
// by its NUL bytes (sniffedWide): read in that charset, then its bytes,
// as redacted so far, read again as UTF-8 text, as a browser reads them.
// A value either reading finds is masked; one the UTF-8 reading finds
// again (a UTF-16 body's ASCII digits with a NUL between each, which the
// engine reads through) is counted once.
func (in *inspector) sniffedWideBody(b []byte, cs *charset, mt string, params map[string]string, hint detect.CategorySet, nest int) ([]byte, string, error) {
	n := len(in.findings)
	out, format, err := in.decodedBody(b, cs, 0, mt, params, hint, nest)
	if err != nil {
		return nil, format, err
	}
	cur := b
	if out != nil {
		cur = out
	}
	fs := in.read(cur, hint)
	if in.failed() {
		return nil, format, err
	}
	fs = dropFoundBefore(fs, in.findings[n:])
	in.account(fs)
	if len(fs) == 0 || in.mode != Redact {
		return out, format, nil
	}
	return detect.Apply(cur, fs), format, nil
}

// dropFoundBefore returns fs without the findings of a value among
// before (the same category and mask): the same value found in another
// reading of the same bytes. Each finding is looked up once.
func dropFoundBefore(fs, before []detect.Finding) []detect.Finding {
	if len(before) == 0 {
		return fs
	}
	type value struct {
		cat    detect.Category
		masked string
	}
	seen := make(map[value]bool, len(before))
	for _, g := range before {
		seen[value{g.Category, g.Masked}] = true
	}
	return slices.DeleteFunc(fs, func(f detect.Finding) bool { return seen[value{f.Category, f.Masked}] })
}
