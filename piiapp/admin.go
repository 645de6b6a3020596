package piiapp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/caddyserver/caddy/v2"

	"github.com/piifilter/caddy-pii-filter/detect"
)

func init() {
	caddy.RegisterModule(adminAPI{})
}

// adminAPI is the admin.api.pii module: the endpoints through which a
// report intake protects identifiers.
//
//	POST   /pii/protected        {"values": ["…", …], "category": "…"}  → {"added": n}
//	DELETE /pii/protected        the same body                          → {"removed": n}
//	GET    /pii/protected                                               → {"count": n}
//	POST   /pii/protected/check  the same body                          → {"protected": [true, false, …]}
//
// The category is optional: each value's is detected when it is omitted.
// Values are fingerprinted under the app's key as soon as they arrive and
// are never logged, stored or echoed back; an error names a value by its
// position in the list.
type adminAPI struct{}

// CaddyModule returns the Caddy module information.
func (adminAPI) CaddyModule() caddy.ModuleInfo {
	return caddy.ModuleInfo{
		ID:  "admin.api.pii",
		New: func() caddy.Module { return new(adminAPI) },
	}
}

// The admin API's limits: the body of one call, the values in it, its
// wait on the store, and the calls with a body served at once (each
// holds up to its body and fingerprints every value in it; more are
// answered 429 at once, so a flood of calls costs neither memory nor CPU
// beyond these).
const (
	maxAdminBody   = 1 << 20
	maxAdminValues = 10_000
	protectTimeout = 5 * time.Second
	maxAdminCalls  = 4
)

// adminCalls holds a token for each call with a body being served.
var adminCalls = make(chan struct{}, maxAdminCalls)

// admitCall takes a token for a call with a body, or answers 429; the
// caller releases the token with the returned function.
func admitCall(w http.ResponseWriter) (func(), error) {
	select {
	case adminCalls <- struct{}{}:
		return func() { <-adminCalls }, nil
	default:
		metrics().adminBusy.Inc()
		w.Header().Set("Retry-After", "1")
		return nil, caddy.APIError{HTTPStatus: http.StatusTooManyRequests, Err: fmt.Errorf("busy: at most %d calls with a body at once; retry", maxAdminCalls)}
	}
}

// Routes returns the routes of the module.
func (adminAPI) Routes() []caddy.AdminRoute {
	return []caddy.AdminRoute{
		{Pattern: "/pii/protected", Handler: caddy.AdminHandlerFunc(handleProtected)},
		{Pattern: "/pii/protected/check", Handler: caddy.AdminHandlerFunc(handleCheck)},
	}
}

// protectRequest is the body of POST, DELETE and check.
type protectRequest struct {
	Values   []string        `json:"values"`
	Category detect.Category `json:"category,omitempty"`
}

// handleProtected serves /pii/protected.
func handleProtected(w http.ResponseWriter, r *http.Request) error {
	app := Current()
	switch r.Method {
	case http.MethodGet:
		return writeJSON(w, map[string]int{"count": app.ProtectedCount()})
	case http.MethodPost, http.MethodDelete:
		release, err := admitCall(w)
		if err != nil {
			return err
		}
		defer release()
		values, err := readValues(r)
		if err != nil {
			return err
		}
		ctx, cancel := context.WithTimeout(r.Context(), protectTimeout)
		defer cancel()
		if r.Method == http.MethodPost {
			n, err := app.Protect(ctx, values)
			if err != nil {
				return storeError(err)
			}
			return writeJSON(w, map[string]int{"added": n})
		}
		n, err := app.Unprotect(ctx, values)
		if err != nil {
			return storeError(err)
		}
		return writeJSON(w, map[string]int{"removed": n})
	}
	return caddy.APIError{HTTPStatus: http.StatusMethodNotAllowed, Err: fmt.Errorf("method %s not allowed: GET, POST or DELETE", r.Method)}
}

// handleCheck serves /pii/protected/check.
func handleCheck(w http.ResponseWriter, r *http.Request) error {
	if r.Method != http.MethodPost {
		return caddy.APIError{HTTPStatus: http.StatusMethodNotAllowed, Err: fmt.Errorf("method %s not allowed: POST", r.Method)}
	}
	release, err := admitCall(w)
	if err != nil {
		return err
	}
	defer release()
	values, err := readValues(r)
	if err != nil {
		return err
	}
	got, err := Current().IsProtected(values)
	if err != nil {
		return caddy.APIError{HTTPStatus: http.StatusBadRequest, Err: err}
	}
	return writeJSON(w, map[string][]bool{"protected": got})
}

// readValues reads and checks the body of a call.
func readValues(r *http.Request) ([]Value, error) {
	var req protectRequest
	dec := json.NewDecoder(io.LimitReader(r.Body, maxAdminBody+1))
	if err := dec.Decode(&req); err != nil {
		// the decoder's error may quote the body: only its kind is said
		return nil, caddy.APIError{HTTPStatus: http.StatusBadRequest, Err: errors.New(`body: want {"values": ["…"], "category": "…"} within 1 MiB`)}
	}
	switch {
	case len(req.Values) == 0:
		return nil, caddy.APIError{HTTPStatus: http.StatusBadRequest, Err: errors.New("values: none given")}
	case len(req.Values) > maxAdminValues:
		return nil, caddy.APIError{HTTPStatus: http.StatusBadRequest, Err: fmt.Errorf("values: %d, at most %d a call", len(req.Values), maxAdminValues)}
	}
	if req.Category != "" {
		c, err := detect.ParseCategory(string(req.Category))
		if err != nil {
			// the name is not quoted back: a value put in the wrong field
			// would reach Caddy's log with the answer
			return nil, caddy.APIError{HTTPStatus: http.StatusBadRequest, Err: fmt.Errorf("category: unknown (valid: %s)", detect.CategoryNames())}
		}
		req.Category = c
	}
	values := make([]Value, len(req.Values))
	for i, v := range req.Values {
		values[i] = Value{Value: v, Category: req.Category}
	}
	return values, nil
}

// storeError maps an error of Protect or Unprotect to the answer: a value
// not recognised is the caller's (400), anything else the store's (503).
func storeError(err error) error {
	if errors.Is(err, errValue) {
		return caddy.APIError{HTTPStatus: http.StatusBadRequest, Err: err}
	}
	return caddy.APIError{HTTPStatus: http.StatusServiceUnavailable, Err: fmt.Errorf("store: %w", err)}
}

func writeJSON(w http.ResponseWriter, v any) error {
	w.Header().Set("Content-Type", "application/json")
	return json.NewEncoder(w).Encode(v)
}

// Interface guard
var _ caddy.AdminRouter = adminAPI{}
