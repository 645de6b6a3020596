// Package matcher provides the pii request matcher for Caddy (module ID
// http.matchers.pii). It matches requests that carry personal information
// in their query string, body, headers or path, so that a Caddyfile can
// route them somewhere else (a review queue, a stricter upstream) or refuse
// them, and it adds pii() to CEL expression matchers.
//
// Bodies are read through bodyformat, the same layer the pii_filter handler
// uses, so JSON, forms, multipart, HTML and compressed bodies are decoded
// in one place. A body is read at most once per request however many pii
// matchers ask, and is given back intact to the handlers that follow. A
// body that cannot be read or inspected is an error, never a silent
// non-match: the route fails closed and handle_errors sees the status.
//
// Importing the package (usually as a blank import in the caddy main
// package) registers the module.
package matcher

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/piiapp"
)

func init() {
	caddy.RegisterModule(MatchPII{})
}

// The defaults of MatchPII's options.
const (
	DefaultMaxBody int64 = 1 << 20 // largest body read, in bytes
	DefaultMin           = 1       // distinct categories needed for a match
)

// The places a request is searched, as the in option names them.
const (
	SourceQuery   = "query"   // the query string, values percent-decoded, field names as hints
	SourceBody    = "body"    // the body, read through bodyformat
	SourceHeaders = "headers" // header values and the host (all, or those the headers option names)
	SourcePath    = "path"    // the decoded URL path
)

// defaultSources are searched when In is empty.
var defaultSources = []string{SourceQuery, SourceBody}

// MatchPII matches requests carrying personal information.
//
// It matches when the places named by In hold, between them, at least Min
// distinct categories of personal information among those named by
// Detect. The query string, headers and path are searched first; the body
// is read only when they do not already decide the match.
//
// A body larger than MaxBody (by its Content-Length, or once read), a body
// whose compression is broken or unknown, a multipart body that does not
// parse, a body labelled with several differing Content-Type values (the
// upstream may read it by another than the one inspected), and a body
// that fails to arrive are errors: the route does not
// run, and the error handlers (handle_errors) see status 413 for a body
// too large and 400 for the others. Bodies of a non-text type (images,
// archives, …) are not read and count as holding nothing; untyped and
// application/octet-stream bodies are read when they turn out to be text.
type MatchPII struct {
	// In names where to look: any of "query", "body", "headers" and
	// "path". Empty means query and body.
	In []string `json:"in,omitempty"`

	// Headers names the request headers searched ("Host" names the
	// request's host). Naming any adds "headers" to In; with "headers"
	// in In and Headers empty, every header and the host are searched.
	Headers []string `json:"headers,omitempty"`

	// Detect lists the categories that count; empty means all of them.
	Detect []detect.Category `json:"detect,omitempty"`

	// Min is how many distinct categories must be present for a match; 0
	// means 1. Set it to 3 or so to route dossiers (several kinds of
	// personal data about someone in one request) apart from requests that
	// carry one phone number.
	Min int `json:"min,omitempty"`

	// MaxBody is the largest body read, in bytes; 0 means 1 MiB. A larger
	// body is an error (413), so a route cannot be bypassed by padding.
	MaxBody int64 `json:"max_body,omitempty"`

	cfg    settings
	engine *detect.Engine
	logger *zap.Logger // where a contained panic is reported (logPanic)
}

// settings are the options with their defaults applied.
type settings struct {
	query, body, headers, path bool
	headerNames                []string // canonical; empty means all
	detect                     []detect.Category
	min                        int
	maxBody                    int64
}

// CaddyModule returns the Caddy module information.
func (MatchPII) CaddyModule() caddy.ModuleInfo {
	return caddy.ModuleInfo{
		ID:  "http.matchers.pii",
		New: func() caddy.Module { return new(MatchPII) },
	}
}

// Provision checks the options and compiles the detection engine, with
// the pii app's protected list and key: a request carrying a protected
// identifier matches whatever min and detect say, as pii_filter refuses
// it whatever its options say.
func (m *MatchPII) Provision(ctx caddy.Context) error {
	app, err := piiapp.Get(ctx)
	if err != nil {
		return fmt.Errorf("pii matcher: %w", err)
	}
	m.logger = ctx.Logger()
	return m.setup(detect.Policy{FingerprintKey: app.FleetKey(), Protected: app.Protected()})
}

// Validate reports the first invalid option, naming it.
func (m *MatchPII) Validate() error {
	_, err := m.resolve()
	return err
}

// setup resolves the options and compiles the engine on pol (its key and
// protected list) with the categories of the options.
func (m *MatchPII) setup(pol detect.Policy) error {
	cfg, err := m.resolve()
	if err != nil {
		return err
	}
	pol.Categories = cfg.detect
	eng, err := detect.Compile(pol)
	if err != nil {
		return fmt.Errorf("pii matcher: %w", err)
	}
	m.cfg, m.engine = cfg, eng
	return nil
}

// resolve checks every option and returns them with defaults applied. The
// errors name the option as the Caddyfile and the JSON spell it.
func (m *MatchPII) resolve() (settings, error) {
	var s settings
	in := m.In
	if len(in) == 0 {
		in = defaultSources
	}
	for _, src := range in {
		switch strings.ToLower(src) {
		case SourceQuery:
			s.query = true
		case SourceBody:
			s.body = true
		case SourceHeaders:
			s.headers = true
		case SourcePath:
			s.path = true
		default:
			return s, fmt.Errorf("pii matcher: in: unknown place %q (valid: query, body, headers, path)", src)
		}
	}
	for _, h := range m.Headers {
		if h == "" || strings.ContainsAny(h, " \t:") {
			return s, fmt.Errorf("pii matcher: headers: %q is not a header name", h)
		}
		name := http.CanonicalHeaderKey(h)
		if !slices.Contains(s.headerNames, name) {
			s.headerNames = append(s.headerNames, name)
		}
		s.headers = true
	}
	for _, c := range m.Detect {
		pc, err := detect.ParseCategory(string(c))
		if err != nil {
			return s, fmt.Errorf("pii matcher: detect: %w", err)
		}
		s.detect = append(s.detect, pc)
	}
	enabled := len(detect.AllCategories)
	if len(s.detect) > 0 {
		enabled = detect.NewCategorySet(s.detect...).Len()
	}
	switch {
	case m.Min < 0:
		return s, fmt.Errorf("pii matcher: min: %d is negative", m.Min)
	case m.Min == 0:
		s.min = DefaultMin
	case m.Min > enabled:
		return s, fmt.Errorf("pii matcher: min: %d is more than the %d categories detected, so nothing could match", m.Min, enabled)
	default:
		s.min = m.Min
	}
	switch {
	case m.MaxBody < 0:
		return s, fmt.Errorf("pii matcher: max_body: %d is negative", m.MaxBody)
	case m.MaxBody == 0:
		s.maxBody = DefaultMaxBody
	default:
		s.maxBody = m.MaxBody
	}
	return s, nil
}

// errNotProvisioned is returned by a matcher used without Provision.
var errNotProvisioned = errors.New("pii matcher: used before it was provisioned")

// Interface guards
var (
	_ caddy.Provisioner                 = (*MatchPII)(nil)
	_ caddy.Validator                   = (*MatchPII)(nil)
	_ caddyhttp.RequestMatcherWithError = (*MatchPII)(nil)
	_ caddyhttp.CELLibraryProducer      = (*MatchPII)(nil)
	_ caddyfile.Unmarshaler             = (*MatchPII)(nil)
)
