package matcher

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/membudget"
)

// withBudget gives the matcher a budget of limit bytes, without wait,
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

func TestBodyOverTheBudgetIs503(t *testing.T) {
	withBudget(t, 1<<10)
	body := `{"note":"` + strings.Repeat("x", 8<<10) + `","idCard":"` + testID + `"}`
	r := newRequest("POST", "/api", "application/json", strings.NewReader(body))
	_, err := newMatcher(t, MatchPII{}).MatchWithError(r)
	if statusOf(err) != http.StatusServiceUnavailable || !errors.Is(err, ErrBusy) {
		t.Fatalf("err = %v (status %d), want 503 ErrBusy", err, statusOf(err))
	}
}

func TestBodyMemoryIsHeldUntilTheRequestEnds(t *testing.T) {
	b := withBudget(t, 1<<20)
	body := `{"note":"` + strings.Repeat("x", 8<<10) + `","idCard":"` + testID + `"}`
	ctx, end := context.WithCancel(t.Context())
	r := requestIn(ctx, body)
	if !mustMatch(t, newMatcher(t, MatchPII{}), r) {
		t.Fatal("no match")
	}
	if held := b.Used(); held < int64(len(body)) {
		t.Fatalf("%d bytes held for a %d-byte body the handlers still replay", held, len(body))
	}
	end() // the request's handling ends
	for b.Used() != 0 {
		runtime.Gosched() // the lease is closed by a goroutine of its own (context.AfterFunc)
	}
}

func TestBodyOfAnEndedRequestIs499(t *testing.T) {
	withBudget(t, 1<<20)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	body := `{"idCard":"` + testID + `"}`
	r := requestIn(ctx, body)
	_, err := newMatcher(t, MatchPII{In: []string{"body"}}).MatchWithError(r)
	if statusOf(err) != 499 || !errors.Is(err, ErrCanceled) {
		t.Fatalf("err = %v (status %d), want 499 ErrCanceled", err, statusOf(err))
	}
}

// requestIn is a JSON request whose context is ctx, prepared as Caddy's
// server prepares one.
func requestIn(ctx context.Context, body string) *http.Request {
	r := httptest.NewRequestWithContext(ctx, "POST", "/api", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	return withVars(r)
}
