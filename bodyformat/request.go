package bodyformat

import (
	"net/http"
	"strings"
)

// HasRequestBody reports whether r may carry a body to inspect: any
// method, any protocol version, as long as the body is not known to be
// empty. A GET or HEAD of unknown length may carry one (HTTP/2 and HTTP/3
// send a body on any method, and an upstream may read it); reading finds
// out, and a bodiless HTTP/3 request ends at once. What follows a CONNECT
// that opens a tunnel over HTTP/2 or HTTP/3 (OpensTunnel: "host:port", or
// a WebSocket's extended CONNECT) is the tunnel, not a body. Any other
// CONNECT carries a body like any request: "CONNECT /path" is an ordinary
// request, and over HTTP/1.x a tunnel's bytes follow the hijack, so
// r.Body only ever holds a body framed by Content-Length or chunked.
func HasRequestBody(r *http.Request) bool {
	switch {
	case r.Body == nil, r.Body == http.NoBody, r.ContentLength == 0:
		return false
	case r.ProtoMajor >= 2 && OpensTunnel(r):
		return false
	}
	return true
}

// ContentCoding returns the Content-Encoding of a header, every line of it
// joined ("identity, gzip" stays a chain for Decompress), or "" for
// identity.
func ContentCoding(h http.Header) string {
	ce := strings.TrimSpace(strings.Join(h.Values("Content-Encoding"), ", "))
	if strings.EqualFold(ce, "identity") {
		return ""
	}
	return ce
}

// DropRequestBody leaves r with no body: the original is closed, r.Body
// is http.NoBody, and the fields that framed or described the body
// (Content-Length, Transfer-Encoding, Content-Encoding, Expect, the
// announced trailer) are gone. A request refused before its body was
// inspected (or after it was found to hold personal data) may still be
// handed to other handlers, handle_errors routes among them: what they
// read, or send upstream, is then nothing rather than the raw body.
func DropRequestBody(r *http.Request) {
	if r.Body != nil && r.Body != http.NoBody {
		_ = r.Body.Close()
	}
	r.Body = http.NoBody
	r.GetBody = nil
	r.ContentLength = 0
	r.TransferEncoding = nil
	r.Trailer = nil
	for _, k := range []string{"Content-Length", "Transfer-Encoding", "Content-Encoding", "Expect", "Trailer"} {
		r.Header.Del(k)
	}
}
