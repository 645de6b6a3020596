package caddymodule

import (
	"bytes"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/panics"
)

// streamFilter inspects a response delivered incrementally: a
// text/event-stream, JSON lines sent without a length, or a response
// marked "Incremental: ?1". Its bytes go through a bodyformat.Stream, the
// same reading as a whole body, event by event (or line by line): an
// event's JSON data is walked as JSON, and the text of each field is also
// read across events, so an identifier an LLM streams in pieces is found
// in what its client joins. An event goes out as soon as it is complete,
// unless one of its fields may run on into the next (bodyformat.Stream
// holds it, within a bounded number of bytes), so memory stays bounded
// however long the stream runs.
//
// With the redact action the redacted events go out. With reject the
// stream is cut before the first event holding a finding; with log the
// original bytes go out and the stream only detects. When the distinct
// categories seen reach the dossier threshold the stream is cut whatever
// the action. Writes after a cut fail with errRefused, which makes
// reverse_proxy stop reading from the upstream.
//
// A panic while the stream is inspected cuts it too, whatever on_error
// says (the header went out long ago and what the stream held is lost),
// and is logged as an incident of reason uninspectable (see abort).
type streamFilter struct {
	rw       *responseWriter
	w        http.ResponseWriter // towards the client
	red      streamInspector
	out      bytes.Buffer // inspected output not yet forwarded
	inc      *incident    // made at the first finding
	fresh    int          // findings not yet judged by forward
	original bool         // log action: original bytes go out
	charged  int64        // what the stream has reserved of the memory budget
	cut      bool
	closed   bool
	// mu serialises the writes of reverse_proxy and of the timer that
	// releases held events (a stream that pauses must not keep them)
	mu    sync.Mutex
	timer *time.Timer
}

// What a stream is charged to the memory budget: streamStart when it
// starts (a stream the budget cannot hold that much of is refused with
// 503 before its header goes out), then, as it holds more, in steps of
// streamStart, up to what its bodyformat.Stream may hold (HoldBound) and
// the output of one write not yet forwarded. Most streams (an LLM's
// answer, event by event) hold a few hundred bytes and never grow past
// the start; one that cannot grow is cut (see outOfMemory).
const streamStart = 32 << 10

// streamBound is the most a response stream may hold: its
// bodyformat.Stream's bound and the redacted output of a write not yet
// forwarded (reverse_proxy copies 32 KiB at a time).
var streamBound = int64((bodyformat.StreamOptions{}).HoldBound() + 64<<10)

// streamHoldDelay is the longest an event waits for the next one when one
// of its fields may run on into it: the latency a pause in a stream can
// add to its last event.
const streamHoldDelay = 200 * time.Millisecond

// newStreamFilter starts filtering the stream of rw; events says whether
// it is a text/event-stream.
func newStreamFilter(rw *responseWriter, events bool) *streamFilter {
	act := rw.h.cfg.response
	s := &streamFilter{rw: rw, w: rw.w, original: act == actLog || act == actOff}
	kind, mode := bodyformat.StreamLines, bodyformat.Redact
	if events {
		kind = bodyformat.StreamEvents
	}
	if s.original {
		mode = bodyformat.Scan
	}
	ct := bodyformat.ContentType(rw.Header())
	opt := bodyformat.StreamOptions{Mode: mode, OnFinding: s.found, Unlabelled: unlabelled(ct), MediaType: mediaType(ct), WorkRate: rw.h.workRate(), Memory: rw.lease}
	s.red = newStream(rw.h.engine, &s.out, kind, opt)
	metrics().inspected.WithLabelValues(string(dirResponse)).Inc()
	return s
}

// found records a finding of the stream. With the off action (the stream
// inspected only for protected identifiers) the others are not recorded.
func (s *streamFilter) found(f detect.Finding) {
	protected := f.Evidence&detect.EvProtected != 0
	if !protected && s.rw.h.cfg.response == actOff {
		return
	}
	if s.inc == nil {
		s.inc = s.rw.h.newIncident(s.rw.r, dirResponse, nil)
		s.inc.Status = s.rw.status()
	}
	s.inc.add(f)
	if protected {
		s.inc.Reason = reasonProtected
	}
	s.fresh++
}

// Write takes the next bytes of the stream.
func (s *streamFilter) Write(p []byte) (n int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cut {
		return 0, errRefused
	}
	defer s.contain(&err)
	if !s.charge(len(p)) {
		return 0, errRefused
	}
	_, err = s.red.Write(p)
	metrics().scannedBytes.WithLabelValues(string(dirResponse)).Add(float64(len(p)))
	if err != nil {
		return 0, s.failed(err)
	}
	if err := s.forward(); err != nil {
		return 0, err
	}
	if s.original {
		// the original bytes go out once inspected: a protected identifier
		// in them cuts the stream before they do
		if n, err := s.w.Write(p); err != nil {
			return n, err
		}
	}
	if s.red.Waiting() && s.timer == nil {
		s.timer = time.AfterFunc(streamHoldDelay, s.releaseHeld)
	}
	return len(p), nil
}

// charge makes sure the stream has reserved what it may hold once it has
// taken n more bytes: what it holds now, the n bytes (a partial event
// grows by them, the output holds their redacted form), at most its
// bound. When the budget cannot give that, the stream is cut for want of
// memory and charge reports false.
func (s *streamFilter) charge(n int) bool {
	need := min(int64(s.red.Held()+2*n), streamBound)
	if need <= s.charged {
		return true
	}
	step := max(need-s.charged, streamStart)
	if s.rw.lease.Reserve(step) != nil {
		s.outOfMemory()
		return false
	}
	s.charged += step
	return true
}

// outOfMemory cuts a stream the memory budget can no longer hold: its
// header went out long ago, so the client sees it end. The incident, with
// the findings made so far, is a refusal for want of memory.
func (s *streamFilter) outOfMemory() {
	s.cut = true
	s.out.Reset()
	inc := s.rw.h.busyIncident(s.rw.r, dirResponse)
	if s.inc != nil {
		inc.Summary, inc.Samples = s.inc.Summary, s.inc.Samples
	}
	inc.Status = s.rw.status()
	inc.Outcome = outRefused
	s.rw.h.report(s.rw.r, inc)
}

// releaseHeld runs on the timer: the events still held go out as they
// stand, and are flushed to the client. A panic there (nothing above the
// timer would recover it) cuts the stream like one in Write. Once the
// stream is closed or abandoned it does nothing: the response may be
// finished.
func (s *streamFilter) releaseHeld() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.timer = nil
	if s.cut || s.closed {
		return
	}
	var err error
	defer s.contain(&err)
	if err = s.red.ReleaseHeld(); err != nil {
		_ = s.failed(err)
		return
	}
	if err = s.forward(); err == nil {
		_ = http.NewResponseController(s.w).Flush()
	}
}

// failed cuts the stream for err, an error that says why its inspection
// could not go on, and returns errRefused: a stream it cannot read as
// bytes (UTF-16, UTF-32), readings that outran work_budget per max_body,
// an event whose blobs inflate past what an event may, a memory budget
// that cannot hold a blob's inflation. Any other error is returned as it
// is.
func (s *streamFilter) failed(err error) error {
	switch {
	case errors.Is(err, bodyformat.ErrMalformed):
		s.uninspectable(skipMalformed)
	case errors.Is(err, bodyformat.ErrWork):
		s.uninspectable(skipWork)
	case errors.Is(err, bodyformat.ErrTooLarge):
		s.uninspectable(skipOversize)
	case outOfMemory(err):
		s.outOfMemory()
	default:
		return err
	}
	return errRefused
}

// flush flushes the underlying writer. Everything the stream released was
// forwarded already; what it holds is an incomplete event, or events that
// wait for the next one.
func (s *streamFilter) flush() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cut {
		return nil
	}
	return http.NewResponseController(s.w).Flush()
}

// close ends the stream: what it held is inspected and written, and the
// incident, if any, is logged.
func (s *streamFilter) close() (err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
	if s.cut {
		return nil
	}
	defer s.contain(&err)
	if err = s.red.Close(); err != nil {
		err = s.failed(err)
	} else {
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

// abandon ends a stream whose handler panicked (reverse_proxy's copy
// failed: the upstream cut it short, the client went away): nothing more
// is written, the timer stops, and the findings of what went out are
// logged as close logs them.
func (s *streamFilter) abandon() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
	if s.closed || s.cut {
		s.closed = true
		return
	}
	s.closed, s.cut = true, true
	s.out.Reset()
	if s.inc != nil {
		s.inc.Outcome = outRedacted
		if s.original {
			s.inc.Outcome = outLogged
		}
		s.rw.h.report(s.rw.r, s.inc)
	}
}

// forward judges new findings and writes the redacted output, or cuts the
// stream.
func (s *streamFilter) forward() error {
	if s.fresh > 0 {
		s.fresh = 0
		s.inc.Dossier = s.rw.h.isDossier(s.inc.Summary)
		s.rw.h.dossierWith(s.inc, s.rw.seen) // with what the fields held
		if s.inc.Reason == reasonProtected || s.inc.Dossier || s.rw.h.cfg.response == actReject {
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
	if s.inc.Dossier && s.inc.Reason != reasonProtected {
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

// uninspectable cuts a stream that cannot be read as it flows (in UTF-16
// or UTF-32, or its readings past work_budget per max_body): nothing more
// goes out, and the refusal of a body that could not be inspected is
// logged and counted under reason.
func (s *streamFilter) uninspectable(reason string) {
	s.cut = true
	s.out.Reset()
	countUninspected(dirResponse, reason)
	inc := s.inc
	if inc == nil {
		inc = s.rw.h.newIncident(s.rw.r, dirResponse, nil)
		inc.Status = s.rw.status()
	}
	inc.Reason, inc.Outcome = reasonUninspectable, outRefused
	s.rw.h.report(s.rw.r, inc)
}

// abort cuts the stream after its inspection panicked: nothing more goes
// out, not even what the stream released but was not forwarded, and the
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
