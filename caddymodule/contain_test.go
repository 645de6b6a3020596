package caddymodule

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
)

// These tests make the engine panic through the package's seams
// (contain.go) and check that the panic is contained at the handler's
// boundary: the on_error outcome, an incident, the metrics, and neither
// the panic's value nor a raw value anywhere.

// setSeam sets *p to v for the rest of the test.
func setSeam[T any](t *testing.T, p *T, v T) {
	t.Helper()
	old := *p
	*p = v
	t.Cleanup(func() { *p = old })
}

// panicQuoting panics with a value quoting the text it was given, as an
// engine bug indexing into the input might.
func panicQuoting(text []byte) {
	panic("index out of range in " + string(text))
}

// panickingInspect makes every buffered inspection panic.
func panickingInspect(t *testing.T) {
	setSeam(t, &inspectBody, func(_ *detect.Engine, body []byte, _, _ string, _ bodyformat.Mode, _ bodyformat.Limits) (bodyformat.Result, error) {
		panicQuoting(body)
		return bodyformat.Result{}, nil
	})
}

// metricDelta reads series before and after f.
func metricDelta(t *testing.T, reg prometheus.Gatherer, f func(), ss ...series) []float64 {
	t.Helper()
	before := make([]float64, len(ss))
	for i, s := range ss {
		before[i] = metricValue(t, reg, s)
	}
	f()
	out := make([]float64, len(ss))
	for i, s := range ss {
		out[i] = metricValue(t, reg, s) - before[i]
	}
	return out
}

// assertPanicIncident checks the one incident entry of a contained panic.
func assertPanicIncident(t *testing.T, logs *observer.ObservedLogs, dir direction, out outcome) map[string]any {
	t.Helper()
	inc := incidents(logs)
	if len(inc) != 1 {
		t.Fatalf("incidents %v, want one", inc)
	}
	e := inc[0]
	m := e.ContextMap()
	if e.Level != zapcore.ErrorLevel || m["direction"] != string(dir) || m["outcome"] != string(out) ||
		m["reason"] != "uninspectable" || m["error"] != "panic" {
		t.Errorf("incident %s %q %v", e.Level, e.Message, m)
	}
	stack, _ := m["stack"].([]any)
	if len(stack) == 0 || !strings.Contains(stack[0].(string), "caddymodule.panicQuoting") {
		t.Errorf("stack %v does not start at the panic", m["stack"])
	}
	assertLogsClean(t, logs)
	return m
}

const (
	uninspectedSeries = "caddy_pii_filter_uninspected_bodies_total"
	refusalsSeries    = "caddy_pii_filter_refusals_total"
	actionsSeries     = "caddy_pii_filter_actions_total"
)

func TestPanicRequestRefused(t *testing.T) {
	panickingInspect(t)
	h, logs, reg := provisionLoad(t, Handler{})
	var c captured
	var w *httptest.ResponseRecorder
	moved := metricDelta(t, reg, func() {
		w = serveRecorded(t, h, post(`{"idCard":"`+testID+`"}`, "application/json"), capture(&c))
	},
		series{uninspectedSeries, "direction=request,reason=panic"},
		series{refusalsSeries, "direction=request,reason=error"})
	if c.called {
		t.Error("the request reached the next handler")
	}
	p := assertRefusal(t, w, http.StatusBadRequest)
	if !strings.HasSuffix(p.Type, "#refused-uninspectable") {
		t.Errorf("problem type %q", p.Type)
	}
	m := assertPanicIncident(t, logs, dirRequest, outRefused)
	if m["incident"] != p.Incident {
		t.Errorf("incident %v, problem %s", m["incident"], p.Incident)
	}
	if !slices.Equal(moved, []float64{1, 1}) {
		t.Errorf("uninspected{panic}, refusals{error} moved by %v, want 1, 1", moved)
	}
}

func TestPanicRequestPassed(t *testing.T) {
	panickingInspect(t)
	h, logs, reg := provisionLoad(t, Handler{OnError: "pass"})
	body := `{"idCard":"` + testID + `"}`
	var c captured
	var w *httptest.ResponseRecorder
	moved := metricDelta(t, reg, func() {
		w = serveRecorded(t, h, post(body, "application/json"), capture(&c))
	},
		series{uninspectedSeries, "direction=request,reason=panic"},
		series{actionsSeries, "action=logged,direction=request"})
	if w.Code != http.StatusNoContent || string(c.body) != body {
		t.Errorf("on_error pass: status %d, forwarded %q", w.Code, c.body)
	}
	assertPanicIncident(t, logs, dirRequest, outLogged)
	if !slices.Equal(moved, []float64{1, 1}) {
		t.Errorf("uninspected{panic}, actions{logged} moved by %v, want 1, 1", moved)
	}
}

func TestPanicResponseRefused(t *testing.T) {
	panickingInspect(t)
	h, logs, reg := provisionLoad(t, Handler{})
	hdr := map[string]string{"Content-Type": "text/plain", "ETag": `"v1"`}
	var w *httptest.ResponseRecorder
	moved := metricDelta(t, reg, func() {
		w = serveRecorded(t, h, get("/"), respondWith(200, hdr, []byte("手机 "+testMobile)))
	},
		series{uninspectedSeries, "direction=response,reason=panic"},
		series{refusalsSeries, "direction=response,reason=error"})
	p := assertRefusal(t, w, DefaultStatus)
	if !strings.HasSuffix(p.Type, "#refused-uninspectable") || w.Header().Get("ETag") != "" {
		t.Errorf("problem type %q, ETag %q", p.Type, w.Header().Get("ETag"))
	}
	assertPanicIncident(t, logs, dirResponse, outRefused)
	if !slices.Equal(moved, []float64{1, 1}) {
		t.Errorf("uninspected{panic}, refusals{error} moved by %v, want 1, 1", moved)
	}
}

func TestPanicResponsePassed(t *testing.T) {
	panickingInspect(t)
	h, logs, _ := provisionLoad(t, Handler{OnError: "pass"})
	body := []byte("手机 " + testMobile)
	w := serveRecorded(t, h, get("/"), respondWith(200, map[string]string{"Content-Type": "text/plain"}, body))
	if w.Code != 200 || !bytes.Equal(w.Body.Bytes(), body) {
		t.Errorf("on_error pass: status %d, body %q", w.Code, w.Body.Bytes())
	}
	assertPanicIncident(t, logs, dirResponse, outLogged)
}

// explodingRedactor is a stream redactor that panics when it is given
// trigger, or when it is closed if onClose is set.
type explodingRedactor struct {
	streamInspector
	trigger string
	onClose bool
}

func (r *explodingRedactor) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte(r.trigger)) {
		panicQuoting(p)
	}
	return r.streamInspector.Write(p)
}

func (r *explodingRedactor) Close() error {
	if r.onClose {
		panicQuoting([]byte(testMobile))
	}
	return r.streamInspector.Close()
}

// explodingStreams makes the stream redactors explode.
func explodingStreams(t *testing.T, trigger string, onClose bool) {
	real := newStream
	setSeam(t, &newStream, func(e *detect.Engine, w io.Writer, kind bodyformat.StreamKind, opt bodyformat.StreamOptions) streamInspector {
		return &explodingRedactor{streamInspector: real(e, w, kind, opt), trigger: trigger, onClose: onClose}
	})
}

func TestPanicStreamCut(t *testing.T) {
	for _, tc := range []struct {
		name    string
		onClose bool
		events  []string
		want    string // what the client receives
	}{
		{"write", false, []string{"data: ok\n\n", "data: BOOM 手机 " + testMobile + "\n\n", "data: after\n\n"}, "data: ok\n\n"},
		{"close", true, []string{"data: ok\n\n", "data: 手机 " + testMobile}, "data: ok\n\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			explodingStreams(t, "BOOM", tc.onClose)
			h, logs, reg := provisionLoad(t, Handler{OnError: "pass"}) // a stream is cut whatever on_error says
			var writeErr error
			var w *httptest.ResponseRecorder
			moved := metricDelta(t, reg, func() {
				w = serveRecorded(t, h, get("/"), streamNext("text/event-stream", tc.events, &writeErr))
			},
				series{uninspectedSeries, "direction=response,reason=panic"},
				series{refusalsSeries, "direction=response,reason=error"})
			if !tc.onClose && !errors.Is(writeErr, errRefused) {
				t.Errorf("write error %v, want errRefused", writeErr)
			}
			if w.Body.String() != tc.want {
				t.Errorf("client received %q, want %q", w.Body.String(), tc.want)
			}
			assertNoRaw(t, "stream", w.Body.String())
			assertPanicIncident(t, logs, dirResponse, outRefused)
			if !slices.Equal(moved, []float64{1, 1}) {
				t.Errorf("uninspected{panic}, refusals{error} moved by %v, want 1, 1", moved)
			}
		})
	}
}

func TestPanicScrubbingRequestStrings(t *testing.T) {
	// The incident's path cannot be redacted: it is logged replaced whole,
	// and the request is still refused for what its body holds.
	setSeam(t, &redactText, func(_ *detect.Engine, text []byte) ([]byte, []detect.Finding) {
		panicQuoting(text)
		return nil, nil
	})
	h, logs := newHandler(t, Handler{Request: "reject"})
	r := post("手机 "+testMobile, "text/plain")
	r.URL.Path = "/users/" + testID
	w := serveRecorded(t, h, r, capture(new(captured)))
	assertRefusal(t, w, DefaultStatus)
	inc := incidents(logs)
	if len(inc) != 1 || inc[0].ContextMap()["path"] != redactedMarker || inc[0].ContextMap()["reason"] != "personal_information" {
		t.Fatalf("incidents %v", inc)
	}
	if n := logs.FilterMessageSnippet("redacting it panicked").FilterField(zap.String("error", "panic")).Len(); n == 0 {
		t.Error("the panic while scrubbing was not logged")
	}
	assertLogsClean(t, logs)
}

// panicOnceCore is a log core whose first Write panics (with a raw
// value); later writes go to the observer behind it.
type panicOnceCore struct {
	zapcore.Core
	panicked bool
}

func (c *panicOnceCore) Check(e zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	if c.Enabled(e.Level) {
		return ce.AddCore(e, c)
	}
	return ce
}

func (c *panicOnceCore) Write(e zapcore.Entry, fs []zapcore.Field) error {
	if !c.panicked {
		c.panicked = true
		panicQuoting([]byte(testID))
	}
	return c.Core.Write(e, fs)
}

func TestPanicReportingIncident(t *testing.T) {
	h, _, reg := provisionLoad(t, Handler{Request: "reject"})
	core, logs := observer.New(zapcore.DebugLevel)
	h.logger = zap.New(&panicOnceCore{Core: core})
	var w *httptest.ResponseRecorder
	moved := metricDelta(t, reg, func() {
		w = serveRecorded(t, h, post("手机 "+testMobile, "text/plain"), capture(new(captured)))
	},
		series{actionsSeries, "action=refused,direction=request"},
		series{refusalsSeries, "direction=request,reason=pii"})
	p := assertRefusal(t, w, DefaultStatus)
	all := logs.All()
	if len(all) != 1 || all[0].Level != zapcore.ErrorLevel || !strings.Contains(all[0].Message, "logging it panicked") {
		t.Fatalf("entries %v", all)
	}
	m := all[0].ContextMap()
	if m["incident"] != p.Incident || m["outcome"] != "refused" || m["error"] != "panic" || m["stack"] == nil {
		t.Errorf("cut entry %v (problem incident %s)", m, p.Incident)
	}
	if !slices.Equal(moved, []float64{1, 1}) {
		t.Errorf("actions{refused}, refusals{pii} moved by %v, want 1, 1", moved)
	}
	assertLogsClean(t, logs)
}

// serveRecorded serves r and fails the test if the handler returns an
// error (a panic escaping it fails the test by itself).
func serveRecorded(t *testing.T, h *Handler, r *http.Request, next caddyhttp.HandlerFunc) *httptest.ResponseRecorder {
	t.Helper()
	w, err := serve(h, r, next)
	if err != nil {
		t.Fatalf("ServeHTTP: %v", err)
	}
	return w
}
