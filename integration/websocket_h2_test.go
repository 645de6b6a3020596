package integration

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/caddytest"
	"golang.org/x/net/http2"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
)

// TestWebsocketExtendedConnect: a WebSocket over HTTP/2's extended
// CONNECT (RFC 8441), which Caddy's reverse_proxy carries in the request
// body and the response rather than by hijacking, is inspected in both
// directions too. Go's HTTP/2 server offers extended CONNECT only with
// GODEBUG=http2xconnect=1, read when the process starts, so the test runs
// itself again in a process that has it.
func TestWebsocketExtendedConnect(t *testing.T) {
	if !strings.Contains(os.Getenv("GODEBUG"), "http2xconnect=1") {
		self, err := os.Executable()
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(self, "-test.run=^TestWebsocketExtendedConnect$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), "GODEBUG=http2xconnect=1")
		out, err := cmd.CombinedOutput()
		if err != nil || !bytes.Contains(out, []byte("--- PASS: TestWebsocketExtendedConnect")) {
			t.Fatalf("with GODEBUG=http2xconnect=1: %v\n%s", err, clipTail(out))
		}
		return
	}
	// the Caddy of this process, on ports of its own: the parent's may
	// still be running
	u := &wsUpstream{got: make(chan wsMessage, 64), extensions: make(chan string, 8)}
	t.Setenv("UP", upstream(t, u))
	logFile := filepath.Join(t.TempDir(), "pii.log")
	t.Setenv("PII_LOG", logFile)
	cfg := strings.NewReplacer("localhost:2999", fmt.Sprintf("localhost:%d", h2AdminPort),
		"http_port 9080", fmt.Sprintf("http_port %d", h2Port), "https_port 9443", fmt.Sprintf("https_port %d", h2Port+1)).Replace(globalOptions)
	if !strings.Contains(cfg, fmt.Sprintf("http_port %d", h2Port)) {
		t.Fatal("the global options changed: update the ports replaced here")
	}
	caddytest.NewTester(t).WithDefaultOverrides(caddytest.Config{AdminPort: h2AdminPort}).
		InitServer(cfg+fmt.Sprintf("\nhttp://localhost:%d {\n%s\n}\n", h2Port, websocketSite), "caddyfile")
	if t.Failed() {
		t.FailNow()
	}
	// h2c with prior knowledge; net/http's Transport refuses the
	// :protocol pseudo-header, x/net's sends it
	tr := &http2.Transport{AllowHTTP: true, DialTLSContext: func(ctx context.Context, network, _ string, _ *tls.Config) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, fmt.Sprintf("127.0.0.1:%d", h2Port))
	}}
	defer tr.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), ioDeadline)
	defer cancel()
	pr, pw := io.Pipe()
	req, err := http.NewRequestWithContext(ctx, http.MethodConnect, fmt.Sprintf("http://localhost:%d/ws/redact", h2Port), pr)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set(":protocol", "websocket")
	req.Header.Set("Sec-WebSocket-Version", "13")
	req.Header.Set("Sec-WebSocket-Extensions", "permessage-deflate")
	resp, err := tr.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.ProtoMajor != 2 {
		t.Fatalf("status %d over HTTP/%d", resp.StatusCode, resp.ProtoMajor)
	}
	if ext := <-u.extensions; ext != "" {
		t.Errorf("the upstream was offered %q", ext)
	}
	key := [4]byte{9, 8, 7, 6}
	send := func(msg string) {
		t.Helper()
		if _, err := pw.Write(bodyformat.AppendWSFrame(nil, bodyformat.WSText, []byte(msg), true, key)); err != nil {
			t.Fatal(err)
		}
	}
	dec := bodyformat.NewWSDecoder(false, 1<<20)
	var back []bodyformat.WSFrame
	read := func() []byte {
		t.Helper()
		buf := make([]byte, 4096)
		for len(back) == 0 {
			n, err := resp.Body.Read(buf)
			if ferr := dec.Feed(buf[:n], func(f bodyformat.WSFrame) error {
				back = append(back, bodyformat.WSFrame{Op: f.Op, Payload: bytes.Clone(f.Payload)})
				return nil
			}); ferr != nil {
				t.Fatal(ferr)
			}
			if err != nil && len(back) == 0 {
				t.Fatalf("reading: %v", err)
			}
		}
		f := back[0]
		back = back[1:]
		return f.Payload
	}

	send("hello over h2")
	if m := u.next(t); string(m.data) != "hello over h2" {
		t.Errorf("upstream got %q", m.data)
	}
	if got := read(); string(got) != "hello over h2" {
		t.Errorf("client got %q", got)
	}
	send("手机 " + alice.Mobile)
	up := u.next(t)
	assertNoRaw(t, "upstream", up.data, alice.Mobile)
	assertNoRaw(t, "client", read(), alice.Mobile)
	send("say:身份证 " + bob.ID)
	u.next(t)
	got := read()
	assertNoRaw(t, "client", got, bob.ID)
	assertContains(t, "client", got, "身份证")
	_ = pw.Close()
	if entries := readIncidents(t, logFile); len(entries) < 2 {
		t.Errorf("%d incidents, want one for each redacted message", len(entries))
	}
	if data, err := os.ReadFile(logFile); err == nil {
		assertNoRaw(t, "incident log", data, allRaw()...)
	}
}

// The ports of the Caddy that TestWebsocketExtendedConnect starts in its
// own process.
const (
	h2AdminPort = 3999
	h2Port      = 9180
)

// clipTail returns the end of a long output.
func clipTail(b []byte) string {
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}
