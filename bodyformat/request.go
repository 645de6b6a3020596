package bodyformat

import (
	"net/http"
	"strings"
)

// HasRequestBody reports whether r may carry a body. A GET or HEAD of
// unknown length that is not chunked has none (HTTP/3 reports -1 there).
func HasRequestBody(r *http.Request) bool {
	switch {
	case r.Body == nil, r.Body == http.NoBody, r.ContentLength == 0:
		return false
	case r.ContentLength < 0 && len(r.TransferEncoding) == 0 &&
		(r.Method == http.MethodGet || r.Method == http.MethodHead):
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
