package detect

import (
	"io"
	"unicode/utf8"
)

// Streaming redaction in the manner of golang.org/x/text/transform: text is
// scanned in chunks, and only a bounded tail is held back so that a finding
// split across writes is still found whole.

const (
	streamChunk   = 64 << 10 // bytes scanned at a time
	streamHold    = 4 << 10  // bytes held back: longer than any finding with its separators
	streamContext = 256      // bytes already written that stay as context for labels
)

// StreamRedactor redacts a stream. Create one with Engine.NewStreamRedactor;
// it is not safe for concurrent use.
type StreamRedactor struct {
	e         *Engine
	w         io.Writer
	onFinding func(Finding)
	find      func(text []byte) []Finding // the scan of each chunk
	buf       []byte                      // buf[:ctx] was written already and is kept as context
	ctx       int
	base      int64 // stream offset of buf[0]
	found     int
	err       error
	head      []byte // the table header carried to the next chunk (streamtable.go)
}

func newStreamRedactor(e *Engine, w io.Writer, find func([]byte) []Finding, onFinding func(Finding)) *StreamRedactor {
	if find == nil {
		find = func(text []byte) []Finding { return e.scan(text, 0, allFingerprints) }
	}
	return &StreamRedactor{e: e, w: w, find: find, onFinding: onFinding, buf: make([]byte, 0, streamChunk+streamHold+streamContext+maxCarriedHeader+2)}
}

// Write takes more of the stream. It writes redacted output once enough is
// buffered; memory stays bounded whatever the size of p.
func (s *StreamRedactor) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	written := 0
	for len(p) > 0 {
		step()
		room := streamChunk + streamHold + s.ctx - len(s.buf)
		n := min(room, len(p))
		s.buf = append(s.buf, p[:n]...)
		p = p[n:]
		written += n
		if len(s.buf)-s.ctx >= streamChunk+streamHold {
			if err := s.process(false); err != nil {
				return written, err
			}
		}
	}
	return written, nil
}

// Flush redacts and writes everything buffered. A finding that a later
// write would have completed is then missed, so callers flush only at
// natural boundaries (the end of a server-sent event, say).
func (s *StreamRedactor) Flush() error {
	if s.err != nil {
		return s.err
	}
	return s.process(true)
}

// Close flushes the rest of the stream. It does not close the underlying
// writer.
func (s *StreamRedactor) Close() error { return s.Flush() }

// Findings returns how many findings the stream has had so far.
func (s *StreamRedactor) Findings() int { return s.found }

// Buffered returns how many bytes are held back, for callers that bound
// memory.
func (s *StreamRedactor) Buffered() int { return len(s.buf) }

// process scans the buffer and writes out all of it (final) or all but the
// held-back tail.
func (s *StreamRedactor) process(final bool) error {
	// the buffer is read with the table header carried from the chunk
	// before put back above its new bytes (streamtable.go), at
	// s.buf[s.ctx:start]
	start := s.ctx + s.putHeader()
	findings := s.find(s.buf)
	cut := len(s.buf)
	if !final {
		cut -= streamHold
		for _, f := range findings {
			step()
			if f.Start < cut && cut < f.End {
				cut = f.Start
			}
		}
		cut = runeCut(s.buf, cut, start)
	}
	cut = s.carryHeader(start, cut, findings, final)
	findings, cut = s.takeHeader(start, findings, cut)
	var keep []Finding
	for _, f := range findings {
		step()
		if f.Start >= s.ctx && f.End <= cut {
			f.Start -= s.ctx
			f.End -= s.ctx
			keep = append(keep, f)
		}
	}
	out := s.buf[s.ctx:cut]
	if len(keep) > 0 {
		out = Apply(out, keep)
	}
	if _, err := s.w.Write(out); err != nil {
		s.err = err
		return err
	}
	for _, f := range keep {
		step()
		s.found++
		if s.onFinding != nil {
			f.Start += int(s.base) + s.ctx
			f.End += int(s.base) + s.ctx
			s.onFinding(f)
		}
	}
	from := runeFrom(s.buf, max(0, cut-streamContext), cut)
	s.base += int64(from)
	n := copy(s.buf, s.buf[from:])
	s.buf = s.buf[:n]
	s.ctx = cut - from
	return nil
}

// runeCut moves a cut at buf[cut] back to the start of the character it
// falls in, no further than floor: at most utf8.UTFMax-1 bytes, the most
// a character can have before the cut. Bytes that are no character's
// start that far back (a run of continuation bytes, each read alone as
// U+FFFD) are cut where they are: walking back through all of them left
// nothing to write, and Write looped on a buffer it could not empty.
func runeCut(buf []byte, cut, floor int) int {
	for c := cut; c >= floor && cut-c < utf8.UTFMax; c-- {
		step()
		if utf8.RuneStart(buf[c]) {
			return c
		}
	}
	return cut
}

// runeFrom moves from forward to the start of a character, as runeCut
// does backward: at most utf8.UTFMax-1 bytes, and not past to.
func runeFrom(buf []byte, from, to int) int {
	for f := from; f < to && f-from < utf8.UTFMax; f++ {
		step()
		if utf8.RuneStart(buf[f]) {
			return f
		}
	}
	return from
}
