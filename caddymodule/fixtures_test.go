package caddymodule

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// Synthetic personal data, generated with valid check digits from a fixed
// seed: never copied from anywhere.
var (
	fixRand    = rand.New(rand.NewPCG(20240601, 7))
	testID     = synth.CNID18(fixRand)
	testMobile = synth.CNMobile(fixRand)
	testEmail  = synth.Email(fixRand)
)

// rawValues are the fixtures no log entry and no refusal may contain.
var rawValues = []string{testID, testMobile, testEmail}

// intp returns a pointer to n.
func intp(n int) *int { return &n }

// provision provisions h as Caddy would and swaps its logger for an
// observer, which it returns.
func provision(t testing.TB, h *Handler) *observer.ObservedLogs {
	t.Helper()
	ctx, cancel := caddy.NewContext(caddy.Context{Context: context.Background()})
	t.Cleanup(cancel)
	if err := h.Provision(ctx); err != nil {
		t.Fatalf("Provision: %v", err)
	}
	t.Cleanup(func() {
		if err := h.Cleanup(); err != nil {
			t.Errorf("Cleanup: %v", err)
		}
	})
	if err := h.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	core, logs := observer.New(zapcore.DebugLevel)
	h.logger = zap.New(core)
	return logs
}

// newHandler returns a provisioned handler with h's options.
func newHandler(t testing.TB, h Handler) (*Handler, *observer.ObservedLogs) {
	t.Helper()
	hp := &h
	logs := provision(t, hp)
	return hp, logs
}

// withVars gives r the context Caddy's server gives every request: the
// vars table (client IP included), a replacer with the HTTP placeholders,
// the extra log fields and the server.
func withVars(r *http.Request) *http.Request {
	return caddyhttp.PrepareRequest(r, caddy.NewReplacer(), httptest.NewRecorder(), &caddyhttp.Server{})
}

// serve runs h over r with next and returns the recorded response and the
// handler's error.
func serve(h *Handler, r *http.Request, next caddyhttp.HandlerFunc) (*httptest.ResponseRecorder, error) {
	w := httptest.NewRecorder()
	err := h.ServeHTTP(w, r, next)
	return w, err
}

// captured is what the next handler saw of a request.
type captured struct {
	called           bool
	body             []byte
	contentLength    int64
	header           http.Header
	transferEncoding []string
}

// capture returns a next handler that records the request and answers
// 204.
func capture(c *captured) caddyhttp.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		c.called = true
		c.contentLength = r.ContentLength
		c.header = r.Header.Clone()
		c.transferEncoding = r.TransferEncoding
		var err error
		c.body, err = io.ReadAll(r.Body)
		if err != nil {
			return err
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
}

// respondWith returns a next handler that sets the headers and writes
// status and body.
func respondWith(status int, hdr map[string]string, body []byte) caddyhttp.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		for k, v := range hdr {
			w.Header().Set(k, v)
		}
		w.WriteHeader(status)
		if len(body) == 0 {
			return nil
		}
		_, err := w.Write(body)
		return err
	}
}

// assertNoRaw fails if s contains any raw fixture value.
func assertNoRaw(t *testing.T, what, s string) {
	t.Helper()
	for _, v := range rawValues {
		if strings.Contains(s, v) {
			t.Errorf("%s contains a raw value: %s", what, s)
		}
	}
}

// assertLogsClean encodes every log entry as JSON and fails if one holds a
// raw value.
func assertLogsClean(t *testing.T, logs *observer.ObservedLogs) {
	t.Helper()
	enc := zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig())
	for _, e := range logs.All() {
		buf, err := enc.EncodeEntry(e.Entry, e.Context)
		if err != nil {
			t.Fatal(err)
		}
		assertNoRaw(t, "log entry", buf.String())
		buf.Free()
	}
}

// incidents returns the log entries that have an incident field.
func incidents(logs *observer.ObservedLogs) []observer.LoggedEntry {
	var out []observer.LoggedEntry
	for _, e := range logs.All() {
		if _, ok := e.ContextMap()["incident"]; ok {
			out = append(out, e)
		}
	}
	return out
}

// decodeProblem parses a problem+json body.
func decodeProblem(t *testing.T, body []byte) problem {
	t.Helper()
	var p problem
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		t.Fatalf("problem body %q: %v", body, err)
	}
	return p
}

// assertRefusal checks a refusal response: status, problem document,
// incident header, and no raw value.
func assertRefusal(t *testing.T, w *httptest.ResponseRecorder, status int) problem {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status = %d, want %d (body %q)", w.Code, status, w.Body.String())
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type = %q", ct)
	}
	p := decodeProblem(t, w.Body.Bytes())
	if p.Status != status || p.Incident == "" || p.Type == "" || p.Title == "" {
		t.Errorf("problem = %+v", p)
	}
	if got := w.Header().Get(incidentHeader); got != p.Incident {
		t.Errorf("%s = %q, problem incident %q", incidentHeader, got, p.Incident)
	}
	if got := w.Header().Get("Content-Length"); got != "" && got != strconv.Itoa(w.Body.Len()) {
		t.Errorf("Content-Length = %s, body is %d bytes", got, w.Body.Len())
	}
	assertNoRaw(t, "refusal", w.Body.String())
	return p
}
