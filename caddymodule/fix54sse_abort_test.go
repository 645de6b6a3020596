package caddymodule

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
)

// deadWriter is a finished response: any write or flush fails the test
// (net/http's would panic on a nil buffer).
type deadWriter struct {
	t   *testing.T
	hdr http.Header
}

func (d *deadWriter) Header() http.Header { return d.hdr }
func (d *deadWriter) WriteHeader(int)     { d.t.Error("WriteHeader on a finished response") }
func (d *deadWriter) Write([]byte) (int, error) {
	d.t.Error("Write on a finished response")
	return 0, nil
}
func (d *deadWriter) Flush() { d.t.Error("Flush on a finished response") }

// heldThenAbort returns a next handler that sends an event the stream
// holds (the start of a mobile at its end may run on into the next
// event), keeps the filter's writer in *rw and whether the hold timer is
// armed in *armed, and panics with http.ErrAbortHandler as
// reverse_proxy does when its copy fails.
func heldThenAbort(rw **responseWriter, armed *bool) caddyhttp.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) error {
		*rw = w.(*responseWriter)
		w.Header().Set("Content-Type", "text/event-stream")
		w.WriteHeader(200)
		_, _ = io.WriteString(w, "data: ok\n\ndata: tel "+testMobile[:6]+"\n\n")
		(*rw).stream.mu.Lock()
		*armed = (*rw).stream.timer != nil
		(*rw).stream.mu.Unlock()
		panic(http.ErrAbortHandler)
	}
}

// TestFix54SSEAbortStopsHoldTimer (attack54a F6): when the next handler
// panics with http.ErrAbortHandler while the stream holds an event (an
// upstream cut short, a client gone), the panic goes on to net/http, the
// hold timer is stopped and the stream closed; a release that fires anyway
// touches nothing. Before, finish never ran, and the timer flushed the
// finished response: a nil-pointer panic that killed Caddy.
func TestFix54SSEAbortStopsHoldTimer(t *testing.T) {
	h, logs := newHandler(t, Handler{})
	var rw *responseWriter
	var armed bool
	w := httptest.NewRecorder()
	func() {
		defer func() {
			if v := recover(); v != http.ErrAbortHandler {
				t.Errorf("panic %v, want http.ErrAbortHandler to reach net/http", v)
			}
		}()
		_ = h.ServeHTTP(w, get("/"), heldThenAbort(&rw, &armed))
	}()
	if rw == nil || rw.stream == nil || !armed {
		t.Fatalf("the response was not streamed with an event held (armed %v)", armed)
	}
	s := rw.stream
	s.mu.Lock()
	timer, closed := s.timer, s.closed
	s.w = &deadWriter{t: t, hdr: http.Header{}}
	s.mu.Unlock()
	if timer != nil || !closed {
		t.Errorf("after the abort: timer %v, closed %v", timer, closed)
	}
	s.releaseHeld() // what a timer already fired would do
	if got := w.Body.String(); got != "data: ok\n\n" {
		t.Errorf("client received %q", got)
	}
	assertNoRaw(t, "stream", w.Body.String())
	assertLogsClean(t, logs)
}

// stallingRedactor holds every event and panics when the timer releases
// them.
type stallingRedactor struct{ streamInspector }

func (stallingRedactor) Waiting() bool { return true }
func (stallingRedactor) ReleaseHeld() error {
	panicQuoting([]byte(testMobile))
	return nil
}

// TestFix54SSETimerPanicContained (attack54a F6): a panic on the hold
// timer's goroutine, where nothing above recovers it, cuts the stream,
// is logged as an incident without the panic's value and counted as an
// uninspected response of reason panic.
func TestFix54SSETimerPanicContained(t *testing.T) {
	real := newStream
	setSeam(t, &newStream, func(e *detect.Engine, w io.Writer, kind bodyformat.StreamKind, opt bodyformat.StreamOptions) streamInspector {
		return stallingRedactor{real(e, w, kind, opt)}
	})
	h, logs, reg := provisionLoad(t, Handler{})
	var rw *responseWriter
	moved := metricDelta(t, reg, func() {
		serveRecorded(t, h, get("/"), func(w http.ResponseWriter, _ *http.Request) error {
			rw = w.(*responseWriter)
			w.Header().Set("Content-Type", "text/event-stream")
			w.WriteHeader(200)
			_, _ = io.WriteString(w, "data: ok\n\n")
			rw.stream.releaseHeld() // as the timer would, while the stream runs
			if _, err := io.WriteString(w, "data: after\n\n"); err != errRefused {
				t.Errorf("write after the contained panic: %v, want errRefused", err)
			}
			return nil
		})
	}, series{uninspectedSeries, "direction=response,reason=panic"})
	if !slices.Equal(moved, []float64{1}) {
		t.Errorf("uninspected{panic} moved by %v, want 1", moved)
	}
	if !rw.stream.cut {
		t.Error("the stream was not cut")
	}
	assertPanicIncident(t, logs, dirResponse, outRefused)
}
