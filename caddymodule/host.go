package caddymodule

import (
	"net/http"

	"go.uber.org/zap"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/fieldtext"
	"github.com/piifilter/caddy-pii-filter/internal/panics"
)

// A request's host (r.Host: its Host field, HTTP/2's :authority, an
// absolute-form target's authority) is read with its other fields
// (fieldtext.RedactHost: as text, its digits alone, punycode labels
// decoded). A site that answers any host (`:port`, a wildcard) would
// otherwise pass "u<ID>.shop.example" to its upstream in Host and in the
// X-Forwarded-Host reverse_proxy adds. A host routes the request and
// cannot be masked, so one with findings refuses the request under redact
// as under reject; log only reports. An incident logs the host masked.

// scanHost reads r's host. A panic is returned as an inspection error.
func (h *Handler) scanHost(r *http.Request) (found []detect.Finding, err error) {
	defer containPanic(&err)
	_, found = fieldtext.RedactHost(h.findHost, r.Host)
	return found, nil
}

// findHost reads one piece of a host through the handler's engine.
func (h *Handler) findHost(text []byte, hint detect.CategorySet) []detect.Finding {
	return findField(h.engine, text, hint)
}

// scrubHost prepares a request's host for an incident entry: masked as a
// host is read (fieldtext.RedactHost), then as any request string
// (scrub). If masking it panics, the whole host is replaced by
// redactedMarker and the panic is logged.
func (h *Handler) scrubHost(host string) (out string) {
	if host == "" {
		return host
	}
	defer func() {
		if recover() != nil {
			out = redactedMarker
			h.logger.Error("request host replaced in an incident entry: redacting it panicked",
				zap.String("error", skipPanic), zap.Strings("stack", panics.Recovered().Stack))
		}
	}()
	masked, _ := fieldtext.RedactHost(h.findHost, cutAt(host, 2*maxLoggedLen))
	return h.scrub(masked)
}
