package bodyformat

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// brOf returns s compressed with brotli.
func brOf(s string) string {
	var b bytes.Buffer
	w := brotli.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

// readHTTPMessage parses the HTTP response or request at the start of b as
// a batch client does and returns its body decoded by its
// Content-Encoding, and the header.
func readHTTPMessage(t *testing.T, b []byte) (string, http.Header) {
	t.Helper()
	br := bufio.NewReader(bytes.NewReader(b))
	var body io.Reader
	var h http.Header
	if bytes.HasPrefix(b, []byte("HTTP/")) {
		res, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("not an HTTP response: %v\n%q", err, b)
		}
		body, h = res.Body, res.Header
	} else {
		req, err := http.ReadRequest(br)
		if err != nil {
			t.Fatalf("not an HTTP request: %v\n%q", err, b)
		}
		body, h = req.Body, req.Header
	}
	raw, err := io.ReadAll(body)
	if err != nil {
		t.Fatalf("body: %v", err)
	}
	dec, err := Decompress(raw, h.Get("Content-Encoding"), 0)
	if err != nil {
		t.Fatalf("body does not decode as %q: %v", h.Get("Content-Encoding"), err)
	}
	return string(dec), h
}

// TestHTTPMessageBodiesRead: an HTTP message carried as a body (message/http,
// an application/http part of a batch) whose body is compressed (gzip, deflate
// as zlib or raw, br, chunked or with a Content-Length) is read as the batch
// client reads it: decoded, masked, encoded again with the same codings, its
// Content-Length set to the new length, so that it still parses.
func TestHTTPMessageBodiesRead(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	id, mob := synth.CNID18(r), synth.CNMobile(r)
	json := `{"idCard":"` + id + `","mobile":"` + mob + `","ok":true}`
	for _, tc := range []struct {
		name, ce, body string
	}{
		{"gzip", "gzip", gzipOf(json)},
		{"zlib", "deflate", string(zlibOf(json))},
		{"raw deflate", "deflate", string(deflateOf(json))},
		{"br", "br", brOf(json)},
		{"gzip then br", "gzip, br", brOf(gzipOf(json))},
		{"identity", "", json},
	} {
		for _, framing := range []string{"length", "none", "chunked"} {
			hdr := "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
			if tc.ce != "" {
				hdr += "Content-Encoding: " + tc.ce + "\r\n"
			}
			body := tc.body
			switch framing {
			case "length":
				hdr += "Content-Length: " + strconv.Itoa(len(body)) + "\r\n"
			case "chunked":
				hdr += "Transfer-Encoding: chunked\r\n"
				body = strconv.FormatInt(int64(len(body)), 16) + "\r\n" + body + "\r\n0\r\n\r\n"
			}
			inner := hdr + "\r\n" + body
			for _, outer := range []struct{ ct, body string }{
				{"message/http", inner},
				{"multipart/mixed; boundary=BB", "--BB\r\nContent-Type: application/http\r\nContent-ID: <1>\r\n\r\n" + inner + "\r\n--BB--\r\n"},
			} {
				name := tc.name + ", " + framing + ", " + outer.ct
				res := mustInspect(t, eng, []byte(outer.body), outer.ct, "", Redact)
				if !res.Changed {
					t.Errorf("%s: unchanged", name)
					continue
				}
				msg := res.Body
				if i := bytes.Index(msg, []byte("HTTP/1.1")); i >= 0 {
					msg = msg[i:]
				}
				if j := bytes.LastIndex(msg, []byte("\r\n--BB--")); j >= 0 {
					msg = msg[:j]
				}
				got, h := readHTTPMessage(t, msg)
				if strings.Contains(got, id) || strings.Contains(got, mob) || !strings.Contains(got, `"ok":true`) {
					t.Errorf("%s: the inner body reads %q", name, got)
				}
				if h.Get("Content-Encoding") != tc.ce {
					t.Errorf("%s: Content-Encoding %q", name, h.Get("Content-Encoding"))
				}
			}
		}
	}
}

// TestHTTPMessageCleanKept: a clean HTTP message with a compressed body, a
// request, and a batch of several pipelined messages pass byte for byte;
// personal data in a request line or a header is masked; an inner body
// whose coding is unknown or broken is uninspectable.
func TestHTTPMessageCleanKept(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	id := synth.CNID18(r)
	z := gzipOf(`{"order":12345678,"at":"2024-01-02"}`)
	clean := "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: " + strconv.Itoa(len(z)) + "\r\n\r\n" + z +
		"HTTP/1.1 204 No Content\r\n\r\n" +
		"GET /orders/12345678 HTTP/1.1\r\nHost: api.example\r\n\r\n"
	for _, ct := range []string{"message/http", "application/http"} {
		res := mustInspect(t, eng, []byte(clean), ct, "", Redact)
		if res.Changed || !bytes.Equal(res.Body, []byte(clean)) {
			t.Errorf("%s: a clean message changed", ct)
		}
	}
	req := "GET /users?idCard=" + id + " HTTP/1.1\r\nHost: api.example\r\nX-Id: " + id + "\r\n\r\n"
	res := mustInspect(t, eng, []byte(req), "application/http", "", Redact)
	if bytes.Contains(res.Body, []byte(id)) || len(res.Body) != len(req) {
		t.Errorf("request line and header: %q", res.Body)
	}
	two := "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok" + "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + gzipOf("身份证 "+id)
	res = mustInspect(t, eng, []byte(two), "application/http", "", Redact)
	if !res.Changed || !bytes.HasPrefix(res.Body, []byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")) {
		t.Fatalf("pipelined: %q", res.Body)
	}
	if got, _ := readHTTPMessage(t, res.Body[len("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"):]); strings.Contains(got, id) {
		t.Errorf("the second message: %q", got)
	}
	for _, bad := range []string{
		"HTTP/1.1 200 OK\r\nContent-Encoding: x-secret\r\n\r\n" + gzipOf(id),
		"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + gzipOf(id)[:12] + "broken",
	} {
		if _, err := Inspect(eng, []byte(bad), "message/http", "", Redact, Limits{}); !errors.Is(err, ErrEncoding) {
			t.Errorf("%q: err %v, want ErrEncoding", bad[:40], err)
		}
	}
	if _, err := Inspect(eng, []byte("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nok"), "message/http", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
		t.Errorf("two Content-Length: err %v, want ErrMalformed", err)
	}
	trailer := "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Id\r\n\r\n2\r\nok\r\n0\r\nX-Id: " + id + "\r\n\r\n"
	if _, err := Inspect(eng, []byte(trailer), "message/http", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
		t.Errorf("an ID in a trailer field: err %v, want ErrMalformed", err)
	}
	pipelined := "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n" +
		"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n" + strconv.FormatInt(int64(len(gzipOf(id))), 16) + "\r\n" + gzipOf(id) + "\r\n0\r\n\r\n"
	res = mustInspect(t, eng, []byte(pipelined), "application/http", "", Redact)
	first := len("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n")
	if !res.Changed || string(res.Body[:first]) != pipelined[:first] {
		t.Fatalf("pipelined chunked: %q", res.Body)
	}
	if got, _ := readHTTPMessage(t, res.Body[first:]); strings.Contains(got, id) {
		t.Errorf("the second chunked message: %q", got)
	}
	cleanTrailer := strings.Replace(trailer, id, "done", 1)
	if res := mustInspect(t, eng, []byte(cleanTrailer), "message/http", "", Redact); res.Changed {
		t.Errorf("a clean trailer: changed")
	}
}
