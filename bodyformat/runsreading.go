package bodyformat

import "unicode/utf8"

// runsReading builds a reading that holds only some runs of a text (the
// delimited reading's groups, the named parts of a number), each with
// delimitedContext bytes of the text around it and its gaps written as
// one space; runs whose contexts do not meet are set apart by markupSep,
// which nothing is read across. The engine then reads the runs and their
// contexts again, not the whole text. What the reading drops between two
// runs maps to where it starts (markupSep: where the context before it
// ends), so a finding that ends where a context ends (a number cut there)
// spans the text up to its last byte, not the text dropped after it
// (rawSpan ends a span where the next byte comes from).
type runsReading struct {
	text []byte
	m    mapped
	ok   bool // a run was taken: m holds the reading up to from
	from int  // where the text not yet copied to m starts
	ctx  int  // where the last run's context ends
}

// run takes the run text[start:end]: the context before it is copied,
// set apart from the last run's when the two do not meet.
func (r *runsReading) run(start, end int) {
	lo := runeStartAt(r.text, max(start-delimitedContext, 0))
	for lo < start && splitsWord(r.text, lo) {
		countReadingSteps(1)
		_, size := utf8.DecodeRune(r.text[lo:])
		lo += size
	}
	switch {
	case !r.ok:
		r.m = mapped{dst: make([]byte, 0, 4*delimitedContext), offs: make([]int32, 0, 4*delimitedContext)}
		r.ok, r.from = true, lo
	case lo > r.ctx:
		r.m.copy(r.text, r.from, r.ctx)
		r.m.bytes([]byte(markupSep), r.ctx)
		r.from = lo
	}
	r.ctx = runeStartAt(r.text, min(end+delimitedContext, len(r.text)))
	for r.ctx > end && splitsWord(r.text, r.ctx) {
		countReadingSteps(1)
		r.ctx = runeStartAt(r.text, r.ctx-1)
	}
}

// splitsWord reports whether a context that starts or ends at text[i]
// would cut a number or a word in two (a digit in any spelling the engine
// reads, or an ASCII letter, on both sides of i): the part in the
// context would read as a shorter number (the first 15 digits of a
// 35-digit one, an old resident ID behind its label), so a context ends
// before such a word and starts after it.
func splitsWord(text []byte, i int) bool {
	return i > 0 && i < len(text) && numberCharAt(text, i) && numberCharAt(text, runeStartAt(text, i-1))
}

// numberCharAt reports whether a digit in any spelling the engine reads or an
// ASCII letter starts at text[i].
func numberCharAt(text []byte, i int) bool {
	if isASCIILetterByte(text[i]) {
		return true
	}
	_, ok := digitAt(text, i)
	return ok
}

// gap writes text[start:end], a gap of the run taken last, as one space
// mapped to its first byte.
func (r *runsReading) gap(start, end int) {
	r.m.copy(r.text, r.from, start)
	r.m.bytes([]byte{' '}, start)
	r.from = end
}

// done returns the reading and its offsets, closed by the text's end as
// every reading's are (the text dropped after the last context is a
// markupSep mapped to where it starts), or ok false when no run was
// taken.
func (r *runsReading) done() (_ []byte, _ []int32, ok bool) {
	if !r.ok {
		return nil, nil, false
	}
	end := max(r.from, r.ctx)
	r.m.copy(r.text, r.from, end)
	if end < len(r.text) {
		r.m.bytes([]byte(markupSep), end) // the rest is dropped, mapped to where it starts
	}
	dst, offs := r.m.done(len(r.text))
	return dst, offs, true
}
