package detect

import "unsafe"

// An Arena gives the findings of many scans (the pieces of one body) their
// memory in chunks: a scan's findings and the bytes of their masks and
// fingerprints are carved out of the current chunk, and a new chunk is
// made only when it is full, so a body of many short pieces with a
// finding or two each costs an allocation every few dozen findings, not
// two a piece. A chunk is never written again once carved: findings
// handed out stay valid while anything holds them, and a chunk nothing
// holds any more is garbage. The zero Arena is ready to use; an Arena is
// not safe for concurrent use.
type Arena struct {
	fs []Finding
	b  []byte
}

// The chunk sizes of an Arena: a larger need gets a chunk of its own size.
const (
	arenaFindings = 64
	arenaBytes    = 4 << 10
)

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

// bytes returns an empty buffer with room for n bytes from the arena's
// chunk; taken says, after the caller wrote into it, how much it used.
func (a *Arena) bytes(n int) []byte {
	if cap(a.b)-len(a.b) < n {
		a.b = make([]byte, 0, max(n, arenaBytes))
	}
	return a.b[len(a.b):len(a.b)]
}

// taken marks as used the bytes written into buf, a buffer bytes gave.
// When appending to it outgrew its room and moved it out of the arena,
// what was written before the move may still be held: the rest of the
// chunk is given up.
func (a *Arena) taken(buf []byte) {
	switch {
	case len(a.b) == cap(a.b):
	case unsafe.SliceData(buf) == unsafe.SliceData(a.b[len(a.b):cap(a.b)]):
		a.b = a.b[:len(a.b)+len(buf)]
	default:
		a.b = a.b[:cap(a.b)]
	}
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
