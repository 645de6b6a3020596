package detect

// An Arena gives the findings of many scans (the pieces of one body) their
// memory in chunks: a scan's findings are carved out of the current chunk
// of findings, and the masks of those without a fingerprint out of the
// current chunk of bytes; a new chunk is made only when one is full, so a
// body of many short pieces with a finding or two each costs no
// allocation a piece. A chunk is never written again once carved:
// findings handed out stay valid while anything holds them.
//
// The strings of a finding with a fingerprint (its mask and fingerprint)
// are never carved from a shared chunk, but have a buffer of the scan's
// own: those findings are the samples that outlive the body (an
// incident's, the verdict cache's, campaign counting's), and a sample
// kept would hold a whole chunk, uncounted. What keeps a finding without
// a fingerprint keeps it for the body alone.
//
// The zero Arena is ready to use; an Arena is not safe for concurrent use.
type Arena struct {
	fs []Finding
	bs []byte
	// carved are the chunks of findings filled before fs, free those
	// Recycle gave back to be carved again (arenarecycle.go)
	carved, free [][]Finding
}

// arenaFindings is the size of an Arena's chunks of findings: a larger
// need gets a chunk of its own size.
const arenaFindings = 64

// arenaBytes is the size of an Arena's chunks of bytes (masks): a larger
// need gets a chunk of its own size.
const arenaBytes = 4 << 10

// findings returns n findings carved from the arena, with no room beyond
// them (an append to them copies them elsewhere).
func (a *Arena) findings(n int) []Finding {
	if cap(a.fs)-len(a.fs) < n {
		a.fs = a.chunk(n)
	}
	at := len(a.fs)
	a.fs = a.fs[:at+n]
	return a.fs[at : at+n : at+n]
}

// room returns the arena's current chunk of bytes with room for n more
// bytes after its length, starting a new chunk when it has not. The
// caller appends to it and gives it back (took): what lies below the
// length is carved and never written again.
func (a *Arena) room(n int) []byte {
	if cap(a.bs)-len(a.bs) < n {
		a.bs = make([]byte, 0, max(n, arenaBytes))
	}
	return a.bs
}

// took records b, the chunk room returned with bytes appended, as the
// arena's current chunk.
func (a *Arena) took(b []byte) { a.bs = b }

// FindIn is FindUntil with the findings' memory carved from arena (see
// Arena): the returned slice has no room beyond its findings, and its
// strings stay valid however the arena is used after.
func (e *Engine) FindIn(text []byte, hint CategorySet, samples int, stop func() bool, arena *Arena) []Finding {
	if samples < 0 {
		samples = allFingerprints
	}
	s := e.newScanner(text, hint)
	s.stop, s.nextStop, s.stopped = stop, stopEvery, false
	s.pass()
	var out []Finding
	if !s.stopped {
		s.chunks = arena
		out = s.finish(samples)
		s.chunks = nil
	}
	s.stop = nil
	s.release()
	return out
}
