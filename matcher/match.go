package matcher

import (
	"net/http"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
)

// Match reports whether r carries personal information as configured. It
// exists for callers that only know the older RequestMatcher interface: an
// error is recorded in the request's vars, where Caddy picks it up, as its
// own matchers do.
func (m *MatchPII) Match(r *http.Request) bool {
	ok, err := m.MatchWithError(r)
	if err != nil {
		caddyhttp.SetVar(r.Context(), caddyhttp.MatcherErrorVarKey, err)
	}
	return ok
}

// MatchWithError reports whether r carries at least min distinct
// categories of personal information in the places the matcher searches.
// The path, query string and headers are searched first and the body only
// when they have not already decided the match. A body that cannot be
// read or inspected gives a caddyhttp.HandlerError (413 or 400), never a
// silent false; so does a panic while inspecting any part of r (400,
// wrapping ErrUninspectable). On an error the request is left with no
// body (bodyformat.DropRequestBody): Caddy hands it to handle_errors,
// and a route there that proxies would otherwise send upstream, raw,
// the body the matcher could not judge.
func (m *MatchPII) MatchWithError(r *http.Request) (match bool, err error) {
	defer func() {
		if err != nil {
			m.logPanic(err)
			bodyformat.DropRequestBody(r)
		}
	}()
	if m.engine == nil {
		return false, errNotProvisioned
	}
	defer containPanic(&match, &err)
	var f found
	if m.cfg.path {
		if f.add(m.scanPath(r)); f.decides(m.cfg.min) {
			return true, nil
		}
	}
	if m.cfg.query {
		q, err := m.scanQuery(r)
		if err != nil {
			return false, err
		}
		if f.add(q); f.decides(m.cfg.min) {
			return true, nil
		}
	}
	if m.cfg.headers {
		h, err := m.scanHeaders(r)
		if err != nil {
			return false, err
		}
		if f.add(h); f.decides(m.cfg.min) {
			return true, nil
		}
	}
	if m.cfg.body {
		b, err := m.scanBody(r)
		if err != nil {
			return false, err
		}
		f.add(b)
	}
	return f.decides(m.cfg.min), nil
}
