package caddymodule

import (
	"errors"
	"io"
	"net/http"
	"sync"

	"go.uber.org/zap"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// errTrailerRefused ends the reading of a request body whose trailer
// fields the request action or the dossier rule refuses: the next handler
// (reverse_proxy) fails its request rather than send the trailer on.
var errTrailerRefused = errors.New("pii_filter: request trailer fields refused")

// trailerScreen is a request body sent on unread (a binary upload, one
// over max_body passed by the oversize policy): its trailer fields arrive
// only at its end, so they are read there, in the Read that reaches it,
// before that Read returns io.EOF. Go's server fills r.Trailer in that
// Read, and reverse_proxy copies the trailers only once it returned EOF,
// so what it sends on is what the reading left: masked under redact and
// reject, and under a refusal not sent at all, since the Read returns
// errTrailerRefused instead of io.EOF. That Read runs on the goroutine
// that writes the upstream's request, alongside the handlers: it touches
// r.Trailer only, and its incident is made beforehand from r. The
// incident is logged there and handed to the request's goroutine, which
// publishes it (pii_incident, the http.pii.* placeholders, the access
// log's fields) once the next handler returned (publishTrailerIncident);
// one screened after that is logged only.
type trailerScreen struct {
	io.ReadCloser
	h       *Handler
	trailer http.Header    // r.Trailer, filled in at the end
	fields  detect.Summary // what the target and header fields held
	inc     *incident      // the incident, should the trailer hold anything
	end     error          // set once the end was reached: what every Read returns from then on

	mu        sync.Mutex // guards what follows, shared with the request's goroutine
	pending   *incident  // recorded, not yet published
	published bool       // the request's goroutine has looked: later incidents are logged only
}

// screenTrailersAtEOF makes r's body a trailerScreen when r announced
// trailer fields and the request's fields are inspected.
func (h *Handler) screenTrailersAtEOF(r *http.Request, fields detect.Summary) {
	if len(r.Trailer) == 0 || h.cfg.request == actOff || h.cfg.headers != fieldsInspect {
		return
	}
	r.Body = &trailerScreen{ReadCloser: r.Body, h: h, trailer: r.Trailer, fields: fields, inc: h.fieldsIncident(r, dirRequest, nil)}
}

// Read reads the body, and its trailer fields once it reaches its end.
func (b *trailerScreen) Read(p []byte) (int, error) {
	if b.end != nil {
		return 0, b.end
	}
	n, err := b.ReadCloser.Read(p)
	if err != io.EOF {
		return n, err
	}
	b.end = b.screen()
	return n, b.end
}

// screen reads the trailer fields under the request action, masking their
// values in place, and returns io.EOF, or errTrailerRefused when the
// action or the dossier rule (with what the target and header fields
// held) refuses them, or when they cannot be read and on_error is reject;
// a refused trailer is cleared.
func (b *trailerScreen) screen() error {
	h, inc := b.h, b.inc
	found, err := h.scanFields(nil, b.trailer, 0, h.cfg.request)
	switch {
	case err != nil:
		countUninspected(dirRequest, uninspectedReason(err))
		inc.Reason, inc.Cause, inc.Stack = reasonUninspectable, errorClass(err), stackOf(err)
		if h.cfg.onErrorFor(dirRequest) == failPass {
			// as passUninspected: a panic is a bug an operator must see
			if !isPanic(err) {
				h.logger.Debug("request trailer fields that could not be inspected passed uninspected",
					zap.String("error", errorClass(err)))
				return io.EOF
			}
			inc.Outcome = outLogged
			b.record(inc)
			return io.EOF
		}
	case len(found) == 0:
		return io.EOF
	default:
		for _, f := range found {
			inc.add(f)
		}
		inc.Dossier = h.isDossier(inc.Summary)
		h.dossierWith(inc, b.fields)
		if !refusesFields(inc) {
			inc.Outcome = outcomeOf(h.cfg.request)
			b.record(inc)
			return io.EOF
		}
	}
	clear(b.trailer) // nothing of it for a handler that reads it after a failed read
	inc.Status, inc.Outcome = h.cfg.status, outRefused
	b.record(inc)
	return errTrailerRefused
}

// record logs and counts inc, as report does but off the request's
// goroutine, and keeps it for publishTrailerIncident.
func (b *trailerScreen) record(inc *incident) {
	b.h.record(nil, inc, false)
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.published {
		b.pending = inc
	}
}

// publishTrailerIncident publishes, on the request's goroutine once the
// next handler returned, the incident of r's trailer fields read at the
// end of its body (trailerScreen), as report publishes the others: the
// pii_incident variable, the http.pii.* placeholders and the access log's
// fields, which handle_errors and the access log read after the handlers
// returned. Its response may be out by then: a refusal of the trailer
// fails the upstream's request (reverse_proxy's 502), not the client's
// answer. A trailer read after this (the upstream answered before it read
// the body to its end) is logged only.
func (h *Handler) publishTrailerIncident(r *http.Request, b *trailerScreen) {
	if b == nil {
		return
	}
	b.mu.Lock()
	inc := b.pending
	b.pending, b.published = nil, true
	b.mu.Unlock()
	if inc != nil {
		h.publishIncident(r, inc)
	}
}
