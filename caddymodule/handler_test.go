package caddymodule

import (
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

func TestServeHTTPConnectPasses(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	r := withVars(httptest.NewRequest("CONNECT", "http://example.test:443", nil))
	var wrapped bool
	next := func(w http.ResponseWriter, r *http.Request) error {
		_, wrapped = w.(*responseWriter)
		return nil
	}
	if _, err := serve(h, r, next); err != nil || wrapped {
		t.Errorf("err %v, wrapped %v", err, wrapped)
	}
}
