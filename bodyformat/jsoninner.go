package bodyformat

import "github.com/piifilter/caddy-pii-filter/detect"

// A document whose arrays hold an identifier across strings is walked a
// second time (walkJSON). A JSON document inside one of its strings is
// not walked again by that second walk: what the first walk made of it
// is kept and given again. Walked again, each level of documents inside
// strings would double the work of the level around it (a few KiB of
// nested documents, millions of steps).

// innerDoc is what the first walk of a document made of the JSON
// document inside one of its strings.
type innerDoc struct {
	ok     bool             // the string held a JSON document (else it is read as text)
	deep   bool             // it is read as text for it nests past Limits.MaxDepth
	out    []byte           // the redacted document; nil when unchanged
	found  []detect.Finding // the findings the inner document added to the body's
	counts []categoryCount  // and what they added to its summary
}

// categoryCount is a number of findings of one category.
type categoryCount struct {
	cat detect.Category
	n   int
}

// innerSince returns what the inner document just walked made: its
// redacted copy out, and what the body's findings gained since m.
func (in *inspector) innerSince(m findMark, out []byte) innerDoc {
	d := innerDoc{ok: true, out: out}
	d.found = append([]detect.Finding(nil), in.findings[m.n:]...)
	for c, n := range in.summary.Counts {
		if more := n - m.summary.Counts[c]; more > 0 {
			d.counts = append(d.counts, categoryCount{c, more})
		}
	}
	return d
}

// replay adds to the body's findings, summary and samples what the first
// walk's inner document added.
func (in *inspector) replay(d innerDoc) {
	in.findings = append(in.findings, d.found...)
	for _, f := range d.found {
		if f.Fingerprint != "" && in.lim.Samples > 0 {
			in.sampled = append(in.sampled, f.Fingerprint) // taken by the first walk, under the limit
		}
	}
	if len(d.counts) > 0 && in.summary.Counts == nil {
		in.summary.Counts = make(map[detect.Category]int)
	}
	for _, c := range d.counts {
		in.summary.Categories = in.summary.Categories.With(c.cat)
		in.summary.Counts[c.cat] += c.n
	}
}
