package caddymodule

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// leakyHeaders are response fields an upstream sets with personal
// information in them, and clean fields that must pass byte for byte.
func leakyHeaders() (leaky, clean map[string]string) {
	leaky = map[string]string{
		"Location":            "/u?id=" + testID + "&tab=1",
		"Set-Cookie":          "uid=" + testID + "; Path=/; HttpOnly",
		"X-Mobile":            testMobile,
		"Link":                "</u/" + testMobile + ">; rel=preload",
		"Content-Disposition": `attachment; filename="` + testMobile + `.csv"`,
		"X-Contact":           "手机 " + url.QueryEscape(testMobile),
	}
	clean = map[string]string{
		"Content-Type": "text/plain",
		"Etag":         `"5e8f-1a2b3c"`,
		"X-Request-Id": "4bf92f3577b34da6a3ce929d0e0e4736",
		"X-Total":      "1024",
		"Server":       "legacy/1.0",
	}
	return leaky, clean
}

func TestResponseHeadersRedacted(t *testing.T) {
	h, logs := newHandler(t, Handler{})
	leaky, clean := leakyHeaders()
	hdr := map[string]string{}
	for k, v := range leaky {
		hdr[k] = v
	}
	for k, v := range clean {
		hdr[k] = v
	}
	w, err := serve(h, withVars(httptest.NewRequest("GET", "/export", nil)), respondWith(http.StatusFound, hdr, []byte("moved")))
	if err != nil {
		t.Fatal(err)
	}
	if w.Code != http.StatusFound || w.Body.String() != "moved" {
		t.Fatalf("got %d %q, want the upstream's 302 and body", w.Code, w.Body.String())
	}
	for k := range leaky {
		got := w.Header().Get(k)
		assertNoRaw(t, k, got)
		if got == "" {
			t.Errorf("%s dropped, want it masked", k)
		}
	}
	for k, v := range clean {
		if got := w.Header().Get(k); got != v {
			t.Errorf("clean field %s = %q, want %q untouched", k, got, v)
		}
	}
	if loc := w.Header().Get("Location"); !strings.HasSuffix(loc, "&tab=1") || !strings.HasPrefix(loc, "/u?id=") {
		t.Errorf("Location %q lost its structure", loc)
	}
	incs := incidents(logs)
	if len(incs) != 1 {
		t.Fatalf("%d incidents, want 1 for the fields", len(incs))
	}
	m := incs[0].ContextMap()
	if m["in"] != "headers" || m["outcome"] != string(outRedacted) || m["direction"] != string(dirResponse) {
		t.Errorf("incident %v, want a redacted response incident in headers", m)
	}
	assertLogsClean(t, logs)
}

func TestResponseHeadersRefused(t *testing.T) {
	h, logs := newHandler(t, Handler{Response: "reject"})
	leaky, _ := leakyHeaders()
	w, err := serve(h, withVars(httptest.NewRequest("GET", "/export", nil)), respondWith(http.StatusOK, leaky, []byte("ok")))
	if err != nil {
		t.Fatal(err)
	}
	if w.Code != http.StatusForbidden {
		t.Fatalf("status %d, want 403", w.Code)
	}
	for k, vs := range w.Header() {
		assertNoRaw(t, "refusal field "+k, strings.Join(vs, ","))
	}
	assertNoRaw(t, "refusal body", w.Body.String())
	assertLogsClean(t, logs)
}

func TestResponseHeadersLogged(t *testing.T) {
	h, logs := newHandler(t, Handler{Response: "log"})
	w, err := serve(h, withVars(httptest.NewRequest("GET", "/", nil)), respondWith(http.StatusOK, map[string]string{"X-Mobile": testMobile}, []byte("ok")))
	if err != nil {
		t.Fatal(err)
	}
	if got := w.Header().Get("X-Mobile"); got != testMobile {
		t.Errorf("log action changed the field: %q", got)
	}
	if n := len(incidents(logs)); n != 1 {
		t.Errorf("%d incidents, want 1", n)
	}
	assertLogsClean(t, logs)
}

func TestHeadersPassLeavesFields(t *testing.T) {
	h, logs := newHandler(t, Handler{Headers: "pass"})
	var c captured
	r := withVars(httptest.NewRequest("GET", "/u/"+testMobile+"?id="+testID, nil))
	r.Header.Set("X-Phone", testMobile)
	if _, err := serve(h, r, capture(&c)); err != nil {
		t.Fatal(err)
	}
	if c.header.Get("X-Phone") != testMobile || !strings.Contains(r.URL.RawQuery, testID) {
		t.Errorf("headers pass changed the request: %v %q", c.header, r.URL.RawQuery)
	}
	if n := len(incidents(logs)); n != 0 {
		t.Errorf("%d incidents, want none", n)
	}
}

func TestRequestTargetAndFieldsRedacted(t *testing.T) {
	h, logs := newHandler(t, Handler{})
	var seen *http.Request
	var hdr http.Header
	next := caddyhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		seen, hdr = r, r.Header.Clone()
		w.WriteHeader(http.StatusNoContent)
		return nil
	})
	r := withVars(httptest.NewRequest("GET", "/u/"+testMobile+"?id="+testID+"&page=2", nil))
	r.Header.Set("X-Phone", testMobile)
	r.Header.Set("Referer", "https://shop.example/search?q="+testID)
	r.Header.Set("Authorization", "Bearer token-"+testMobile)
	r.Header.Set("Cookie", "sid=abc")
	if _, err := serve(h, r, next); err != nil {
		t.Fatal(err)
	}
	if seen == nil {
		t.Fatal("the request did not reach the upstream")
	}
	for _, s := range []string{seen.URL.Path, seen.URL.RawQuery, seen.URL.String(), seen.RequestURI, hdr.Get("X-Phone"), hdr.Get("Referer")} {
		assertNoRaw(t, "request the upstream saw", s)
	}
	if !strings.HasPrefix(seen.URL.Path, "/u/") || !strings.HasSuffix(seen.URL.RawQuery, "&page=2") {
		t.Errorf("target lost its structure: %q ? %q", seen.URL.Path, seen.URL.RawQuery)
	}
	if hdr.Get("Authorization") != "Bearer token-"+testMobile || hdr.Get("Cookie") != "sid=abc" {
		t.Errorf("credentials were changed: %q %q", hdr.Get("Authorization"), hdr.Get("Cookie"))
	}
	incs := incidents(logs)
	if len(incs) != 1 || incs[0].ContextMap()["in"] != "headers" {
		t.Errorf("incidents %v, want one in headers", incs)
	}
	assertLogsClean(t, logs)
}

func TestRequestFieldsRefused(t *testing.T) {
	h, logs := newHandler(t, Handler{Request: "reject"})
	var c captured
	w, err := serve(h, withVars(httptest.NewRequest("GET", "/q?tel="+testMobile, nil)), capture(&c))
	if err != nil && !isRefusal(err) {
		t.Fatal(err)
	}
	if c.called || w.Code != http.StatusForbidden {
		t.Errorf("upstream called %v, status %d: want a 403 refusal", c.called, w.Code)
	}
	assertLogsClean(t, logs)
}

func TestFieldNameHoldingIdentifierDropped(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	w, err := serve(h, withVars(httptest.NewRequest("GET", "/", nil)), respondWith(http.StatusOK, map[string]string{"X-" + testMobile: "1"}, []byte("ok")))
	if err != nil {
		t.Fatal(err)
	}
	for k := range w.Header() {
		assertNoRaw(t, "field name", k)
	}
}

func TestEarlyHintsMasked(t *testing.T) {
	h, _ := newHandler(t, Handler{Response: "reject"})
	rec := &hintsRecorder{ResponseRecorder: httptest.NewRecorder()}
	next := caddyhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Link", "</u/"+testMobile+">; rel=preload")
		w.WriteHeader(http.StatusEarlyHints)
		w.Header().Del("Link")
		w.WriteHeader(http.StatusOK)
		_, err := w.Write([]byte("ok"))
		return err
	})
	if err := h.ServeHTTP(rec, withVars(httptest.NewRequest("GET", "/", nil)), next); err != nil {
		t.Fatal(err)
	}
	if len(rec.hints) != 1 {
		t.Fatalf("%d early hints, want 1", len(rec.hints))
	}
	assertNoRaw(t, "103 Link", rec.hints[0])
	if rec.Code != http.StatusOK {
		t.Errorf("final status %d, want 200 (an informational response is masked, not refused)", rec.Code)
	}
}

// hintsRecorder records the Link field of each 103 written.
type hintsRecorder struct {
	*httptest.ResponseRecorder
	hints []string
}

func (r *hintsRecorder) WriteHeader(status int) {
	if status == http.StatusEarlyHints {
		r.hints = append(r.hints, r.Header().Get("Link"))
		return
	}
	r.ResponseRecorder.WriteHeader(status)
}

func TestFieldPanicFollowsOnError(t *testing.T) {
	setSeam(t, &findField, func(_ *detect.Engine, text []byte, _ detect.CategorySet) ([]detect.Finding, error) {
		panicQuoting(text)
		return nil, nil
	})
	h, logs := newHandler(t, Handler{})
	var c captured
	r := withVars(httptest.NewRequest("GET", "/q?tel="+testMobile, nil))
	w, err := serve(h, r, capture(&c))
	if err != nil && !isRefusal(err) {
		t.Fatal(err)
	}
	if c.called || w.Code != http.StatusBadRequest {
		t.Errorf("request: upstream called %v, status %d: want 400 (on_error reject)", c.called, w.Code)
	}
	resp, _ := newHandler(t, Handler{Request: "off"})
	w, err = serve(resp, withVars(httptest.NewRequest("GET", "/", nil)), respondWith(http.StatusOK, map[string]string{"X-Mobile": testMobile}, []byte("ok")))
	if err != nil && !isRefusal(err) {
		t.Fatal(err)
	}
	if w.Code != resp.cfg.status {
		t.Errorf("response: status %d, want the refusal %d", w.Code, h.cfg.status)
	}
	assertNoRaw(t, "refused response field", w.Header().Get("X-Mobile"))
	assertLogsClean(t, logs)

	open, _ := newHandler(t, Handler{OnError: "pass"})
	w, err = serve(open, withVars(httptest.NewRequest("GET", "/", nil)), respondWith(http.StatusOK, map[string]string{"X-Mobile": "1"}, []byte("ok")))
	if err != nil || w.Code != http.StatusOK || w.Body.String() != "ok" {
		t.Errorf("on_error pass: %d %q %v, want the response as it came", w.Code, w.Body.String(), err)
	}
}

// TestEachLeakyFieldAloneFound: the joined first reading of a response's
// fields misses none of the leaky fields when it stands alone among clean
// ones (every field read on its own only when the joined reading finds
// something).
func TestEachLeakyFieldAloneFound(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	leaky, clean := leakyHeaders()
	for k, v := range leaky {
		hdr := map[string]string{k: v}
		for ck, cv := range clean {
			hdr[ck] = cv
		}
		w, err := serve(h, withVars(httptest.NewRequest("GET", "/", nil)), respondWith(http.StatusOK, hdr, []byte("ok")))
		if err != nil {
			t.Fatal(err)
		}
		assertNoRaw(t, k+" alone", w.Header().Get(k))
		for ck, cv := range clean {
			if got := w.Header().Get(ck); got != cv {
				t.Errorf("%s alone: clean %s = %q, want %q", k, ck, got, cv)
			}
		}
	}
}

// TestSplitAcrossFieldsStarred: what only the joined reading finds, a
// value spread over two fields, is starred in both, and counted once.
func TestSplitAcrossFieldsStarred(t *testing.T) {
	real := findField
	setSeam(t, &findField, func(e *detect.Engine, text []byte, hint detect.CategorySet) ([]detect.Finding, error) {
		// a stand-in engine that sees "1381" + "2345678" joined across
		// the lines of the joined reading, and nothing in one value
		if i := strings.Index(string(text), "1381\nX-B: 2345678"); i >= 0 {
			return []detect.Finding{{Category: detect.CNMobile, Start: i, End: i + len("1381\nX-B: 2345678")}}, nil
		}
		return real(e, text, hint)
	})
	h, logs := newHandler(t, Handler{})
	w, err := serve(h, withVars(httptest.NewRequest("GET", "/", nil)), respondWith(http.StatusOK, map[string]string{"X-A": "1381", "X-B": "2345678", "X-C": "clean"}, []byte("ok")))
	if err != nil {
		t.Fatal(err)
	}
	if a, b := w.Header().Get("X-A"), w.Header().Get("X-B"); a != "****" || b != "*******" {
		t.Errorf("X-A %q X-B %q, want both starred", a, b)
	}
	if c := w.Header().Get("X-C"); c != "clean" {
		t.Errorf("X-C %q, want it untouched", c)
	}
	incs := incidents(logs)
	if len(incs) != 1 {
		t.Fatalf("%d incidents, want 1", len(incs))
	}
	if n := incs[0].ContextMap()["findings"]; n != int64(1) {
		t.Errorf("findings %v, want 1", n)
	}
}

// TestResponseTrailersMasked: trailer fields set after the body (announced
// by Trailer, or with http.TrailerPrefix), as gRPC's grpc-message carries
// an error's text, are masked whether the body was buffered or passed.
func TestResponseTrailersMasked(t *testing.T) {
	for _, ct := range []string{"text/plain", "image/png"} {
		h, logs := newHandler(t, Handler{})
		next := caddyhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
			w.Header().Set("Content-Type", ct)
			w.Header().Set("Trailer", "Grpc-Message")
			w.WriteHeader(http.StatusOK)
			if _, err := w.Write([]byte("\x89PNG\r\n\x1a\nbody")); err != nil {
				return err
			}
			w.Header().Set("Grpc-Message", "user "+testMobile+" not found")
			w.Header().Set(http.TrailerPrefix+"X-Id", testID)
			return nil
		})
		w, err := serve(h, withVars(httptest.NewRequest("GET", "/", nil)), next)
		if err != nil {
			t.Fatal(err)
		}
		res := w.Result()
		for k, vs := range res.Trailer {
			assertNoRaw(t, ct+": trailer "+k, strings.Join(vs, ","))
		}
		if got := res.Trailer.Get("Grpc-Message"); !strings.HasPrefix(got, "user ") || !strings.HasSuffix(got, " not found") {
			t.Errorf("%s: grpc-message %q, want it masked in place", ct, got)
		}
		if n := len(incidents(logs)); n != 1 {
			t.Errorf("%s: %d incidents, want 1 for the trailers", ct, n)
		}
		assertLogsClean(t, logs)
	}
}

// TestRequestTrailersMasked: a request's trailer fields, in once its body
// is read, reach the upstream masked.
func TestRequestTrailersMasked(t *testing.T) {
	h, logs := newHandler(t, Handler{})
	var trailer http.Header
	next := caddyhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		trailer = r.Trailer.Clone()
		w.WriteHeader(http.StatusNoContent)
		return nil
	})
	r := withVars(httptest.NewRequest("POST", "/upload", strings.NewReader("hello")))
	r.Header.Set("Content-Type", "text/plain")
	r.Trailer = http.Header{"X-Id": {testID}}
	if _, err := serve(h, r, next); err != nil {
		t.Fatal(err)
	}
	assertNoRaw(t, "request trailer", trailer.Get("X-Id"))
	if trailer.Get("X-Id") == "" {
		t.Error("the trailer was dropped, want it masked")
	}
	assertLogsClean(t, logs)
}

// TestStarSplitLinear: the lines starSplit looks at grow with the fields,
// not with fields times findings (a 1 MB request header of 56000 values
// each holding a mobile took 5.6 s when every finding met every line).
func TestStarSplitLinear(t *testing.T) {
	looked := func(n int) int {
		hdr := http.Header{}
		lines := []fieldLine{{name: "X-A", value: -1, start: 0, end: 3}}
		var together []detect.Finding
		s := fieldScan{rewrite: true}
		pos := 5
		for i := range n {
			hdr["X-A"] = append(hdr["X-A"], testMobile)
			lines = append(lines, fieldLine{name: "X-A", value: i, start: pos, end: pos + 11})
			together = append(together, detect.Finding{Category: detect.CNMobile, Start: pos, End: pos + 11})
			pos += 12
		}
		return s.starSplit(hdr, lines, together)
	}
	small, big := looked(1000), looked(8000)
	if big > 8*small+16 {
		t.Errorf("starSplit looked at %d lines for 1000 values, %d for 8000: not linear", small, big)
	}
}

// TestFieldsSetLateScreened: fields a handler sets after WriteHeader or
// after the body of a buffered response, trailers it copies into the
// header, fields of a response it never writes, and of one it ends with
// an error, go out masked.
func TestFieldsSetLateScreened(t *testing.T) {
	rows := []struct {
		name string
		next caddyhttp.HandlerFunc
	}{
		{"set after WriteHeader", func(w http.ResponseWriter, r *http.Request) error {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(200)
			w.Header().Set("X-Mobile", testMobile)
			_, err := w.Write([]byte("hello"))
			return err
		}},
		{"set after Write", func(w http.ResponseWriter, r *http.Request) error {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(200)
			_, err := w.Write([]byte("hello"))
			w.Header().Set("Location", "/u?id="+testID)
			return err
		}},
		{"announced trailer copied into the header", func(w http.ResponseWriter, r *http.Request) error {
			w.Header().Set("Content-Type", "text/plain")
			w.Header().Set("Trailer", "X-Sum")
			w.WriteHeader(200)
			_, err := w.Write([]byte("hello"))
			w.Header().Set("X-Sum", testMobile)
			return err
		}},
		{"nothing written", func(w http.ResponseWriter, r *http.Request) error {
			w.Header().Set("X-Mobile", testMobile)
			return nil
		}},
		{"error before WriteHeader", func(w http.ResponseWriter, r *http.Request) error {
			w.Header().Set("X-Mobile", testMobile)
			return caddyhttp.Error(http.StatusBadGateway, errors.New("upstream gone"))
		}},
	}
	for _, row := range rows {
		h, logs := newHandler(t, Handler{})
		w, _ := serve(h, withVars(httptest.NewRequest("GET", "/", nil)), row.next)
		for k, vs := range w.Header() {
			assertNoRaw(t, row.name+": "+k, strings.Join(vs, ","))
		}
		for k, vs := range w.Result().Trailer {
			assertNoRaw(t, row.name+": trailer "+k, strings.Join(vs, ","))
		}
		assertLogsClean(t, logs)
	}
}
