package bodyformat

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestOpensTunnel checks which requests open a tunnel: an authority-form
// CONNECT and a WebSocket's extended CONNECT, not a CONNECT with a path
// nor another method.
func TestOpensTunnel(t *testing.T) {
	h2 := func(target, protocol string) *http.Request {
		r := httptest.NewRequest(http.MethodConnect, target, nil)
		r.ProtoMajor, r.ProtoMinor, r.Proto = 2, 0, "HTTP/2.0"
		if protocol != "" {
			r.Header.Set(":protocol", protocol)
		}
		return r
	}
	h3ws := httptest.NewRequest(http.MethodConnect, "/chat", nil)
	h3ws.ProtoMajor, h3ws.Proto = 3, "websocket"
	for _, c := range []struct {
		name string
		r    *http.Request
		want bool
	}{
		{"CONNECT host:port", httptest.NewRequest(http.MethodConnect, "example.test:443", nil), true},
		{"CONNECT host:port over HTTP/2", h2("example.test:443", ""), true},
		{"WebSocket over HTTP/2", h2("/chat", "websocket"), true},
		{"WebSocket over HTTP/3", h3ws, true},
		{"CONNECT /path", httptest.NewRequest(http.MethodConnect, "/api/customers", nil), false},
		{"CONNECT /", httptest.NewRequest(http.MethodConnect, "/", nil), false},
		{"CONNECT absolute URL with a path", httptest.NewRequest(http.MethodConnect, "http://example.test/path", nil), false},
		{"extended CONNECT for another protocol", h2("/x", "not-a-websocket"), false},
		{"GET host:port-like path", httptest.NewRequest(http.MethodGet, "/example.test:443", nil), false},
	} {
		if got := OpensTunnel(c.r); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
