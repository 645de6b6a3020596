// Package caddymodule provides the pii_filter HTTP handler for Caddy
// (module ID http.handlers.pii_filter). It finds personal information in
// request and response bodies with the detect engine, reading each body
// through bodyformat, and redacts it, refuses the message or only logs it.
//
// Importing the package (usually as a blank import in the caddy main
// package) registers the module and its Caddyfile directive. In a
// Caddyfile, pii_filter runs right after encode, so it sees uncompressed
// bytes and wraps reverse_proxy, file_server, respond and templates.
package caddymodule

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/piiapp"
)

func init() {
	caddy.RegisterModule(Handler{})
}

// The defaults of Handler's options.
const (
	DefaultDossier = 3       // distinct categories that make a body a dossier
	DefaultMaxBody = 8 << 20 // largest body inspected, in bytes
	DefaultStatus  = 403     // status of a refusal of personal information
)

// Handler finds personal information in HTTP bodies and redacts it,
// refuses the message or logs it. Bodies are read through bodyformat, so
// JSON, forms, multipart, HTML and compressed bodies are decoded before
// they are inspected, and a body that cannot be inspected is refused
// unless on_error says pass.
//
// Every option may be left empty for its default.
type Handler struct {
	// Request is what to do with personal information in request bodies:
	// "redact" (default), "reject", "log" or "off".
	Request string `json:"request,omitempty"`

	// Response is what to do with personal information in response
	// bodies: "redact" (default), "reject", "log" or "off".
	Response string `json:"response,omitempty"`

	// Dossier refuses a message whose body and header fields (a request's
	// target and trailer fields too) hold this many distinct categories of
	// personal information or more between them, whatever the action (a
	// dossier, 开盒). Unset means 3; 0 turns the rule off.
	Dossier *int `json:"dossier,omitempty"`

	// Detect lists the categories to detect; empty means all of them.
	Detect []detect.Category `json:"detect,omitempty"`

	// Ignore lists categories not to detect.
	Ignore []detect.Category `json:"ignore,omitempty"`

	// Mask is how a redacted value is replaced: "partial" (default),
	// "full", "label" or "hash".
	Mask string `json:"mask,omitempty"`

	// Types lists the media types whose bodies are inspected, with
	// wildcards such as "text/*" or "application/*+json". Empty means every
	// text-like type (see bodyformat.IsText). Bodies without a
	// Content-Type, or labelled application/octet-stream, are inspected
	// when their first bytes are text.
	Types []string `json:"types,omitempty"`

	// MaxBody is the largest body inspected, in bytes; 0 means 8 MiB. It
	// bounds a compressed body both as sent and once decompressed.
	MaxBody int64 `json:"max_body,omitempty"`

	// WorkBudget bounds the work of inspecting one body, in bytes of text
	// the engine reads (every reading of every piece counts; see
	// bodyformat.Limits.MaxWork); 0 means 16 times MaxBody. A body that
	// needs more cannot be inspected: OnError decides. The engine is
	// linear, so this is a second line of defence that bounds its CPU
	// time per body whatever the body's shape.
	WorkBudget int64 `json:"work_budget,omitempty"`

	// Oversize is what happens to a text body larger than MaxBody:
	// "reject" (default) refuses it, "pass" sends it on uninspected.
	Oversize string `json:"oversize,omitempty"`

	// OnError is what happens to a body that cannot be inspected (a broken
	// or unknown compression, a malformed multipart body, an inspection
	// that panicked): "reject" (default) or "pass". A stream whose
	// inspection panics is cut either way.
	OnError string `json:"on_error,omitempty"`

	// Status is the HTTP status of a refusal; 0 means 403. It applies to
	// personal information in both directions and to responses too large
	// to inspect or that cannot be inspected; such requests are refused
	// with 413 and 400 instead.
	Status int `json:"status,omitempty"`

	// KeyFile names a file holding the key of the fingerprints logged with
	// each finding (and of hash masks). Empty means a random key for each
	// process, so fingerprints only correlate within one run. Global
	// placeholders such as {env.PII_KEY_FILE} are expanded.
	KeyFile string `json:"key_file,omitempty"`

	// WebSocket is what happens to the messages of a WebSocket after its
	// upgrade (HTTP/1.1 101, or an extended CONNECT on HTTP/2 and 3):
	// "inspect" (default) reads each message, in both directions, under
	// the request and response actions (websocket.go); "pass" lets them
	// through uninspected, a residual risk the threat model lists.
	WebSocket string `json:"websocket,omitempty"`

	// Headers is what happens to header fields and the request target
	// (path and query): "inspect" (default) reads them under the request
	// and response actions (fields.go); "pass" leaves them to the pii
	// matcher and log filter.
	Headers string `json:"headers,omitempty"`

	// Cache sizes the verdict cache, on by default (10000 verdicts, kept
	// 5 minutes, 64 MiB); {"off": true} turns it off. Handlers with the
	// same policy share one cache, which survives a config reload that
	// keeps the policy.
	Cache *CacheConfig `json:"cache,omitempty"`

	cfg      settings
	engine   *detect.Engine
	logger   *zap.Logger
	cache    *verdictCache // nil when off
	cacheKey string        // its key in verdictCaches

	protected *detect.ProtectedSet // the pii app's protected list, also in engine
	campaigns campaignCounter      // the app counting campaigns, nil when off or keyed otherwise
}

// CaddyModule returns the Caddy module information.
func (Handler) CaddyModule() caddy.ModuleInfo {
	return caddy.ModuleInfo{
		ID:  "http.handlers.pii_filter",
		New: func() caddy.Module { return new(Handler) },
	}
}

// Provision checks the options, applies the defaults, compiles the
// detection engine once for all requests, registers the metrics and takes
// the verdict cache of its policy from the pool (making it if it is the
// first).
func (h *Handler) Provision(ctx caddy.Context) error {
	h.logger = ctx.Logger()
	cfg, err := h.resolve()
	if err != nil {
		return err
	}
	app, err := piiapp.Get(ctx)
	if err != nil {
		return fmt.Errorf("pii_filter: %w", err)
	}
	pol := detect.Policy{Categories: cfg.detect, Ignore: cfg.ignore, Mask: cfg.mask, FingerprintKey: app.FleetKey(), Protected: app.Protected()}
	if h.KeyFile != "" {
		name := caddy.NewReplacer().ReplaceAll(h.KeyFile, "")
		if pol.FingerprintKey, err = detect.ReadKeyFile(name); err != nil {
			return fmt.Errorf("pii_filter: key_file: %w", err)
		}
	}
	eng, err := detect.Compile(pol)
	if err != nil {
		return fmt.Errorf("pii_filter: %w", err)
	}
	if eng.Enabled() == 0 {
		return errors.New("pii_filter: detect and ignore leave no category to detect")
	}
	h.cfg, h.engine, h.protected = cfg, eng, app.Protected()
	if app.Campaigns() {
		if bytes.Equal(pol.FingerprintKey, app.FleetKey()) {
			h.campaigns = app
		} else {
			h.logger.Warn("campaign counting skipped by this handler: its key_file differs from the pii app's, so its fingerprints are not the fleet's")
		}
	}
	if err := registerMetrics(ctx.GetMetricsRegistry()); err != nil {
		return fmt.Errorf("pii_filter: metrics: %w", err)
	}
	if cs := cfg.cache; cs.entries > 0 {
		var enabled []string
		for _, c := range eng.Enabled().Categories() {
			enabled = append(enabled, string(c))
		}
		policy := policyDigest(cfg, enabled, pol.FingerprintKey)
		key := cachePoolKey(policy, cs)
		v, _, err := verdictCaches.LoadOrNew(key, func() (caddy.Destructor, error) {
			return newVerdictCache(cacheOptions{entries: cs.entries, bytes: cs.bytes, ttl: cs.ttl, policy: policy}), nil
		})
		if err != nil {
			return fmt.Errorf("pii_filter: cache: %w", err)
		}
		h.cache, h.cacheKey = v.(*verdictCache), key
	}
	return nil
}

// Cleanup releases the handler's hold on its verdict cache; the last
// handler of a policy to go takes the cache with it.
func (h *Handler) Cleanup() error {
	if h.cacheKey == "" {
		return nil
	}
	key := h.cacheKey
	h.cacheKey = ""
	_, err := verdictCaches.Delete(key)
	return err
}

// Validate reports the first invalid option, naming it.
func (h *Handler) Validate() error {
	_, err := h.resolve()
	return err
}

// action is what the handler does with personal information in a body.
type action string

// The actions of the request and response options.
const (
	actRedact action = "redact"
	actReject action = "reject"
	actLog    action = "log"
	actOff    action = "off"
)

func parseAction(s string) (action, error) {
	switch a := action(s); a {
	case "":
		return actRedact, nil
	case actRedact, actReject, actLog, actOff:
		return a, nil
	}
	return "", fmt.Errorf("unknown action %q (valid: redact, reject, log, off)", s)
}

// failPolicy is what happens to a body that is not inspected.
type failPolicy string

// The values of the oversize and on_error options.
const (
	failReject failPolicy = "reject"
	failPass   failPolicy = "pass"
)

func parseFailPolicy(s string) (failPolicy, error) {
	switch p := failPolicy(s); p {
	case "":
		return failReject, nil
	case failReject, failPass:
		return p, nil
	}
	return "", fmt.Errorf("unknown policy %q (valid: reject, pass)", s)
}

// settings are the options with their defaults applied.
type settings struct {
	request, response action
	dossier           int
	detect, ignore    []detect.Category
	mask              detect.MaskStyle
	types             []string
	maxBody           int64
	workBudget        int64
	oversize, onError failPolicy
	status            int
	websocket         wsAction
	headers           fieldsAction
	cache             cacheSettings
}

// resolve checks every option and returns them with defaults applied. The
// errors name the option as the Caddyfile and the JSON spell it.
func (h *Handler) resolve() (settings, error) {
	var s settings
	var err error
	if s.request, err = parseAction(h.Request); err != nil {
		return s, fmt.Errorf("pii_filter: request: %w", err)
	}
	if s.response, err = parseAction(h.Response); err != nil {
		return s, fmt.Errorf("pii_filter: response: %w", err)
	}
	s.dossier = DefaultDossier
	if h.Dossier != nil {
		if *h.Dossier < 0 {
			return s, fmt.Errorf("pii_filter: dossier: %d is negative (0 turns the rule off)", *h.Dossier)
		}
		s.dossier = *h.Dossier
	}
	if s.detect, err = parseCategories(h.Detect); err != nil {
		return s, fmt.Errorf("pii_filter: detect: %w", err)
	}
	if s.ignore, err = parseCategories(h.Ignore); err != nil {
		return s, fmt.Errorf("pii_filter: ignore: %w", err)
	}
	if s.mask, err = detect.ParseMaskStyle(h.Mask); err != nil {
		return s, fmt.Errorf("pii_filter: mask: %w", err)
	}
	for _, t := range h.Types {
		p, err := parseTypePattern(t)
		if err != nil {
			return s, fmt.Errorf("pii_filter: types: %w", err)
		}
		s.types = append(s.types, p)
	}
	switch {
	case h.MaxBody < 0:
		return s, fmt.Errorf("pii_filter: max_body: %d is negative", h.MaxBody)
	case h.MaxBody == 0:
		s.maxBody = DefaultMaxBody
	default:
		s.maxBody = h.MaxBody
	}
	switch {
	case h.WorkBudget < 0:
		return s, fmt.Errorf("pii_filter: work_budget: %d is negative", h.WorkBudget)
	case h.WorkBudget == 0:
		s.workBudget = DefaultWorkFactor * s.maxBody
	default:
		s.workBudget = h.WorkBudget
	}
	if s.oversize, err = parseFailPolicy(h.Oversize); err != nil {
		return s, fmt.Errorf("pii_filter: oversize: %w", err)
	}
	if s.onError, err = parseFailPolicy(h.OnError); err != nil {
		return s, fmt.Errorf("pii_filter: on_error: %w", err)
	}
	switch {
	case h.Status == 0:
		s.status = DefaultStatus
	case h.Status < 400 || h.Status > 599:
		return s, fmt.Errorf("pii_filter: status: %d is not a 4xx or 5xx status", h.Status)
	default:
		s.status = h.Status
	}
	if s.websocket, err = parseWSAction(h.WebSocket); err != nil {
		return s, fmt.Errorf("pii_filter: websocket: %w", err)
	}
	if s.headers, err = parseFieldsAction(h.Headers); err != nil {
		return s, fmt.Errorf("pii_filter: headers: %w", err)
	}
	if s.cache, err = h.Cache.resolve(); err != nil {
		return s, fmt.Errorf("pii_filter: cache: %w", err)
	}
	return s, nil
}

// parseCategories checks category names and returns them in canonical
// (lower-case) form.
func parseCategories(in []detect.Category) ([]detect.Category, error) {
	out := make([]detect.Category, 0, len(in))
	for _, c := range in {
		pc, err := detect.ParseCategory(string(c))
		if err != nil {
			return nil, err
		}
		out = append(out, pc)
	}
	return out, nil
}

// parseTypePattern checks a media type pattern such as "text/*" or
// "application/*+json" and returns it in lower case.
func parseTypePattern(s string) (string, error) {
	p := strings.ToLower(strings.TrimSpace(s))
	typ, sub, ok := strings.Cut(p, "/")
	if !ok || typ == "" || sub == "" || strings.Contains(sub, "/") || strings.ContainsAny(p, "; \t") {
		return "", fmt.Errorf("%q is not a media type such as text/plain, text/* or application/*+json", s)
	}
	if _, err := path.Match(p, ""); err != nil {
		return "", fmt.Errorf("%q: %w", s, err)
	}
	return p, nil
}

// Interface guards
var (
	_ caddy.Provisioner           = (*Handler)(nil)
	_ caddy.Validator             = (*Handler)(nil)
	_ caddy.CleanerUpper          = (*Handler)(nil)
	_ caddyhttp.MiddlewareHandler = (*Handler)(nil)
	_ caddyfile.Unmarshaler       = (*Handler)(nil)
)
