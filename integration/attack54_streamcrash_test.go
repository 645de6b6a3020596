package integration

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// Attack pass 54 (attack54a): an event stream that ends without its
// handler finishing. The stream filter holds its last event for up to
// 200 ms (streamHoldDelay) and arms a timer to release it; when the
// response ends in error (the upstream's body cut short of its
// Content-Length, or the client gone), the timer is left armed, fires
// after the response is finished and flushes a dead writer:
// caddymodule.(*streamFilter).releaseHeld -> ResponseController.Flush ->
// net/http.(*chunkWriter).Write on a nil bufio.Writer, a nil pointer
// panic on a timer goroutine that nothing recovers. The whole Caddy
// process exits. These tests are meant to FAIL on main: the test binary
// itself dies with that panic (run each alone with -run).

// sseSite streams responses of /sse/* through the filter.
const sseSite = `
	handle /sse/* {
		pii_filter {
			request off
		}
		reverse_proxy {$UP} {
			flush_interval -1
		}
	}
	handle /ok {
		respond "alive" 200
	}
`

// rawResponse answers with raw bytes on the hijacked connection, then
// waits and closes it.
func rawResponse(raw string, wait time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, bw, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer c.Close()
		_, _ = bw.WriteString(raw)
		_ = bw.Flush()
		time.Sleep(wait)
	}
}

// assertCaddyAlive waits past the hold delay and asks Caddy once more.
func assertCaddyAlive(t *testing.T, s *caddyServer) {
	t.Helper()
	time.Sleep(600 * time.Millisecond) // past streamHoldDelay
	resp, body := s.get(t, "/ok")
	if resp.StatusCode != http.StatusOK || string(body) != "alive" {
		t.Fatalf("Caddy after the cut stream: %d %q", resp.StatusCode, body)
	}
}

// TestAttack54SSECutByUpstreamCrashesCaddy: the upstream (adversary 2)
// announces a Content-Length longer than the event stream it sends and
// closes the connection.
func TestAttack54SSECutByUpstreamCrashesCaddy(t *testing.T) {
	r := rand.New(rand.NewPCG(54, 6))
	ev := "data: tel " + synth.CNMobile(r) + "\n\n"
	raw := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: %d\r\n\r\n%s", len(ev)+50, ev)
	mux := http.NewServeMux()
	mux.Handle("/sse/cut", rawResponse(raw, 20*time.Millisecond))
	t.Setenv("UP", upstream(t, mux))
	s := startCaddy(t, sseSite)
	resp, err := s.client.Get(base + "/sse/cut")
	if err == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	assertCaddyAlive(t, s)
}

// TestAttack54SSEClientHangupCrashesCaddy: a client (adversary 1 or 3)
// opens an event stream whose upstream sends one event and then waits,
// and hangs up as soon as the event is there.
func TestAttack54SSEClientHangupCrashesCaddy(t *testing.T) {
	r := rand.New(rand.NewPCG(54, 7))
	ev := "data: tel " + synth.CNMobile(r) + "\n\n"
	mux := http.NewServeMux()
	mux.HandleFunc("/sse/slow", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = io.WriteString(w, ev)
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(3 * time.Second):
		}
	})
	t.Setenv("UP", upstream(t, mux))
	s := startCaddy(t, sseSite)
	c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", httpPort))
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(c, "GET /sse/slow HTTP/1.1\r\nHost: localhost:%d\r\n\r\n", httpPort)
	br := bufio.NewReader(c)
	_ = c.SetReadDeadline(time.Now().Add(2 * time.Second))
	line, _ := br.ReadString('\n')
	if !strings.Contains(line, "200") {
		t.Logf("status line %q", line)
	}
	c.Close() // gone while the event is held
	assertCaddyAlive(t, s)
}
