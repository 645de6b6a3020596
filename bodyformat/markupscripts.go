package bodyformat

import (
	"encoding/json"
	"slices"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A page carries data for its scripts in <script> blocks: a JSON document
// (type="application/json", "application/ld+json", "importmap", Next.js's
// __NEXT_DATA__) or one a script assigns (window.__DATA__ = {…};,
// JSON.parse('…')). The script reads it as JSON, so the filter does too:
// such a block is left out of the markup view and its content inspected
// as an untyped piece (piece: walked as JSON, bare or wrapped, read as
// text when it turns out to be no valid JSON), masked in place. Every
// other script block is read as text in the view, as before.

// markupViewDocs is markupView, with the script blocks that hold a JSON
// document (scriptDocument) left out of the view and returned as the
// spans of their content in raw.
func markupViewDocs(raw []byte, html bool, mt *meter) ([]byte, []viewSeg, [][2]int, error) {
	m := &markupReader{raw: raw, html: html, pending: -1, docs: html, mt: mt}
	if html {
		m.sheet, m.sheetAll = sheetOverrides(raw)
		m.gen = sheetContents(raw)
	}
	view, segs, err := m.viewAll()
	return view, segs, m.scripts, err
}

// scriptDocument reports whether the content of a script block is a JSON
// document, bare (looksLikeJSON), behind a wrapper (findWrapping) or
// one a statement holds (statementDocs): a
// look at its ends, linear in its length.
func scriptDocument(content []byte) bool {
	if looksLikeJSON(content) {
		return true
	}
	if wr, ok := findWrapping(content); ok && (wr.quote != 0 || json.Valid(content[wr.lo:wr.hi])) {
		return true
	}
	return len(statementDocs(content)) > 0
}

// scriptDocs inspects the content of each script block that holds a JSON
// document (spans in b) as a piece, and returns the redacted ones as
// replacements of their spans (Masked holding the redacted content).
func (in *inspector) scriptDocs(b []byte, scripts [][2]int, hint detect.CategorySet) []detect.Finding {
	var docs []detect.Finding
	for _, s := range scripts {
		if out, _ := in.piece(b[s[0]:s[1]], hint, 0); out != nil {
			docs = append(docs, detect.Finding{Start: s[0], End: s[1], Masked: string(out)})
		}
	}
	return docs
}

// withDocs returns spans (sorted, not overlapping) with the script
// blocks' replacements among them, in order. A replacement that a span
// overlaps (a number read across the script element,
// 187<script>…</script>67720441) gives way: the span's mask covers it.
func withDocs(spans, docs []detect.Finding) []detect.Finding {
	if len(docs) == 0 {
		return spans
	}
	byStart := func(x, y detect.Finding) int { return x.Start - y.Start }
	slices.SortFunc(docs, byStart) // a hidden element's scripts come last
	out := slices.Clone(spans)
	k := 0
	for _, d := range docs {
		for k < len(spans) && spans[k].End <= d.Start {
			k++
		}
		if k < len(spans) && spans[k].Start < d.End {
			continue
		}
		out = append(out, d)
	}
	slices.SortFunc(out, byStart)
	return out
}
