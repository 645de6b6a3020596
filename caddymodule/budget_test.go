package caddymodule

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/piifilter/caddy-pii-filter/internal/membudget"
)

// withBudget gives the handler a budget of limit bytes, without wait,
// for the test.
func withBudget(t *testing.T, limit int64) *membudget.Budget {
	t.Helper()
	b := membudget.New(limit)
	b.SetLimit(nil, limit, 0) // refusals at once: the tests need no wait
	old := budget
	budget = b
	t.Cleanup(func() { budget = old })
	return b
}

func uninspectedCount(dir direction, why string) float64 {
	return testutil.ToFloat64(metrics().uninspected.WithLabelValues(string(dir), why))
}

func refusalCount(dir direction, why string) float64 {
	return testutil.ToFloat64(metrics().refusals.WithLabelValues(string(dir), why))
}

// jsonWith returns a JSON body of about n bytes holding a mobile number.
func jsonWith(n int) []byte {
	pad := strings.Repeat("x", max(0, n-60))
	return []byte(`{"mobile":"` + testMobile + `","note":"` + pad + `"}`)
}

// assertBusy checks a refusal for want of memory.
func assertBusy(t *testing.T, w *httptest.ResponseRecorder) {
	t.Helper()
	p := assertRefusal(t, w, http.StatusServiceUnavailable)
	if !strings.HasSuffix(p.Type, "#refused-busy") {
		t.Errorf("problem type %q", p.Type)
	}
	if got := w.Header().Get("Retry-After"); got != retryAfterSeconds {
		t.Errorf("Retry-After = %q", got)
	}
}

func TestRequestOverTheBudgetIsRefusedWith503(t *testing.T) {
	b := withBudget(t, 4<<10)
	h, logs := newHandler(t, Handler{Cache: &CacheConfig{Off: true}})
	before := []float64{uninspectedCount(dirRequest, skipMemory), refusalCount(dirRequest, "memory_budget")}
	var c captured
	r := withVars(httptest.NewRequest("POST", "/", bytes.NewReader(jsonWith(16<<10))))
	r.Header.Set("Content-Type", "application/json")
	w, err := serve(h, r, capture(&c))
	if err != nil {
		t.Fatal(err)
	}
	assertBusy(t, w)
	if c.called {
		t.Error("the request reached the next handler")
	}
	if got := uninspectedCount(dirRequest, skipMemory) - before[0]; got != 1 {
		t.Errorf("uninspected memory_budget +%v", got)
	}
	if got := refusalCount(dirRequest, "memory_budget") - before[1]; got != 1 {
		t.Errorf("refusals memory_budget +%v", got)
	}
	if inc := incidents(logs); len(inc) != 1 || inc[0].ContextMap()["reason"] != string(reasonBusy) {
		t.Errorf("incidents %v", inc)
	}
	if b.Used() != 0 {
		t.Errorf("the request left %d bytes reserved", b.Used())
	}
	assertLogsClean(t, logs)
}

func TestRequestWithinTheBudgetIsChargedAndGivesItBack(t *testing.T) {
	b := withBudget(t, 1<<20)
	h, _ := newHandler(t, Handler{Cache: &CacheConfig{Off: true}})
	body := jsonWith(16 << 10)
	var held int64
	next := func(w http.ResponseWriter, r *http.Request) error {
		held = b.Used() // the body, its redacted copy, its findings
		return capture(new(captured))(w, r)
	}
	r := withVars(httptest.NewRequest("POST", "/", bytes.NewReader(body)))
	r.Header.Set("Content-Type", "application/json")
	w, err := serve(h, r, next)
	if err != nil || w.Code != http.StatusNoContent {
		t.Fatalf("status %d, err %v", w.Code, err)
	}
	if held < 2*int64(len(body)) {
		t.Errorf("%d bytes reserved while the next handler ran, for a %d-byte body read and redacted", held, len(body))
	}
	if b.Used() != 0 {
		t.Errorf("%d bytes still reserved after the request", b.Used())
	}
}

func TestResponseOverTheBudgetIsRefusedWith503(t *testing.T) {
	b := withBudget(t, 8<<10)
	h, logs := newHandler(t, Handler{Cache: &CacheConfig{Off: true}})
	before := uninspectedCount(dirResponse, skipMemory)
	r := withVars(httptest.NewRequest("GET", "/", nil))
	w, err := serve(h, r, respondWith(200, map[string]string{"Content-Type": "application/json"}, jsonWith(64<<10)))
	if err != nil {
		t.Fatal(err)
	}
	assertBusy(t, w)
	if got := uninspectedCount(dirResponse, skipMemory) - before; got != 1 {
		t.Errorf("uninspected memory_budget +%v", got)
	}
	if b.Used() != 0 {
		t.Errorf("%d bytes still reserved", b.Used())
	}
	assertLogsClean(t, logs)
}

func TestStreamThatTheBudgetCannotHoldIsRefused(t *testing.T) {
	withBudget(t, streamStart-1)
	h, _ := newHandler(t, Handler{})
	r := withVars(httptest.NewRequest("GET", "/", nil))
	w, err := serve(h, r, respondWith(200, map[string]string{"Content-Type": "text/event-stream"}, []byte("data: hello\n\n")))
	if err != nil {
		t.Fatal(err)
	}
	assertBusy(t, w)
}

func TestWorkBudgetExceededIsUninspectable(t *testing.T) {
	withBudget(t, 1<<20)
	body := jsonWith(4 << 10)
	for _, onError := range []string{"reject", "pass"} {
		h, _ := newHandler(t, Handler{WorkBudget: 1 << 10, OnError: onError, Cache: &CacheConfig{Off: true}})
		before := uninspectedCount(dirRequest, skipWork)
		var c captured
		r := withVars(httptest.NewRequest("POST", "/", bytes.NewReader(body)))
		r.Header.Set("Content-Type", "application/json")
		w, err := serve(h, r, capture(&c))
		if err != nil {
			t.Fatal(err)
		}
		if got := uninspectedCount(dirRequest, skipWork) - before; got != 1 {
			t.Errorf("%s: uninspected work_budget +%v", onError, got)
		}
		if onError == "reject" {
			assertRefusal(t, w, http.StatusBadRequest)
			continue
		}
		if !c.called || !bytes.Equal(c.body, body) {
			t.Errorf("on_error pass: next called %v with %d bytes", c.called, len(c.body))
		}
	}
}

func TestInspectionStopsWhenTheRequestIsCanceled(t *testing.T) {
	withBudget(t, 1<<20)
	h, logs := newHandler(t, Handler{Cache: &CacheConfig{Off: true}})
	before := uninspectedCount(dirRequest, skipCanceled)
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the client is gone before its body is inspected
	var c captured
	r := withVars(httptest.NewRequestWithContext(ctx, "POST", "/", bytes.NewReader(jsonWith(4<<10))))
	r.Header.Set("Content-Type", "application/json")
	w, err := serve(h, r, capture(&c))
	var he caddyhttp.HandlerError
	if !errors.As(err, &he) || he.StatusCode != statusClientClosed {
		t.Fatalf("err = %v, want a %d handler error", err, statusClientClosed)
	}
	if c.called || w.Body.Len() != 0 {
		t.Errorf("next called %v, %d bytes written", c.called, w.Body.Len())
	}
	if got := uninspectedCount(dirRequest, skipCanceled) - before; got != 1 {
		t.Errorf("uninspected canceled +%v", got)
	}
	if len(incidents(logs)) != 0 {
		t.Error("a canceled inspection is not an incident")
	}
}

// trickle yields a few bytes, then reports what the budget holds at its
// next read and fails, as a client that went quiet.
type trickle struct {
	sent  bool
	seen  func()
	chunk []byte
}

func (t *trickle) Read(p []byte) (int, error) {
	if !t.sent {
		t.sent = true
		return copy(p, t.chunk), nil
	}
	t.seen()
	return 0, io.ErrUnexpectedEOF
}

func (t *trickle) Close() error { return nil }

// TestSlowBodyHoldsWhatItSent: a client that declares 8 MiB and sends
// 1 KiB holds the first buffer of the budget, not the 8 MiB it announced,
// so slow clients cannot take the budget from the others.
func TestSlowBodyHoldsWhatItSent(t *testing.T) {
	b := withBudget(t, 64<<20)
	h, _ := newHandler(t, Handler{})
	var held int64
	r := withVars(httptest.NewRequest("POST", "/", nil))
	r.Body = &trickle{chunk: bytes.Repeat([]byte("a"), 1<<10), seen: func() { held = b.Used() }}
	r.ContentLength = 8 << 20
	r.Header.Set("Content-Type", "application/json")
	_, err := serve(h, r, capture(new(captured)))
	if statusOf(err) != http.StatusBadRequest {
		t.Fatalf("err = %v, want the 400 of a body that stopped arriving", err)
	}
	if held == 0 || held > readStart {
		t.Fatalf("%d bytes held after 1 KiB of a declared 8 MiB arrived", held)
	}
	if b.Used() != 0 {
		t.Fatalf("%d bytes still held", b.Used())
	}
}

// statusOf returns the HTTP status of a handler error, or 0.
func statusOf(err error) int {
	var he caddyhttp.HandlerError
	if errors.As(err, &he) {
		return he.StatusCode
	}
	return 0
}

// TestStreamThatOutgrowsTheBudgetIsCut: a stream starts within the budget
// and is cut, with an incident and a count, when what it holds outgrows
// it; its header went out, so the client sees it end.
func TestStreamThatOutgrowsTheBudgetIsCut(t *testing.T) {
	b := withBudget(t, 2*streamStart)
	h, logs := newHandler(t, Handler{})
	before := uninspectedCount(dirResponse, skipMemory)
	event := "data: " + strings.Repeat("x", 4*streamStart) + " " + testMobile // no end: held whole
	r := withVars(httptest.NewRequest("GET", "/", nil))
	w, err := serve(h, r, respondWith(200, map[string]string{"Content-Type": "text/event-stream"}, []byte(event)))
	if err != nil && !errors.Is(err, errRefused) {
		t.Fatal(err)
	}
	if w.Code != http.StatusOK || strings.Contains(w.Body.String(), "xxxx") {
		t.Fatalf("status %d, %d bytes out", w.Code, w.Body.Len())
	}
	if got := uninspectedCount(dirResponse, skipMemory) - before; got != 1 {
		t.Errorf("uninspected memory_budget +%v", got)
	}
	if inc := incidents(logs); len(inc) != 1 || inc[0].ContextMap()["reason"] != string(reasonBusy) {
		t.Errorf("incidents %v", inc)
	}
	if b.Used() != 0 {
		t.Errorf("%d bytes still reserved", b.Used())
	}
	assertLogsClean(t, logs)
}

// TestSmallStreamsChargeTheirStart: a stream of short events holds little
// and is charged only its start, so many fit in a budget.
func TestSmallStreamsChargeTheirStart(t *testing.T) {
	b := withBudget(t, 1<<20)
	h, _ := newHandler(t, Handler{})
	var held int64
	next := func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "text/event-stream")
		w.WriteHeader(200)
		for i := range 100 {
			if _, err := fmt.Fprintf(w, "data: {\"delta\":\"word %d\"}\n\n", i); err != nil {
				return err
			}
		}
		held = b.Used()
		return nil
	}
	w, err := serve(h, withVars(httptest.NewRequest("GET", "/", nil)), next)
	if err != nil || w.Code != http.StatusOK {
		t.Fatalf("status %d, err %v", w.Code, err)
	}
	if held != streamStart {
		t.Fatalf("a stream of short events holds %d bytes of the budget, want its start %d", held, streamStart)
	}
}
