package caddymodule

import (
	"bytes"
	"net/http"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/panics"
)

// streamFilter inspects a response delivered incrementally: a
// text/event-stream or a response marked "Incremental: ?1". Bytes go
// through a detect.StreamRedactor, which holds back only a bounded tail,
// so memory stays bounded however long the stream runs. The redactor is
// flushed at the end of every complete event (a blank line; a line end
// for other incremental responses), so events reach the client as soon as
// they are complete, while a value split across two writes or flushes of
// one event is still found whole.
//
// With the redact action the redacted bytes go out. With reject the
// stream is cut before the first chunk holding a finding; with log the
// original bytes go out and the redactor only detects. When the distinct
// categories seen reach the dossier threshold the stream is cut whatever
// the action. Writes after a cut fail with errRefused, which makes
// reverse_proxy stop reading from the upstream.
//
// A panic while the stream is inspected cuts it too, whatever on_error
// says (the header went out long ago and what the redactor held is lost),
// and is logged as an incident of reason uninspectable (see abort).
type streamFilter struct {
	rw       *responseWriter
	w        http.ResponseWriter // towards the client
	red      streamRedactor
	out      bytes.Buffer // redacted output not yet forwarded
	inc      *incident    // made at the first finding
	fresh    int          // findings not yet judged by forward
	original bool         // log action: original bytes go out
	events   bool         // server-sent events: boundaries are blank lines
	last     [2]byte      // the last bytes written, for boundaries split across writes
	cut      bool
}

// newStreamFilter starts filtering the stream of rw; events says whether
// it is a text/event-stream.
func newStreamFilter(rw *responseWriter, events bool) *streamFilter {
	s := &streamFilter{rw: rw, w: rw.w, events: events, original: rw.h.cfg.response == actLog}
	s.red = newStreamRedactor(rw.h.engine, &s.out, s.found)
	metrics().inspected.WithLabelValues(string(dirResponse)).Inc()
	return s
}

// found records a finding of the redactor.
func (s *streamFilter) found(f detect.Finding) {
	if s.inc == nil {
		s.inc = s.rw.h.newIncident(s.rw.r, dirResponse, nil)
		s.inc.Status = s.rw.status()
	}
	s.inc.add(f)
	s.fresh++
}

// Write takes the next bytes of the stream.
func (s *streamFilter) Write(p []byte) (n int, err error) {
	if s.cut {
		return 0, errRefused
	}
	defer s.contain(&err)
	if s.original {
		if n, err := s.w.Write(p); err != nil {
			return n, err
		}
	}
	if end := s.boundary(p); end > 0 {
		if _, err = s.red.Write(p[:end]); err == nil {
			err = s.red.Flush()
		}
		if err == nil {
			_, err = s.red.Write(p[end:])
		}
	} else {
		_, err = s.red.Write(p)
	}
	s.remember(p)
	metrics().scannedBytes.WithLabelValues(string(dirResponse)).Add(float64(len(p)))
	if err != nil {
		return 0, err
	}
	if err := s.forward(); err != nil {
		return 0, err
	}
	return len(p), nil
}

// flush flushes the underlying writer. Everything the redactor released
// was forwarded already; what it holds is an incomplete event, which must
// wait for the rest of its bytes.
func (s *streamFilter) flush() error {
	if s.cut {
		return nil
	}
	return http.NewResponseController(s.w).Flush()
}

// close ends the stream: the redactor's tail is redacted and written, and
// the incident, if any, is logged.
func (s *streamFilter) close() (err error) {
	if s.cut {
		return nil
	}
	defer s.contain(&err)
	err = s.red.Close()
	if err == nil {
		err = s.forward()
	}
	if s.inc != nil && !s.cut {
		s.inc.Outcome = outRedacted
		if s.original {
			s.inc.Outcome = outLogged
		}
		s.rw.h.report(s.rw.r, s.inc)
	}
	return err
}

// forward judges new findings and writes the redacted output, or cuts the
// stream.
func (s *streamFilter) forward() error {
	if s.fresh > 0 {
		s.fresh = 0
		s.inc.Dossier = s.rw.h.isDossier(s.inc.Summary)
		if s.inc.Dossier || s.rw.h.cfg.response == actReject {
			s.cutStream()
			return errRefused
		}
	}
	if s.original || s.out.Len() == 0 {
		s.out.Reset()
		return nil
	}
	_, err := s.w.Write(s.out.Bytes())
	s.out.Reset()
	return err
}

// cutStream stops the stream for good and logs the refusal. The header
// went out long ago: the client sees the stream end.
func (s *streamFilter) cutStream() {
	s.cut = true
	s.out.Reset()
	if s.inc.Dossier {
		s.inc.Reason = reasonDossier
	}
	s.inc.Outcome = outRefused
	s.rw.h.report(s.rw.r, s.inc)
}

// contain is deferred by the calls that run the redactor: a panic aborts
// the stream and the call fails with errRefused.
func (s *streamFilter) contain(err *error) {
	if recover() != nil {
		s.abort(panics.Recovered())
		*err = errRefused
	}
}

// abort cuts the stream after its inspection panicked: nothing more goes
// out, not even what the redactor released but was not forwarded, and the
// incident (with the findings made so far) is logged as a refusal of a
// body that could not be inspected, and counted.
func (s *streamFilter) abort(pe *panics.Error) {
	s.cut = true
	s.out.Reset()
	countUninspected(dirResponse, skipPanic)
	inc := s.inc
	if inc == nil {
		inc = s.rw.h.newIncident(s.rw.r, dirResponse, nil)
		inc.Status = s.rw.status()
	}
	inc.Reason, inc.Outcome = reasonUninspectable, outRefused
	inc.Cause, inc.Stack = skipPanic, pe.Stack
	s.rw.h.report(s.rw.r, inc)
}

// boundary returns the length of the prefix of p that ends with the last
// complete event (or line), 0 if p completes none. An SSE event ends with
// a blank line: "\n\n" or "\r\n\r\n", possibly split across writes.
func (s *streamFilter) boundary(p []byte) int {
	for end := len(p); end > 0; {
		i := bytes.LastIndexByte(p[:end], '\n')
		if i < 0 {
			return 0
		}
		if !s.events {
			return i + 1
		}
		if b := s.at(p, i-1); b == '\n' || (b == '\r' && s.at(p, i-2) == '\n') {
			return i + 1
		}
		end = i
	}
	return 0
}

// at returns p[i], reaching back into the previous writes for i < 0.
func (s *streamFilter) at(p []byte, i int) byte {
	if i >= 0 {
		return p[i]
	}
	if j := len(s.last) + i; j >= 0 {
		return s.last[j]
	}
	return 0
}

// remember keeps the last two bytes written.
func (s *streamFilter) remember(p []byte) {
	switch n := len(p); {
	case n == 1:
		s.last[0], s.last[1] = s.last[1], p[0]
	case n >= 2:
		s.last[0], s.last[1] = p[n-2], p[n-1]
	}
}
