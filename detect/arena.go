package detect

// An Arena gives the findings of many scans (the pieces of one body) their
// memory in chunks: a scan's findings are carved out of the current chunk,
// and a new chunk is made only when it is full, so a body of many short
// pieces with a finding or two each costs an allocation a piece (its
// masks), not two. A chunk is never written again once carved: findings
// handed out stay valid while anything holds them. Their strings are not
// carved from a shared chunk: a sample an incident or the verdict cache
// keeps would hold the whole chunk. The zero Arena is ready to use; an
// Arena is not safe for concurrent use.
type Arena struct {
	fs []Finding
}

// arenaFindings is the size of an Arena's chunks: a larger need gets a
// chunk of its own size.
const arenaFindings = 64

// findings returns n findings carved from the arena, with no room beyond
// them (an append to them copies them elsewhere).
func (a *Arena) findings(n int) []Finding {
	if cap(a.fs)-len(a.fs) < n {
		a.fs = make([]Finding, 0, max(n, arenaFindings))
	}
	at := len(a.fs)
	a.fs = a.fs[:at+n]
	return a.fs[at : at+n : at+n]
}

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
