package caddymodule

import (
	"context"
	"errors"
	"io"
	"net/http"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/internal/membudget"
)

// What a request may cost. Every byte the handler holds for inspection —
// the body it buffers, the decompressed body, the redacted copy, the
// findings, a stream's hold-back — is reserved first from the process's
// memory budget (membudget.Process, sized by the pii app's memory_budget)
// through the request's lease, which gives it all back when the request
// ends. A reservation that does not fit waits briefly for others to
// finish (the pii app's memory_wait, never past the request's context), then
// the body is refused with 503 and Retry-After: the filter fails closed
// under memory pressure instead of inspecting without the memory or
// passing the body uninspected. The work of inspecting one body is
// bounded by work_budget (bodyformat.Limits.MaxWork); past it the body
// cannot be inspected (on_error). When the request's context is done (the
// client went away, the server shuts down) the inspection stops between
// two pieces of text or chunks of decompressed data.

// DefaultWorkFactor sets the default work_budget: this many times
// max_body, in bytes of text the engine reads.
const DefaultWorkFactor = bodyformat.DefaultWorkFactor

// retryAfterSeconds is the Retry-After of a refusal for want of memory.
const retryAfterSeconds = "2"

// statusClientClosed is the status logged for a request whose client
// went away while its body was inspected (nginx's 499, as reverse_proxy
// uses it).
const statusClientClosed = 499

// budget is the memory budget the handler charges: the process's. It is
// a variable only so that tests can give the handler a budget of its own.
var budget = membudget.Process

// newLease starts the memory lease of a request.
func newLease(r *http.Request) *membudget.Lease {
	return budget.Lease(r.Context(), budget.Wait())
}

// limits are the bodyformat limits of a body of at most max_body bytes,
// decoded or not, inspected for a request whose context is ctx, charging
// its memory to lease (nil: uncharged); only the findings an incident
// may keep as samples get a fingerprint, and only they are kept.
func (h *Handler) limits(ctx context.Context, lease *membudget.Lease) bodyformat.Limits {
	lim := bodyformat.Limits{MaxDecoded: h.cfg.maxBody, MaxWork: h.cfg.workBudget, Context: ctx, Samples: maxSamples, SamplesOnly: true}
	if lease != nil {
		lim.Memory = lease
	}
	return lim
}

// readBody reads at most n bytes of r, reserving each buffer in lease
// before it is made. The buffer starts small and doubles as bytes
// arrive, so a client that declares a large body and sends it slowly
// holds about what it has sent, not what it announced; sizeHint, when
// positive, is the declared length, the size of the last doubling. The
// arrays it outgrows are released once copied.
func readBody(lease *membudget.Lease, r io.Reader, n, sizeHint int64) ([]byte, error) {
	size := min(n, readStart)
	if sizeHint > 0 {
		size = min(size, sizeHint+1) // +1: the end of the body is read without growing
	}
	if err := lease.Reserve(size); err != nil {
		return nil, err
	}
	buf := make([]byte, 0, size)
	for int64(len(buf)) < n {
		if len(buf) == cap(buf) {
			size = min(2*int64(cap(buf)), n)
			if sizeHint >= int64(len(buf)) {
				size = min(size, sizeHint+1)
			}
			if err := lease.Reserve(size); err != nil {
				return buf, err
			}
			old := int64(cap(buf))
			buf = append(make([]byte, 0, size), buf...)
			lease.Release(old) // garbage now: the default budget allows for the collector's lag
		}
		k, err := r.Read(buf[len(buf):min(int64(cap(buf)), n)])
		buf = buf[:len(buf)+k]
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// readStart is the first buffer of a body read.
const readStart = 32 << 10

// outOfMemory reports whether err is a reservation the budget refused.
func outOfMemory(err error) bool { return errors.Is(err, membudget.ErrExhausted) }

// canceled reports whether err ended an inspection because the request's
// context was done.
func canceled(err error) bool { return errors.Is(err, bodyformat.ErrCanceled) }

// busyIncident is the incident of a body refused for want of memory.
func (h *Handler) busyIncident(r *http.Request, dir direction) *incident {
	countUninspected(dir, skipMemory)
	inc := h.newIncident(r, dir, nil)
	inc.Reason, inc.Status = reasonBusy, http.StatusServiceUnavailable
	return inc
}

// requestBusy refuses a request whose body the memory budget cannot hold:
// 503 with Retry-After, whatever on_error says.
func (h *Handler) requestBusy(w http.ResponseWriter, r *http.Request) (bool, error) {
	return true, h.refuseRequest(w, r, h.busyIncident(r, dirRequest))
}

// abandoned ends a request whose inspection stopped because its context
// is done: nothing is written (nobody reads it), the body is counted as
// not inspected, and the error is logged at debug level.
func (h *Handler) abandoned(dir direction, err error) error {
	countUninspected(dir, skipCanceled)
	h.logger.Debug(string(dir)+" inspection stopped: the request's context is done", zap.String("error", errorClass(err)))
	return caddyhttp.Error(statusClientClosed, err)
}

// workRate is the work a stream (a response stream, a WebSocket side) may
// do for each byte it carries, the rule of a body: work_budget per
// max_body (bodyformat.StreamOptions.WorkRate). A stream past it is
// uninspectable, as a body past work_budget is.
func (h *Handler) workRate() int64 {
	return max(1, h.cfg.workBudget/max(1, h.cfg.maxBody))
}
