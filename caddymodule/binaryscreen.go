package caddymodule

import (
	"errors"
	"io"
	"net/http"
	"sync"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/membudget"
	"github.com/piifilter/caddy-pii-filter/internal/panics"
)

// errBinaryRefused ends the upstream's read of a request body the binary
// screen refused: reverse_proxy fails its request, and the handler
// answers with the refusal (finishBinaryScreen).
var errBinaryRefused = errors.New("pii_filter: request body refused")

// binaryScreen is a request body whose first bytes are no text and whose
// type names no binary format (untyped, application/octet-stream, an
// unknown type: "\x00\x00&tel=<mobile>"), sent on through a
// bodyformat.BinaryScreen: every byte passes unchanged once the form
// field it belongs to has been read, with no size limit and at most
// bodyformat.BinaryScreenHold bytes held back. A field with personal
// data the action does not let through (redact: a binary body is never
// rewritten; reject; the dossier rule with what the target and header
// fields held; a protected identifier) ends the stream: the Read that
// reached it returns an error and none of that field goes on, so
// reverse_proxy aborts its request. Under log, what was found is logged
// once the body was read to its end. Reads run on the goroutine that
// writes the upstream's request: they touch no part of the request, and
// the incident is made beforehand.
type binaryScreen struct {
	*bodyformat.BinaryScreen
	body   io.Closer
	h      *Handler
	fields detect.Summary // what the target and header fields held
	inc    *incident
	rest   io.Reader // the body unscreened, once a panic gave up screening under on_error pass

	mu        sync.Mutex // guards what follows, shared with the request's goroutine
	refused   *incident  // the refusal that ended the stream, not yet answered
	pending   *incident  // logged, not yet published
	ended     bool       // the incident was decided (refused or logged)
	published bool       // the request's goroutine has looked: later incidents are logged only
}

// screenBinary makes r's body, whose head is no text and whose type names
// no binary format, a binaryScreen. The screen's memory is charged to
// lease; a charge refused is the error.
func (h *Handler) screenBinary(r *http.Request, lease *membudget.Lease, fields detect.Summary) error {
	mode := bodyformat.Scan
	if h.cfg.request == actRedact {
		mode = bodyformat.Redact
	}
	s, err := newBinaryScreen(h.engine, r.Body, mode, h.limits(r.Context(), lease))
	if err != nil {
		return err
	}
	b := &binaryScreen{BinaryScreen: s, body: r.Body, h: h, fields: fields, inc: h.newIncident(r, dirRequest, nil)}
	s.Check = b.check
	r.Body = b
	return nil
}

// check judges what the screen found so far: errBinaryRefused when the
// action, the dossier rule or a protected identifier refuses it.
func (b *binaryScreen) check(res bodyformat.Result) error {
	v := b.h.decide(b.h.cfg.request, res)
	if v.kind == verdictClean {
		return nil // inspected only for protected identifiers
	}
	b.inc.judged(v)
	if v.kind == verdictRefused || b.h.dossierWith(b.inc, b.fields) {
		return errBinaryRefused
	}
	return nil
}

// Read reads the screened body; the error that ends the stream decides
// its incident. A panic while screening is contained (containRead).
func (b *binaryScreen) Read(p []byte) (n int, err error) {
	if b.rest != nil {
		return b.rest.Read(p)
	}
	defer b.containRead(&n, &err)
	n, err = b.BinaryScreen.Read(p)
	if n == 0 && errors.Is(err, bodyformat.ErrTooLarge) && b.h.cfg.oversizeFor(dirRequest) == failPass {
		// a length-prefixed document, or a message of a stream, longer than the screen holds
		b.passOversize()
		return b.rest.Read(p)
	}
	if err != nil {
		b.end(err)
	}
	return n, err
}

// passOversize gives up screening a body longer than the screen holds
// (a length-prefixed document, or a message of a stream, past its
// bound) under oversize pass, as an oversize body is passed
// (requestOversize): the rest of it goes on uninspected, counted and
// logged so.
func (b *binaryScreen) passOversize() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.rest = b.BinaryScreen.Rest()
	if b.ended {
		return
	}
	b.ended = true
	countUninspected(dirRequest, skipOversize)
	b.h.logger.Debug("request body longer than the binary screen holds passed uninspected")
}

// containRead is deferred by Read, which runs on reverse_proxy's
// goroutine, where nothing else would recover a panic (it would end the
// process). A panic is the on_error outcome: under pass the screen gives
// up, the rest of the body goes on unscreened and the panic is logged as
// an incident; otherwise the stream ends and the request is refused as
// uninspectable (end).
func (b *binaryScreen) containRead(n *int, err *error) {
	if recover() == nil {
		return
	}
	pe := panics.Recovered()
	*n = 0
	if b.h.cfg.onErrorFor(dirRequest) == failPass {
		b.rest = b.BinaryScreen.Rest()
		*err = nil
		b.endUnscreened(pe)
		return
	}
	*err = pe
	b.end(pe)
}

// endUnscreened decides the incident of a body the screen gave up on
// after err (a contained panic) under on_error pass: logged, the body
// passing on.
func (b *binaryScreen) endUnscreened(err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.ended {
		return
	}
	b.ended = true
	countUninspected(dirRequest, uninspectedReason(err))
	inc := b.inc
	inc.Reason, inc.Cause, inc.Stack = reasonUninspectable, errorClass(err), stackOf(err)
	inc.Outcome = outLogged
	b.h.record(nil, inc, false)
	if !b.published {
		b.pending = inc
	}
}

// Close closes the client's body. What was found in a body closed before
// its end (the upstream stopped reading) is logged as at its end.
func (b *binaryScreen) Close() error {
	b.end(io.EOF)
	return b.body.Close()
}

// end decides the incident once the stream ended with err: at the body's
// end (or its close) what was found is logged; errBinaryRefused, or a field
// refused in Redact mode, is a refusal; the screen's own failure (its work
// budget, the request's end, a length-prefixed document longer than it
// holds) a refusal as uninspectable. An error reading the client's body is
// the upstream's to report.
func (b *binaryScreen) end(err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.ended {
		return
	}
	b.ended = true
	inc, h := b.inc, b.h
	switch {
	case err == io.EOF:
		res := b.Result()
		if res.Summary.Categories == 0 || inc.Summary.Categories == 0 {
			return // nothing found, or nothing the action cares for
		}
		inc.Outcome = outcomeOf(h.cfg.request)
		h.record(nil, inc, false)
		if !b.published {
			b.pending = inc
		}
		return
	case errors.Is(err, errBinaryRefused):
	case errors.Is(err, bodyformat.ErrMalformed):
		// Redact mode: the field's value is not rewritten in binary
		inc.judged(b.h.decide(actReject, b.Result()))
		b.h.dossierWith(inc, b.fields)
	case errors.Is(err, bodyformat.ErrWork), errors.Is(err, bodyformat.ErrCanceled), isPanic(err),
		errors.Is(err, bodyformat.ErrTooLarge): // a length-prefixed document or message longer than the screen holds
		countUninspected(dirRequest, uninspectedReason(err))
		inc.Reason, inc.Cause, inc.Stack = reasonUninspectable, errorClass(err), stackOf(err)
	default:
		return
	}
	inc.Status, inc.Outcome = h.cfg.status, outRefused
	if inc.Reason == reasonUninspectable {
		inc.Status = http.StatusBadRequest
	}
	if b.published {
		h.record(nil, inc, false) // the answer is out: logged only
		return
	}
	b.refused = inc
}

// binaryScreenOf returns the binaryScreen r's body reads through, if any
// (under the trailerScreen of a body with trailer fields).
func binaryScreenOf(body io.ReadCloser) *binaryScreen {
	if ts, ok := body.(*trailerScreen); ok {
		body = ts.ReadCloser
	}
	b, _ := body.(*binaryScreen)
	return b
}

// finishBinaryScreen ends the request once the next handler returned err,
// its answer written through w (watched: a started answer cannot be taken
// back). A refusal that ended the upstream's read of the body is the
// answer (the configured status and problem document, or handle_errors),
// unless the upstream had already answered (it did so without reading
// the refused field: its answer stands and the refusal is logged).
// A logged incident is published.
func (h *Handler) finishBinaryScreen(w *startWatch, r *http.Request, b *binaryScreen, err error) error {
	b.mu.Lock()
	refused, pending := b.refused, b.pending
	b.refused, b.pending, b.published = nil, nil, true
	b.mu.Unlock()
	if pending != nil {
		h.publishIncident(r, pending)
	}
	if refused == nil {
		return err
	}
	if w.started {
		h.report(r, refused)
		return err
	}
	return h.refuseRequest(w.ResponseWriter, r, refused)
}

// startWatch is the client's writer while a screened body is sent on: it
// notes whether the answer was started.
type startWatch struct {
	*caddyhttp.ResponseWriterWrapper
	started bool
}

// WriteHeader notes a final status and writes it.
func (w *startWatch) WriteHeader(status int) {
	if status >= 200 || status == http.StatusSwitchingProtocols {
		w.started = true
	}
	w.ResponseWriterWrapper.WriteHeader(status)
}

// Write notes the answer started and writes p.
func (w *startWatch) Write(p []byte) (int, error) {
	w.started = true
	return w.ResponseWriterWrapper.Write(p)
}

// ReadFrom notes the answer started and copies src.
func (w *startWatch) ReadFrom(src io.Reader) (int64, error) {
	w.started = true
	return w.ResponseWriterWrapper.ReadFrom(src)
}
