package bodyformat

import (
	"net/http"
	"strings"
)

// OpensTunnel reports whether r is a CONNECT that asks for a tunnel, so
// that a 2xx answer switches the exchange to one: an authority-form
// CONNECT ("CONNECT host:port", any HTTP version: no path in its URL, a
// request target not starting with '/'), or an extended CONNECT for a
// WebSocket over HTTP/2 or HTTP/3 (IsExtendedConnect). Go's HTTP/1.1
// server reads "CONNECT /path" (origin form) as an ordinary request with
// a body, and reverse_proxy forwards it and its answer like a GET's: it
// is no tunnel, and is inspected like any request.
func OpensTunnel(r *http.Request) bool {
	if r.Method != http.MethodConnect {
		return false
	}
	if IsExtendedConnect(r) {
		return true
	}
	path := ""
	if r.URL != nil {
		path = r.URL.Path
	}
	return path == "" && !strings.HasPrefix(r.RequestURI, "/")
}

// IsExtendedConnect reports an extended CONNECT for a WebSocket (RFC 8441
// over HTTP/2, RFC 9220 over HTTP/3), as reverse_proxy recognises and
// tunnels it: the :protocol pseudo-header over HTTP/2, and over HTTP/3
// the protocol quic-go puts in r.Proto. An extended CONNECT for another
// protocol is no tunnel to reverse_proxy, which forwards it as an
// ordinary request; it is inspected as one.
func IsExtendedConnect(r *http.Request) bool {
	return r.Method == http.MethodConnect && (r.ProtoMajor == 2 && strings.EqualFold(r.Header.Get(":protocol"), "websocket") ||
		r.ProtoMajor == 3 && strings.EqualFold(r.Proto, "websocket"))
}
