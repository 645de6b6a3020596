package matcher

import (
	"net/http"
	"strings"
	"testing"
)

// TestConnectPathBodyMatched: "CONNECT /path" (origin form) is an
// ordinary request to Go's server, and reverse_proxy forwards its body:
// the pii matcher reads it as a POST's, framed by its length or chunked
// over HTTP/1.1, and over HTTP/2 as an extended CONNECT reverse_proxy
// does not tunnel.
func TestConnectPathBodyMatched(t *testing.T) {
	body := `{"name":"张伟","idCard":"` + testID + `","mobile":"` + testMobile + `"}`
	for _, tc := range []struct {
		name, protocol string
		chunked        bool
	}{
		{"HTTP/1.1 with a length", "", false},
		{"HTTP/1.1 chunked", "", true},
		{"HTTP/2 extended CONNECT for another protocol", "not-a-websocket", false},
	} {
		m := newMatcher(t, MatchPII{})
		r := newRequest(http.MethodConnect, "/posts", "application/json", strings.NewReader(body))
		if tc.chunked {
			r.ContentLength, r.TransferEncoding = -1, []string{"chunked"}
		}
		if tc.protocol != "" {
			r.Proto, r.ProtoMajor, r.ProtoMinor, r.ContentLength = "HTTP/2.0", 2, 0, -1
			r.Header.Set(":protocol", tc.protocol)
		}
		if !mustMatch(t, m, r) {
			t.Errorf("%s: CONNECT /posts with a %d-byte body holding an ID and a mobile: no match", tc.name, len(body))
		}
	}
}

// TestConnectTunnelNotRead: over HTTP/2 what follows a CONNECT
// host:port, or a WebSocket's extended CONNECT, is the tunnel: the
// matcher does not read it.
func TestConnectTunnelNotRead(t *testing.T) {
	for _, tc := range []struct{ name, target, protocol string }{
		{"CONNECT host:port", "example.test:443", ""},
		{"WebSocket extended CONNECT", "/chat", "websocket"},
	} {
		m := newMatcher(t, MatchPII{})
		tunnel := &countingReader{r: strings.NewReader("身份证 " + testID)}
		r := newRequest(http.MethodConnect, tc.target, "", nil)
		r.Proto, r.ProtoMajor, r.ProtoMinor = "HTTP/2.0", 2, 0
		r.Body, r.ContentLength = tunnel, -1
		if tc.protocol != "" {
			r.Header.Set(":protocol", tc.protocol)
		}
		if mustMatch(t, m, r) || tunnel.reads != 0 {
			t.Errorf("%s: the tunnel was read (%d reads)", tc.name, tunnel.reads)
		}
	}
}
