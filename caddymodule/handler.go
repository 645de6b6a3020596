package caddymodule

import (
	"net/http"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/membudget"
)

// ServeHTTP inspects the request body (unless request is off), hands the
// request to the next handler, and inspects the response body on its way
// back (unless response is off). A direction that is off is still
// inspected for protected identifiers while the pii app's protected list
// holds any. The http.pii.* placeholders are set from the start, empty
// until an incident fills them (publishClean). Refusals answer with a
// problem document (see refuseRequest and responseWriter).
//
// What the filter holds for inspection is reserved from the process's
// memory budget through one lease per exchange, given back when it ends
// (see budget.go).
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request, next caddyhttp.Handler) error {
	publishClean(r)
	lease := newLease(r)
	defer lease.Close()
	// a direction that is off is still inspected for protected
	// identifiers while the pii app's protected list holds any
	protecting := h.protected.Len() > 0
	// what the target and header fields hold counts with what the body
	// holds for the dossier rule
	var fields detect.Summary
	if h.cfg.request != actOff && h.cfg.headers == fieldsInspect {
		var done bool
		var err error
		fields, done, err = h.filterRequestFields(w, r, false, detect.Summary{})
		if done || err != nil {
			return ended(r, err)
		}
	}
	if h.cfg.request != actOff || protecting {
		done, err := h.filterRequest(w, r, lease, fields)
		if done || err != nil {
			return ended(r, err)
		}
	}
	// trailer fields read at the end of a body sent on unread are
	// published once the next handler is done with the body
	if ts, ok := r.Body.(*trailerScreen); ok {
		defer h.publishTrailerIncident(r, ts)
	}
	// a CONNECT's answer is inspected too: only a 2xx to one that opens
	// a tunnel has no body to inspect (bodyAllowed)
	// a WebSocket is inspected in both directions through the response
	// writer, which its upgrade goes through (websocket.go)
	// a body sent on through the binary screen may be refused while the
	// next handler reads it: the refusal is then the answer, unless the
	// upstream's has started
	bs := binaryScreenOf(r.Body)
	if bs == nil {
		return h.next(w, r, next, lease, fields, protecting)
	}
	watch := &startWatch{ResponseWriterWrapper: &caddyhttp.ResponseWriterWrapper{ResponseWriter: w}}
	return h.finishBinaryScreen(watch, r, bs, h.next(watch, r, next, lease, fields, protecting))
}

// next hands r to the next handler, through the response filter when
// responses are inspected.
func (h *Handler) next(w http.ResponseWriter, r *http.Request, next caddyhttp.Handler, lease *membudget.Lease, fields detect.Summary, protecting bool) error {
	if h.cfg.response == actOff && !protecting && (h.cfg.websocket == wsPass || !isWebSocket(r)) {
		return next.ServeHTTP(w, r)
	}
	return h.filterResponse(w, r, next, lease, fields)
}

// ended returns err for a request the filter ended before the next
// handler (refused, or its body unreadable), leaving it no body: Caddy
// hands this very request to the handle_errors routes, and one that
// proxies would otherwise send upstream the body the filter refused or
// never read (attack pass 40, F1). Those routes' own responses are not
// this handler's: they need a pii_filter of their own (README).
func ended(r *http.Request, err error) error {
	bodyformat.DropRequestBody(r)
	return err
}
