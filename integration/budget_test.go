package integration

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestMemoryBudgetExhausted runs Caddy with a memory budget of 4 KiB:
// a body the budget cannot hold is refused with 503 and Retry-After, in
// either direction, with an incident; a body that fits goes through; the
// budget's size and use are on /metrics. The budget is process-wide, so
// the tests after this one (new configurations without a pii app) get
// the default back when this configuration stops.
func TestMemoryBudgetExhausted(t *testing.T) {
	big := fmt.Sprintf(`{"note":%q}`, strings.Repeat("budget ", 2<<10))
	s := startCaddyWith(t, "\tpii {\n\t\tmemory_budget 4KiB\n\t\tmemory_wait 1ms\n\t}", `
	pii_filter {
		cache off
	}
	handle /big {
		header Content-Type application/json
		respond `+"`"+big+"`"+` 200
	}
	respond "ok" 200`)

	t.Run("request", func(t *testing.T) {
		resp, body := s.post(t, "/in", "application/json", []byte(big))
		p := assertProblem(t, resp, body, http.StatusServiceUnavailable, "refused-busy")
		if ra := resp.Header.Get("Retry-After"); ra == "" {
			t.Error("no Retry-After")
		}
		if e := s.incident(t, p.Incident); e.Reason != "memory_budget" || e.Direction != "request" || e.Outcome != "refused" {
			t.Errorf("incident %+v", e)
		}
	})

	t.Run("small request within the budget", func(t *testing.T) {
		resp, body := s.post(t, "/in", "application/json", []byte(`{"note":"small"}`))
		if resp.StatusCode != http.StatusOK || string(body) != "ok" {
			t.Fatalf("status %d, body %q", resp.StatusCode, body)
		}
	})

	t.Run("response", func(t *testing.T) {
		resp, body := s.get(t, "/big")
		p := assertProblem(t, resp, body, http.StatusServiceUnavailable, "refused-busy")
		if ra := resp.Header.Get("Retry-After"); ra == "" {
			t.Error("no Retry-After")
		}
		if e := s.incident(t, p.Incident); e.Reason != "memory_budget" || e.Direction != "response" {
			t.Errorf("incident %+v", e)
		}
	})

	t.Run("metrics", func(t *testing.T) {
		resp, err := s.client.Get("http://localhost:2999/metrics")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		text, _ := io.ReadAll(resp.Body)
		assertContains(t, "metrics", text,
			"caddy_pii_filter_memory_budget_bytes 4096",
			"caddy_pii_filter_memory_budget_used_bytes 0",
			`caddy_pii_filter_refusals_total{direction="request",reason="memory_budget"}`,
			`caddy_pii_filter_uninspected_bodies_total{direction="response",reason="memory_budget"}`)
	})
}
