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
	tunnel := httptest.NewRequest(http.MethodConnect, "/", strings.NewReader("x"))
	tunnel.ContentLength = -1
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
		{"CONNECT", tunnel, false},
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
