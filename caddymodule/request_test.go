package caddymodule

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
)

// post returns a POST request with the body and Content-Type.
func post(body, contentType string) *http.Request {
	r := httptest.NewRequest("POST", "/submit", strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	return withVars(r)
}

func TestRequestRedaction(t *testing.T) {
	form := url.Values{"idCard": {testID}, "mobile": {testMobile}, "note": {"hello"}}.Encode()
	for _, tc := range []struct {
		name, ct, body string
	}{
		{"json", "application/json", `{"idCard":"` + testID + `","mobile":"` + testMobile + `","ok":true}`},
		{"form", "application/x-www-form-urlencoded", form},
		{"text", "text/plain; charset=utf-8", "身份证 " + testID + "\n手机 " + testMobile + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, logs := newHandler(t, Handler{Response: "off"})
			r := post(tc.body, tc.ct)
			r.Header.Set("Content-MD5", "stale")
			var c captured
			w, err := serve(h, r, capture(&c))
			if err != nil || w.Code != http.StatusNoContent {
				t.Fatalf("status %d, err %v", w.Code, err)
			}
			assertNoRaw(t, "forwarded body", string(c.body))
			if bytes.Equal(c.body, []byte(tc.body)) {
				t.Fatal("body not redacted")
			}
			if c.contentLength != int64(len(c.body)) || c.header.Get("Content-Length") != strconv.Itoa(len(c.body)) {
				t.Errorf("ContentLength %d, header %q, body %d bytes", c.contentLength, c.header.Get("Content-Length"), len(c.body))
			}
			if c.transferEncoding != nil || c.header.Get("Content-MD5") != "" {
				t.Errorf("TransferEncoding %v, Content-MD5 %q", c.transferEncoding, c.header.Get("Content-MD5"))
			}
			if tc.name == "json" && !bytes.HasPrefix(c.body, []byte(`{"idCard":"`)) {
				t.Errorf("JSON structure changed: %s", c.body)
			}
			inc := incidents(logs)
			if len(inc) != 1 || inc[0].ContextMap()["outcome"] != "redacted" || inc[0].ContextMap()["direction"] != "request" {
				t.Fatalf("incidents = %v", inc)
			}
			assertLogsClean(t, logs)
		})
	}
}

func TestRequestCleanBodyForwardedAsIs(t *testing.T) {
	h, logs := newHandler(t, Handler{})
	const body = `{"order":"A-1029","qty":3}`
	r := post(body, "application/json")
	var c captured
	if _, err := serve(h, r, capture(&c)); err != nil {
		t.Fatal(err)
	}
	if string(c.body) != body || c.contentLength != int64(len(body)) {
		t.Errorf("forwarded %q (%d)", c.body, c.contentLength)
	}
	if len(incidents(logs)) != 0 {
		t.Error("incident for a clean body")
	}
}

func TestRequestSkipped(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	png := "\x89PNG\r\n\x1a\n" + testMobile
	for _, tc := range []struct {
		name string
		r    *http.Request
	}{
		{"GET without body", withVars(httptest.NewRequest("GET", "/", nil))},
		{"OPTIONS without body", withVars(httptest.NewRequest("OPTIONS", "/", nil))},
		{"image", post(png, "image/png")},
		{"untyped binary", post(png+"\x00\x00", "")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var sent []byte
			if tc.r.Body != nil {
				sent, _ = io.ReadAll(tc.r.Body)
				tc.r.Body = io.NopCloser(bytes.NewReader(sent))
			}
			var c captured
			if _, err := serve(h, tc.r, capture(&c)); err != nil || !c.called {
				t.Fatalf("err %v, called %v", err, c.called)
			}
			if !bytes.Equal(c.body, sent) {
				t.Errorf("body changed: %q", c.body)
			}
		})
	}

	// HTTP/3 reports -1 for a GET without a body.
	r := withVars(httptest.NewRequest("GET", "/", nil))
	r.ContentLength = -1
	if bodyformat.HasRequestBody(r) {
		t.Error("GET with length -1 has a body")
	}
	r.TransferEncoding = []string{"chunked"}
	r.Body = io.NopCloser(strings.NewReader("x"))
	if !bodyformat.HasRequestBody(r) {
		t.Error("chunked GET has no body")
	}
}

func TestRequestUntypedTextInspected(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	var c captured
	if _, err := serve(h, post("mobile="+testMobile, ""), capture(&c)); err != nil {
		t.Fatal(err)
	}
	assertNoRaw(t, "forwarded body", string(c.body))
}

func TestRequestReject(t *testing.T) {
	h, logs := newHandler(t, Handler{Request: "reject", Status: 422})
	r := post(`{"mobile":"`+testMobile+`"}`, "application/json")
	var c captured
	w := httptest.NewRecorder()
	w.Header().Set("ETag", `"earlier"`)
	w.Header().Set("Content-Length", "99")
	if err := h.ServeHTTP(w, r, capture(&c)); err != nil {
		t.Fatal(err)
	}
	if c.called {
		t.Fatal("next ran")
	}
	p := assertRefusal(t, w, 422)
	if len(p.Categories) != 1 || p.Categories[0] != "cn_mobile" || p.Dossier {
		t.Errorf("problem = %+v", p)
	}
	if w.Header().Get("ETag") != "" {
		t.Error("ETag kept")
	}
	inc := incidents(logs)
	if len(inc) != 1 || inc[0].Level.String() != "warn" || inc[0].ContextMap()["incident"] != p.Incident {
		t.Fatalf("incidents = %v", inc)
	}
	if caddyhttp.GetVar(r.Context(), "pii_incident") != p.Incident {
		t.Error("pii_incident var not set")
	}
	assertLogsClean(t, logs)
}

func TestRequestRejectWithHandleErrors(t *testing.T) {
	h, _ := newHandler(t, Handler{Request: "reject"})
	r := post("手机 "+testMobile, "text/plain")
	srv := &caddyhttp.Server{Errors: &caddyhttp.HTTPErrorConfig{Routes: caddyhttp.RouteList{{}}}}
	r = r.WithContext(context.WithValue(r.Context(), caddyhttp.ServerCtxKey, srv))
	var c captured
	w, err := serve(h, r, capture(&c))
	he, ok := errors.AsType[caddyhttp.HandlerError](err)
	if !ok || he.StatusCode != 403 || len(he.ID) != 16 || !errors.Is(err, errRefused) {
		t.Fatalf("err = %#v", err)
	}
	if w.Header().Get(incidentHeader) != he.ID || w.Body.Len() != 0 || c.called {
		t.Errorf("header %q, body %q, next ran %v", w.Header().Get(incidentHeader), w.Body.String(), c.called)
	}
	if !strings.Contains(he.Err.Error(), "cn_mobile") {
		t.Errorf("message %q", he.Err)
	}
	assertNoRaw(t, "error", err.Error())
}

func TestRequestLog(t *testing.T) {
	h, logs := newHandler(t, Handler{Request: "log"})
	body := "email " + testEmail + " mobile " + testMobile
	var c captured
	if _, err := serve(h, post(body, "text/plain"), capture(&c)); err != nil {
		t.Fatal(err)
	}
	if string(c.body) != body {
		t.Errorf("log changed the body: %q", c.body)
	}
	inc := incidents(logs)
	if len(inc) != 1 {
		t.Fatalf("incidents = %v", logs.All())
	}
	m := inc[0].ContextMap()
	if inc[0].Level.String() != "info" || m["outcome"] != "logged" || m["action"] != "log" || m["findings"] != int64(2) {
		t.Errorf("entry = %v", m)
	}
	cats, _ := m["categories"].(map[string]any)
	if fmt.Sprint(cats["email"]) != "1" || fmt.Sprint(cats["cn_mobile"]) != "1" {
		t.Errorf("categories = %v", m["categories"])
	}
	assertLogsClean(t, logs)
}

func TestRequestDossier(t *testing.T) {
	h, logs := newHandler(t, Handler{}) // redact, dossier 3
	body := `{"idCard":"` + testID + `","mobile":"` + testMobile + `","email":"` + testEmail + `"}`
	var c captured
	w, err := serve(h, post(body, "application/json"), capture(&c))
	if err != nil || c.called {
		t.Fatalf("err %v, next ran %v", err, c.called)
	}
	p := assertRefusal(t, w, 403)
	if !p.Dossier || len(p.Categories) != 3 {
		t.Errorf("problem = %+v", p)
	}
	if m := incidents(logs)[0].ContextMap(); m["reason"] != "dossier" || m["dossier"] != true {
		t.Errorf("entry = %v", m)
	}
	assertLogsClean(t, logs)

	// Two categories stay under the threshold and are redacted.
	c = captured{}
	body = `{"idCard":"` + testID + `","mobile":"` + testMobile + `"}`
	if _, err := serve(h, post(body, "application/json"), capture(&c)); err != nil || !c.called {
		t.Fatalf("err %v, next ran %v", err, c.called)
	}
}

func TestRequestOversize(t *testing.T) {
	body := strings.Repeat("x", 100) + " 手机 " + testMobile
	for _, declared := range []bool{true, false} {
		name := "declared"
		if !declared {
			name = "chunked"
		}
		t.Run(name+"/reject", func(t *testing.T) {
			h, _ := newHandler(t, Handler{MaxBody: 64})
			r := post(body, "text/plain")
			if !declared {
				r.ContentLength = -1
				r.TransferEncoding = []string{"chunked"}
			}
			var c captured
			w, err := serve(h, r, capture(&c))
			if err != nil || c.called {
				t.Fatalf("err %v, next ran %v", err, c.called)
			}
			if p := assertRefusal(t, w, 413); !strings.HasSuffix(p.Type, "#refused-too-large") {
				t.Errorf("type %q", p.Type)
			}
		})
		t.Run(name+"/pass", func(t *testing.T) {
			h, _ := newHandler(t, Handler{MaxBody: 64, Oversize: "pass"})
			r := post(body, "text/plain")
			if !declared {
				r.ContentLength = -1
				r.TransferEncoding = []string{"chunked"}
			}
			var c captured
			if _, err := serve(h, r, capture(&c)); err != nil || !c.called {
				t.Fatalf("err %v, next ran %v", err, c.called)
			}
			if string(c.body) != body {
				t.Errorf("oversize pass changed the body: %q", c.body)
			}
		})
	}
}

// gzipped compresses s.
func gzipped(s string) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write([]byte(s))
	_ = zw.Close()
	return buf.Bytes()
}

func TestRequestCompressed(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	r := withVars(httptest.NewRequest("POST", "/", bytes.NewReader(gzipped("手机 "+testMobile))))
	r.Header.Set("Content-Type", "text/plain")
	r.Header.Set("Content-Encoding", "gzip")
	var c captured
	if _, err := serve(h, r, capture(&c)); err != nil {
		t.Fatal(err)
	}
	if c.header.Get("Content-Encoding") != "" || !strings.Contains(string(c.body), "手机") {
		t.Fatalf("forwarded %q with Content-Encoding %q", c.body, c.header.Get("Content-Encoding"))
	}
	assertNoRaw(t, "forwarded body", string(c.body))
}

// TestRequestContentEncodingLines: a coding sent as a second
// Content-Encoding line ("identity", then "gzip") is still decoded, not
// read as compressed bytes that hide the value.
func TestRequestContentEncodingLines(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	r := withVars(httptest.NewRequest("POST", "/", bytes.NewReader(gzipped("手机 "+testMobile))))
	r.Header.Set("Content-Type", "text/plain")
	r.Header.Add("Content-Encoding", "identity")
	r.Header.Add("Content-Encoding", "gzip")
	var c captured
	if _, err := serve(h, r, capture(&c)); err != nil || !c.called {
		t.Fatal(err)
	}
	if len(c.header.Values("Content-Encoding")) != 0 || !strings.HasPrefix(string(c.body), "手机 ") {
		t.Fatalf("forwarded %q with Content-Encoding %q", c.body, c.header.Values("Content-Encoding"))
	}
	assertNoRaw(t, "forwarded body", string(c.body))
}

// TestRequestUntypedCompressed: an untyped gzip body is not sniffed on its
// compressed bytes but decompressed and inspected.
func TestRequestUntypedCompressed(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	r := withVars(httptest.NewRequest("POST", "/", bytes.NewReader(gzipped("手机 "+testMobile))))
	r.Header.Set("Content-Encoding", "gzip")
	var c captured
	if _, err := serve(h, r, capture(&c)); err != nil || !c.called {
		t.Fatal(err)
	}
	assertNoRaw(t, "forwarded body", string(c.body))
	if !strings.HasPrefix(string(c.body), "手机 ") {
		t.Errorf("forwarded %q", c.body)
	}
}

func TestRequestOnError(t *testing.T) {
	broken := append(gzipped("手机 " + testMobile)[:12], "garbage"...)
	newReq := func() *http.Request {
		r := withVars(httptest.NewRequest("POST", "/", bytes.NewReader(broken)))
		r.Header.Set("Content-Type", "text/plain")
		r.Header.Set("Content-Encoding", "gzip")
		return r
	}
	h, logs := newHandler(t, Handler{})
	var c captured
	w, err := serve(h, newReq(), capture(&c))
	if err != nil || c.called {
		t.Fatalf("err %v, next ran %v", err, c.called)
	}
	if p := assertRefusal(t, w, 400); !strings.HasSuffix(p.Type, "#refused-uninspectable") || len(p.Categories) != 0 {
		t.Errorf("problem %+v", p)
	}
	if m := incidents(logs)[0].ContextMap(); m["reason"] != "uninspectable" {
		t.Errorf("entry %v", m)
	}

	h, _ = newHandler(t, Handler{OnError: "pass"})
	c = captured{}
	if _, err := serve(h, newReq(), capture(&c)); err != nil || !c.called {
		t.Fatalf("err %v, next ran %v", err, c.called)
	}
	if !bytes.Equal(c.body, broken) || c.header.Get("Content-Encoding") != "gzip" {
		t.Error("on_error pass changed the body")
	}
}

func TestRequestReadErrors(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	r := post("手机 "+testMobile, "text/plain")
	r.Body = http.MaxBytesReader(httptest.NewRecorder(), r.Body, 4)
	_, err := serve(h, r, capture(&captured{}))
	if he, ok := errors.AsType[caddyhttp.HandlerError](err); !ok || he.StatusCode != 413 {
		t.Errorf("MaxBytesError → %v", err)
	}

	r = post("x", "text/plain")
	r.Body = io.NopCloser(io.MultiReader(strings.NewReader("abc"), errReader{}))
	_, err = serve(h, r, capture(&captured{}))
	if he, ok := errors.AsType[caddyhttp.HandlerError](err); !ok || he.StatusCode != 400 {
		t.Errorf("read error → %v", err)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

// TestRequestOverHTTP sends real requests: a chunked upload and one with
// Expect: 100-continue, which must get its 100 and lose the Expect header
// before it is forwarded.
func TestRequestOverHTTP(t *testing.T) {
	h, _ := newHandler(t, Handler{Response: "off"})
	got := make(chan captured, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var c captured
		if err := h.ServeHTTP(w, withVars(r), capture(&c)); err != nil {
			http.Error(w, err.Error(), 500)
		}
		got <- c
	}))
	defer srv.Close()
	body := `{"mobile":"` + testMobile + `","id":"` + testID + `"}`

	t.Run("chunked", func(t *testing.T) {
		pr, pw := io.Pipe()
		go func() {
			_, _ = pw.Write([]byte(body[:10]))
			_, _ = pw.Write([]byte(body[10:]))
			_ = pw.Close()
		}()
		req, _ := http.NewRequest("POST", srv.URL, pr)
		req.Header.Set("Content-Type", "application/json")
		res, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		c := <-got
		if res.StatusCode != 204 || !c.called {
			t.Fatalf("status %d", res.StatusCode)
		}
		assertNoRaw(t, "forwarded body", string(c.body))
		if c.contentLength != int64(len(c.body)) || c.transferEncoding != nil {
			t.Errorf("ContentLength %d for %d bytes, TransferEncoding %v", c.contentLength, len(c.body), c.transferEncoding)
		}
	})

	t.Run("expect 100-continue", func(t *testing.T) {
		tr := srv.Client().Transport.(*http.Transport).Clone()
		tr.ExpectContinueTimeout = 60e9 // long: the 100 must come from the filter's read
		client := &http.Client{Transport: tr}
		defer tr.CloseIdleConnections()
		got100 := false
		trace := &httptrace.ClientTrace{Got100Continue: func() { got100 = true }}
		req, _ := http.NewRequestWithContext(httptrace.WithClientTrace(context.Background(), trace), "POST", srv.URL, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Expect", "100-continue")
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		c := <-got
		if res.StatusCode != 204 || !got100 {
			t.Fatalf("status %d, got 100 %v", res.StatusCode, got100)
		}
		if c.header.Get("Expect") != "" {
			t.Error("Expect forwarded")
		}
		assertNoRaw(t, "forwarded body", string(c.body))
	})
}
