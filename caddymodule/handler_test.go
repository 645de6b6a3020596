package caddymodule

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
)

func TestServeHTTPOff(t *testing.T) {
	h, logs := newHandler(t, Handler{Request: "off", Response: "off"})
	body := "手机 " + testMobile
	r := post(body, "text/plain")
	w := httptest.NewRecorder()
	next := func(gw http.ResponseWriter, gr *http.Request) error {
		if gr != r || gw != http.ResponseWriter(w) {
			t.Error("request or writer replaced although both directions are off")
		}
		b, _ := io.ReadAll(gr.Body)
		_, err := gw.Write(b)
		return err
	}
	if err := h.ServeHTTP(w, r, caddyhttp.HandlerFunc(next)); err != nil || w.Body.String() != body {
		t.Errorf("err %v body %q", err, w.Body.String())
	}
	if len(logs.All()) != 0 {
		t.Error("logged although off")
	}
}

// TestServeHTTPBothDirections echoes the request body: it is redacted on
// the way in, and the echo holds only masked values on the way out.
func TestServeHTTPBothDirections(t *testing.T) {
	h, logs := newHandler(t, Handler{})
	r := post(`{"mobile":"`+testMobile+`"}`, "application/json")
	echo := func(w http.ResponseWriter, r *http.Request) error {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/json")
		_, err = w.Write(append(b[:len(b)-1:len(b)-1], `,"email":"`+testEmail+`"}`...))
		return err
	}
	w, err := serve(h, r, echo)
	if err != nil || !strings.HasPrefix(w.Body.String(), `{"mobile":"`) {
		t.Fatalf("err %v body %q", err, w.Body.String())
	}
	assertNoRaw(t, "response", w.Body.String())
	inc := incidents(logs)
	if len(inc) != 2 || inc[0].ContextMap()["direction"] != "request" || inc[1].ContextMap()["direction"] != "response" {
		t.Errorf("incidents %v", inc)
	}
	assertLogsClean(t, logs)
}

// TestServeHTTPConnect checks that the answer to a CONNECT host:port is
// inspected like any other unless it opens a tunnel (a 2xx), and that
// what follows such a CONNECT over HTTP/2 (its stream, the tunnel) is
// never read as its body. CONNECT /path is no tunnel: see
// TestConnectPathRequestBodyInspected and TestConnectPathAnswerFiltered.
func TestServeHTTPConnect(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	page := []byte("<p>tel " + testMobile + "</p>")
	for _, tc := range []struct {
		name   string
		status int
		want   []byte // what the client gets
	}{
		{"refused", http.StatusNotFound, nil},
		{"tunnel", http.StatusOK, page},
	} {
		r := withVars(httptest.NewRequest("CONNECT", "example.test:443", nil))
		r.ProtoMajor, r.ProtoMinor, r.Proto = 2, 0, "HTTP/2.0"
		r.Body, r.ContentLength = io.NopCloser(strings.NewReader(testID)), -1
		read := false
		next := func(w http.ResponseWriter, r *http.Request) error {
			body, _ := io.ReadAll(r.Body)
			read = string(body) == testID
			return respondWith(tc.status, map[string]string{"Content-Type": "text/html"}, page)(w, r)
		}
		w, err := serve(h, r, next)
		if err != nil || !read {
			t.Errorf("%s: err %v, tunnel bytes reached the next handler whole: %v", tc.name, err, read)
		}
		if tc.want == nil {
			assertNoRaw(t, tc.name, w.Body.String())
		} else if !bytes.Equal(w.Body.Bytes(), tc.want) {
			t.Errorf("%s: tunnel bytes changed: %q", tc.name, w.Body.Bytes())
		}
	}
}
