package caddymodule

import (
	"bytes"
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
)

// verdictKind is what the filter decided about a body.
type verdictKind uint8

// The kinds of verdict.
const (
	verdictClean    verdictKind = iota // no findings: the body goes on as it is
	verdictRedacted                    // the redacted output goes on instead
	verdictLogged                      // findings, logged; the body goes on as it is
	verdictRefused                     // findings the action or the dossier rule refuses
)

// verdict is what the filter decided about a body under the handler's
// policy, with what it needs to act on it again and log the incident
// again: never the body itself, only its redacted output. A verdict is
// immutable once made: the cache hands the same one to many requests.
type verdict struct {
	kind      verdictKind
	dossier   bool
	protected bool             // a protected identifier: refused whatever the action
	summary   detect.Summary   // findings per category
	samples   []detect.Finding // masked forms and fingerprints, as an incident keeps them
	body      []byte           // verdictRedacted: the redacted body
	encoding  string           // verdictRedacted: its content coding
}

// cleanVerdict is the one verdict on every clean body.
var cleanVerdict = &verdict{kind: verdictClean}

// size is what a verdict counts against the cache's bytes: its output and
// samples, and a fixed overhead for the entry, its key and its bookkeeping.
func (v *verdict) size() int64 {
	n := 160 + len(v.body) + len(v.encoding) + 48*len(v.summary.Counts)
	for _, f := range v.samples {
		n += 96 + len(f.Masked) + len(f.Fingerprint) + len(f.Category)
	}
	return int64(n)
}

// judgement is a verdict and how it was reached.
type judgement struct {
	*verdict
	hit  bool          // from the cache
	took time.Duration // time to reach it: the lookup, or the lookup and the scan
}

// judge returns the verdict on a body travelling in direction dir with the
// given Content-Type and Content-Encoding values, inspected under lim: from
// the cache when it has it, otherwise by inspecting the body, and then the
// cache keeps it. Bodies that cannot be inspected return the error and are
// not cached; a panic while judging is one of them (a *panics.Error).
func (h *Handler) judge(dir direction, body []byte, contentType, contentEncoding string, lim bodyformat.Limits) (_ judgement, err error) {
	defer containPanic(&err)
	start := time.Now()
	m := metrics()
	var key cacheKey
	if h.cache != nil {
		// the protected list's generation is part of the key: a verdict
		// reached before the list changed is never reused after
		key = h.cache.key(dir, contentType, contentEncoding, body, h.protected.Generation())
		if v, ok := h.cache.get(key); ok {
			m.cacheHits.WithLabelValues(string(dir)).Inc()
			m.inspected.WithLabelValues(string(dir)).Inc()
			return judgement{verdict: v, hit: true, took: time.Since(start)}, nil
		}
		m.cacheMisses.WithLabelValues(string(dir)).Inc()
	}
	act := h.cfg.actionFor(dir)
	mode := bodyformat.Scan
	if act == actRedact {
		mode = bodyformat.Redact
	}
	res, err := inspectBody(h.engine, body, contentType, contentEncoding, mode, lim)
	if err != nil {
		return judgement{}, err
	}
	took := time.Since(start)
	countScan(dir, len(body), took)
	v := h.decide(act, res)
	if h.cache != nil {
		h.cache.put(key, v)
	}
	return judgement{verdict: v, took: took}, nil
}

// decide turns an inspection result into a verdict under action act. The
// result counts every finding in its summary and holds only the samples
// (Limits.SamplesOnly).
func (h *Handler) decide(act action, res bodyformat.Result) *verdict {
	if res.Summary.Categories == 0 {
		return cleanVerdict
	}
	protected := false
	for _, f := range res.Findings {
		protected = protected || f.Evidence&detect.EvProtected != 0
	}
	if act == actOff && !protected {
		return cleanVerdict // inspected only for protected identifiers
	}
	acc := incident{Summary: detect.Summary{Counts: make(map[detect.Category]int)}}
	for _, f := range res.Findings {
		acc.keepSample(f)
	}
	v := &verdict{summary: res.Summary, samples: slices.Clip(acc.Samples), dossier: h.isDossier(res.Summary), protected: protected}
	switch {
	case v.protected || v.dossier || act == actReject:
		v.kind = verdictRefused
	case act == actRedact && res.Changed:
		v.kind, v.body, v.encoding = verdictRedacted, res.Body, res.Encoding
		if h.cache != nil {
			// A copy: the verdict outlives this request in the cache and
			// must not share memory with anything the request's buffers
			// may hold.
			v.body = bytes.Clone(res.Body)
		}
	default:
		v.kind = verdictLogged
	}
	return v
}

// incidentFor starts the incident of a body of r judged j (with findings).
func (h *Handler) incidentFor(r *http.Request, dir direction, j judgement) *incident {
	inc := h.newIncident(r, dir, nil)
	inc.judged(j.verdict)
	inc.CacheHit, inc.ScanTime = j.hit, j.took
	return inc
}

// judged fills in what verdict v (with findings) says of inc's body.
func (inc *incident) judged(v *verdict) {
	inc.Summary = detect.Summary{Categories: v.summary.Categories, Counts: maps.Clone(v.summary.Counts)}
	inc.Samples = slices.Clip(v.samples)
	inc.Dossier = v.dossier
	switch {
	case v.protected:
		inc.Reason = reasonProtected
	case inc.Dossier:
		inc.Reason = reasonDossier
	}
	inc.Judged = true
}

// oversizeFor is the oversize policy of direction dir: pass when the
// direction is off (inspected only for protected identifiers, it refuses
// nothing else).
func (s *settings) oversizeFor(dir direction) failPolicy {
	if s.actionFor(dir) == actOff {
		return failPass
	}
	return s.oversize
}

// onErrorFor is the on_error policy of direction dir, pass when it is off.
func (s *settings) onErrorFor(dir direction) failPolicy {
	if s.actionFor(dir) == actOff {
		return failPass
	}
	return s.onError
}

// actionFor returns the action for bodies in direction dir.
func (s *settings) actionFor(dir direction) action {
	if dir == dirRequest {
		return s.request
	}
	return s.response
}
