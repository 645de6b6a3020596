package bodyformat

// splicer builds a rewritten copy of src by replacing byte ranges in order.
// Until the first replacement it holds nothing, so a body without findings
// costs no copy.
type splicer struct {
	src    []byte
	out    []byte
	copied int // src[:copied] is already in out
	// keep: every replacement is kept in edits too, for a caller that
	// writes them into another encoding of src (jsonwrap_literal.go)
	keep  bool
	edits []splice
}

// splice is one replacement a splicer made: src[from:to] became repl.
type splice struct {
	from, to int
	repl     []byte
}

// replace puts repl where src[from:to] was. Ranges must come in order and
// must not overlap.
func (s *splicer) replace(from, to int, repl []byte) {
	if s.out == nil {
		s.out = make([]byte, 0, len(s.src)+len(s.src)/16+64)
	}
	s.out = append(s.out, s.src[s.copied:from]...)
	s.out = append(s.out, repl...)
	s.copied = to
	if s.keep {
		s.edits = append(s.edits, splice{from, to, append([]byte(nil), repl...)})
	}
}

// replaceEscaped is replace with the content of a JSON string that reads
// masked (appendJSONEscaped), written straight into the copy: a finding's
// mask is escaped in place, not in a buffer of its own first.
func (s *splicer) replaceEscaped(from, to int, masked string) {
	if s.out == nil {
		s.out = make([]byte, 0, len(s.src)+len(s.src)/16+64)
	}
	s.out = append(s.out, s.src[s.copied:from]...)
	at := len(s.out)
	s.out = appendJSONEscaped(s.out, masked)
	s.copied = to
	if s.keep {
		s.edits = append(s.edits, splice{from, to, append([]byte(nil), s.out[at:]...)})
	}
}

// result returns the rewritten copy, or nil when nothing was replaced.
func (s *splicer) result() []byte {
	if s.out == nil {
		return nil
	}
	out := append(s.out, s.src[s.copied:]...)
	s.out, s.copied = nil, len(s.src)
	return out
}

// spliceMark is where a splicer stands (splicer.mark).
type spliceMark struct {
	out, copied, edits int
	started            bool
}

// mark returns where s stands, for restore.
func (s *splicer) mark() spliceMark {
	return spliceMark{len(s.out), s.copied, len(s.edits), s.out != nil}
}

// restore forgets the replacements made since m: a walk of an item given
// up (one that turns out not to parse) leaves no mask behind.
func (s *splicer) restore(m spliceMark) {
	if !m.started {
		s.out = nil
	} else {
		s.out = s.out[:m.out]
	}
	s.copied, s.edits = m.copied, s.edits[:m.edits]
}
