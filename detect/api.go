package detect

import "io"

// Find returns the findings in text, ordered by Start, not overlapping.
func (e *Engine) Find(text []byte) []Finding {
	return e.FindHinted(text, 0)
}

// FindHinted is Find with a hint from the surrounding structure: the
// categories a JSON key or form field name implies (see HintForKey). A hinted
// category counts as context evidence for every candidate in text.
func (e *Engine) FindHinted(text []byte, hint CategorySet) []Finding {
	return e.scan(text, hint, allFingerprints)
}

// FindSampled is FindHinted for callers that keep only a few samples (an
// incident entry): only the first findings with distinct values, at most
// samples of them, carry a Fingerprint; the others have none. The keyed
// hash is the costliest part of a finding, so a dense body pays it a few
// times, not once a finding. Under MaskHash every finding has one, since
// its mask is made from it.
func (e *Engine) FindSampled(text []byte, hint CategorySet, samples int) []Finding {
	return e.scan(text, hint, max(0, samples))
}

// FindUntil is FindSampled for callers that may have to give up on a long
// text (its request ended): stop is called every 64 KiB of text read, and
// when it reports true the scan ends and returns nil, which then says
// nothing about the text. A negative samples fingerprints every finding,
// as FindHinted does.
func (e *Engine) FindUntil(text []byte, hint CategorySet, samples int, stop func() bool) []Finding {
	if samples < 0 {
		samples = allFingerprints
	}
	return e.scanUntil(text, hint, samples, stop)
}

// Categories returns the categories of the findings in text, with a context
// hint as in FindHinted: what Find would report, without making a finding,
// a mask or a fingerprint. It allocates nothing, for callers that only
// decide (a request matcher, a dossier count, a yes-or-no check).
func (e *Engine) Categories(text []byte, hint CategorySet) CategorySet {
	set, _ := e.categories(text, hint)
	return set
}

// CategoriesProtected is Categories that also reports whether text holds
// an identifier of the engine's protected set (Policy.Protected), which a
// caller refuses whatever the categories say.
func (e *Engine) CategoriesProtected(text []byte, hint CategorySet) (CategorySet, bool) {
	return e.categories(text, hint)
}

// Redact returns text with every finding replaced by its mask, and the
// findings (offsets into the original text). When nothing is found it
// returns text itself, not a copy.
func (e *Engine) Redact(text []byte) ([]byte, []Finding) {
	return e.RedactHinted(text, 0)
}

// RedactHinted is Redact with a context hint, as in FindHinted.
func (e *Engine) RedactHinted(text []byte, hint CategorySet) ([]byte, []Finding) {
	f := e.scan(text, hint, allFingerprints)
	if len(f) == 0 {
		return text, nil
	}
	return Apply(text, f), f
}

// Apply returns a copy of text with each finding's span replaced by its
// Masked form. Findings must be ordered by Start and must not overlap.
func Apply(text []byte, findings []Finding) []byte {
	n := len(text)
	for _, f := range findings {
		step()
		n += len(f.Masked) - (f.End - f.Start)
	}
	out := make([]byte, 0, n)
	prev := 0
	for _, f := range findings {
		step()
		out = append(out, text[prev:f.Start]...)
		out = append(out, f.Masked...)
		prev = f.End
	}
	return append(out, text[prev:]...)
}

// NewStreamRedactor returns a writer that redacts what is written to it and
// writes the result to w, holding back only a bounded tail so that a finding
// split across writes is still found. onFinding, if not nil, is called for
// each finding with offsets counted from the start of the stream.
func (e *Engine) NewStreamRedactor(w io.Writer, onFinding func(Finding)) *StreamRedactor {
	return newStreamRedactor(e, w, nil, onFinding)
}

// NewStreamRedactorWith is NewStreamRedactor with the scan of each chunk
// given by find, for a caller that reads text in more ways than the engine
// does (escapes decoded, say). find returns the findings of text in order,
// without overlaps, their spans in text.
func (e *Engine) NewStreamRedactorWith(w io.Writer, find func(text []byte) []Finding, onFinding func(Finding)) *StreamRedactor {
	return newStreamRedactor(e, w, find, onFinding)
}
