package caddymodule

import (
	"errors"
	"io"
	"net/http"

	"go.uber.org/zap"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/panics"
)

// A panic while a body is inspected is contained here: it becomes an
// inspection error of class "panic" (errorClass), which on_error governs
// like any body that cannot be inspected, and a stream is cut. The panic's
// value is never logged, as it may quote the body.

// The calls into the engine that can panic on client input. They are
// variables only so that tests can make them panic; nothing else sets
// them.
var (
	inspectBody = bodyformat.Inspect
	newStream   = func(e *detect.Engine, w io.Writer, kind bodyformat.StreamKind, opt bodyformat.StreamOptions) streamInspector {
		return bodyformat.NewStream(e, w, kind, opt)
	}
	redactText = (*detect.Engine).Redact
	// newBinaryScreen's Read runs on reverse_proxy's goroutine
	newBinaryScreen = bodyformat.NewBinaryScreen
)

// streamInspector is what streamFilter and a WebSocket side need of a
// *bodyformat.Stream.
type streamInspector interface {
	Write(p []byte) (int, error)
	WriteEvent(ev []byte) error
	Close() error
	Held() int
	Waiting() bool
	ReleaseHeld() error
}

// redactedMarker replaces, whole, a request string (path, host, …) that
// could not be redacted for an incident entry.
const redactedMarker = "[REDACTED]"

// containPanic is deferred by an inspection that returns an error: a panic
// becomes a *panics.Error in *err.
func containPanic(err *error) {
	if recover() != nil {
		*err = panics.Recovered()
	}
}

// isPanic reports whether err is a contained panic.
func isPanic(err error) bool {
	_, ok := errors.AsType[*panics.Error](err)
	return ok
}

// stackOf returns the stack of a contained panic, nil for other errors.
func stackOf(err error) []string {
	if pe, ok := errors.AsType[*panics.Error](err); ok {
		return pe.Stack
	}
	return nil
}

// uninspectable returns the incident of a body of r in direction dir that
// could not be inspected because of err.
func (h *Handler) uninspectable(r *http.Request, dir direction, err error) *incident {
	inc := h.newIncident(r, dir, nil)
	inc.Reason = reasonUninspectable
	inc.Cause, inc.Stack = errorClass(err), stackOf(err)
	return inc
}

// passUninspected records a body that could not be inspected and goes on
// as it is (on_error pass). A panic is an incident (outcome logged, at
// error level), since it is a bug an operator must see; other errors, a
// client's broken compression say, only a debug entry.
func (h *Handler) passUninspected(r *http.Request, dir direction, err error) {
	if !isPanic(err) {
		h.logger.Debug(string(dir)+" body that could not be inspected passed uninspected",
			zap.String("error", errorClass(err)))
		return
	}
	inc := h.uninspectable(r, dir, err)
	inc.Outcome = outLogged
	h.report(r, inc)
}

// goroutinePanic logs and counts a panic contained on one of the filter's
// own goroutines (a WebSocket's reader of the client): an incident of
// reason uninspectable, with the stack only. It is not published: the
// request's variables belong to the request's goroutine.
func (h *Handler) goroutinePanic(r *http.Request, dir direction, pe *panics.Error) {
	countUninspected(dir, skipPanic)
	inc := h.newIncident(r, dir, nil)
	inc.Reason, inc.Outcome = reasonUninspectable, outRefused
	inc.Cause, inc.Stack = skipPanic, pe.Stack
	h.record(r, inc, false)
}
