package caddymodule

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// TestHTTPMessageBatchAnswerMasked: a batch API's answer (multipart/mixed
// of application/http parts) whose inner response has a gzip body with a
// Content-Length reaches the client with the inner body masked, still
// gzip, with the Content-Length of the new body; the same batch uploaded
// reaches the upstream so too. A clean batch passes byte for byte.
func TestHTTPMessageBatchAnswerMasked(t *testing.T) {
	gz := func(s string) string {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.String()
	}
	batch := func(json string) []byte {
		z := gz(json)
		return []byte("--batch_1\r\nContent-Type: application/http\r\nContent-ID: <response-1>\r\n\r\n" +
			"HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=UTF-8\r\nContent-Encoding: gzip\r\nContent-Length: " + strconv.Itoa(len(z)) + "\r\n\r\n" + z +
			"\r\n--batch_1--\r\n")
	}
	inner := func(t *testing.T, body []byte) string {
		t.Helper()
		i := bytes.Index(body, []byte("HTTP/1.1"))
		j := bytes.LastIndex(body, []byte("\r\n--batch_1--"))
		if i < 0 || j < i {
			t.Fatalf("no inner message: %q", body)
		}
		res, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(body[i:j])), nil)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(res.Body)
		if err != nil {
			t.Fatalf("the inner body is no longer gzip: %v", err)
		}
		out, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("the inner body does not gunzip to its Content-Length: %v", err)
		}
		return string(out)
	}
	ct := "multipart/mixed; boundary=batch_1"
	page := batch(`{"idCard":"` + testID + `","mobile":"` + testMobile + `"}`)
	h, _ := newHandler(t, Handler{})
	w, err := serve(h, get("/batch"), respondWith(http.StatusOK, map[string]string{"Content-Type": ct}, page))
	if err != nil {
		t.Fatal(err)
	}
	got := inner(t, w.Body.Bytes())
	assertNoRaw(t, "inner gzip body of a batch answer, as the client decodes it", got)
	if !strings.Contains(got, `"idCard":"`) {
		t.Errorf("inner body %q", got)
	}

	r := withVars(httptest.NewRequest(http.MethodPost, "/batch", bytes.NewReader(page)))
	r.Header.Set("Content-Type", ct)
	var c captured
	if _, err := serve(h, r, capture(&c)); err != nil {
		t.Fatal(err)
	}
	assertNoRaw(t, "inner gzip body of a batch upload, as the upstream decodes it", inner(t, c.body))

	clean := batch(`{"order":12345678,"status":"shipped"}`)
	w, err = serve(h, get("/batch"), respondWith(http.StatusOK, map[string]string{"Content-Type": ct}, clean))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(w.Body.Bytes(), clean) {
		t.Errorf("a clean batch changed")
	}
}
