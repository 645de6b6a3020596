package bodyformat

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestHasRequestBody checks which requests count as carrying a body.
func TestHasRequestBody(t *testing.T) {
	get := httptest.NewRequest(http.MethodGet, "/", nil)
	post := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("x"))
	unknownGet := httptest.NewRequest(http.MethodGet, "/", strings.NewReader("x"))
	unknownGet.ContentLength = -1
	chunked := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("x"))
	chunked.ContentLength, chunked.TransferEncoding = -1, []string{"chunked"}
	// over HTTP/2 a CONNECT's stream is the tunnel
	tunnel := httptest.NewRequest(http.MethodConnect, "example.test:443", strings.NewReader("x"))
	tunnel.ContentLength, tunnel.ProtoMajor = -1, 2
	ws := httptest.NewRequest(http.MethodConnect, "/chat", strings.NewReader("x"))
	ws.ContentLength, ws.ProtoMajor = -1, 2
	ws.Header.Set(":protocol", "websocket")
	// over HTTP/1.x a tunnel follows the hijack: r.Body is a framed body
	framedTunnel := httptest.NewRequest(http.MethodConnect, "example.test:443", strings.NewReader("x"))
	connectPath := httptest.NewRequest(http.MethodConnect, "/echo", strings.NewReader("x"))
	connectPathH2 := httptest.NewRequest(http.MethodConnect, "/echo", strings.NewReader("x"))
	connectPathH2.ContentLength, connectPathH2.ProtoMajor = -1, 2
	connectPathH2.Header.Set(":protocol", "not-a-websocket")
	for _, c := range []struct {
		name string
		r    *http.Request
		want bool
	}{
		{"GET", get, false},
		{"POST", post, true},
		// HTTP/2 and HTTP/3 send bodies on any method: a GET of unknown
		// length is read
		{"GET of unknown length", unknownGet, true},
		{"chunked", chunked, true},
		{"CONNECT host:port over HTTP/2", tunnel, false},
		{"WebSocket extended CONNECT", ws, false},
		{"CONNECT host:port over HTTP/1.x with a framed body", framedTunnel, true},
		{"CONNECT /path", connectPath, true},
		{"extended CONNECT reverse_proxy does not tunnel", connectPathH2, true},
	} {
		if got := HasRequestBody(c.r); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// TestContentCoding checks that every Content-Encoding line is kept.
func TestContentCoding(t *testing.T) {
	h := http.Header{}
	if ContentCoding(h) != "" {
		t.Error("no header is not identity")
	}
	h.Add("Content-Encoding", "identity")
	if ContentCoding(h) != "" {
		t.Error("identity is not identity")
	}
	h.Add("Content-Encoding", "gzip")
	if got := ContentCoding(h); got != "identity, gzip" {
		t.Errorf("got %q", got)
	}
}
