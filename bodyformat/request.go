package bodyformat

import (
	"net/http"
	"strings"
)

// HasRequestBody reports whether r may carry a body to inspect: any
// method, any protocol version, as long as the body is not known to be
// empty. A GET or HEAD of unknown length may carry one (HTTP/2 and HTTP/3
// send a body on any method, and an upstream may read it); reading finds
// out, and a bodiless HTTP/3 request ends at once. A CONNECT request has
// none: what follows it is a tunnel (a websocket over HTTP/2 or HTTP/3),
// not a body.
func HasRequestBody(r *http.Request) bool {
	switch {
	case r.Body == nil, r.Body == http.NoBody, r.ContentLength == 0:
		return false
	case r.Method == http.MethodConnect:
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
