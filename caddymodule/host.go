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
	if _, found, err = h.redactHost(r.Host); err != nil {
		return nil, err
	}
	return found, nil
}

// redactHost masks host as a host is read (fieldtext.RedactHost) through
// the handler's engine and returns what it found; err is the first piece
// a reading could not read (FindText's error).
func (h *Handler) redactHost(host string) (masked string, found []detect.Finding, err error) {
	masked, found = fieldtext.RedactHost(func(text []byte, hint detect.CategorySet) []detect.Finding {
		fs, ferr := findField(h.engine, text, hint)
		if err == nil {
			err = ferr
		}
		return fs
	}, host)
	return masked, found, err
}

// scrubHost prepares a request's host for an incident entry: masked as a
// host is read (fieldtext.RedactHost), then as any request string
// (scrub). If masking it panics, the whole host is replaced by
// redactedMarker and the panic is logged; a host a reading cannot read
// is replaced so too.
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
	masked, _, err := h.redactHost(cutAt(host, 2*maxLoggedLen))
	if err != nil {
		return redactedMarker
	}
	return h.scrub(masked)
}
