package detect

// A mobile in a list of findings (13800138000 13900139000 …, a record's
// fields: <ID>,138…,a@b.c) has a finding right beside it, apart only by a
// few separators: the contact segment read there would be that finding's
// own text, which covered refuses. These answer that from the two hits and
// the bytes between them, before the segment is read.

// segmentBeforeCovered reports whether the contact segment that
// segmentBefore would read before the mobile hit k ends inside the sorted
// hit k-1: the bytes between that hit and the mobile are one to
// maxGlueRunes ASCII separators of a segment (isSegmentGlue), so the glue
// walk stops where the hit ends, and the hit's last byte is an ASCII
// letter or digit (no glue, no '_' that trimEmphasis would drop). The
// segment then overlaps the hit and segmentNameBefore emits nothing.
func (s *scanner) segmentBeforeCovered(k, sorted int) bool {
	if k < 1 || k >= sorted {
		return false
	}
	prev, h := &s.hits[k-1], &s.hits[k]
	return prev.Start < prev.End && isASCIIAlnum(s.text[prev.End-1]) && asciiSegmentGlue(s.text, prev.End, h.Start)
}

// segmentAfterCovered reports whether the contact segment that
// segmentAfter would read after the mobile hit k starts inside the sorted
// hit k+1, as segmentBeforeCovered does for the one before: the segment
// then overlaps that hit and segmentNameAfter emits nothing.
func (s *scanner) segmentAfterCovered(k, sorted int) bool {
	if k < 0 || k+1 >= sorted {
		return false
	}
	h, next := &s.hits[k], &s.hits[k+1]
	return next.Start < next.End && isASCIIAlnum(s.text[next.Start]) && asciiSegmentGlue(s.text, h.End, next.Start)
}

// asciiSegmentGlue reports whether text[from:to] is one to maxGlueRunes
// ASCII separators of a contact segment (isSegmentGlue).
func asciiSegmentGlue(text []byte, from, to int) bool {
	if from >= to || to-from > maxGlueRunes {
		return false
	}
	for _, c := range text[from:to] {
		step()
		if c >= 0x80 || !isSegmentGlue(rune(c)) {
			return false
		}
	}
	return true
}
