package caddymodule

import "net/http"

// observe hands the fingerprints sampled from a judged body of r (the
// first distinct values, at most maxSamples) to the pii app's campaign
// counter, which queues them and never makes the request wait.
func (h *Handler) observe(r *http.Request, j judgement) {
	if h.campaigns != nil && len(j.samples) > 0 {
		h.campaigns.Observe(r, j.samples)
	}
}
