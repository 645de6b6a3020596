package caddymodule

import (
	"net/http"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// campaignCounter counts, per fingerprint, the distinct clients posting it
// (the pii app).
type campaignCounter interface {
	Observe(r *http.Request, findings []detect.Finding)
}

// observe hands the fingerprints sampled from what a client of r posted
// (a judged request body, or a WebSocket message it sent: the first
// distinct values, at most maxSamples) to the pii app's campaign counter,
// which queues them and never makes the request wait.
// Only what clients post is counted: a response reaches every client that
// asks for it, so counting it would turn a site's own hotline, fetched by
// many, into a "campaign" that protection then takes offline.
func (h *Handler) observe(r *http.Request, samples []detect.Finding) {
	if h.campaigns != nil && len(samples) > 0 {
		h.campaigns.Observe(r, samples)
	}
}
