package matcher

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// statusOf returns the HTTP status of a matcher error, or 0.
func statusOf(err error) int {
	if he, ok := errors.AsType[caddyhttp.HandlerError](err); ok {
		return he.StatusCode
	}
	return 0
}

func TestBodyReadOnceAndRestored(t *testing.T) {
	body := `{"note":"hello","idCard":"` + testID + `"}`
	src := &countingReader{r: strings.NewReader(body)}
	r := newRequest("POST", "/api", "application/json", nil)
	r.Body, r.ContentLength = src, int64(len(body))

	any := newMatcher(t, MatchPII{})
	cnID := newMatcher(t, MatchPII{Detect: []detect.Category{detect.CNID}})
	email := newMatcher(t, MatchPII{Detect: []detect.Category{detect.Email}})
	bigger := newMatcher(t, MatchPII{MaxBody: 4 << 20})
	for i, tc := range []struct {
		m    *MatchPII
		want bool
	}{{any, true}, {cnID, true}, {email, false}, {any, true}, {bigger, true}, {cnID, true}} {
		if got := mustMatch(t, tc.m, r); got != tc.want {
			t.Errorf("matcher %d: match = %v, want %v", i, got, tc.want)
		}
	}
	readsByMatchers := src.reads
	if readsByMatchers > 3 {
		t.Errorf("the matchers read the client's body %d times; want one pass", readsByMatchers)
	}
	if r.ContentLength != int64(len(body)) {
		t.Errorf("ContentLength = %d, want %d", r.ContentLength, len(body))
	}
	got, err := io.ReadAll(r.Body)
	if err != nil || string(got) != body {
		t.Errorf("the handler after the matchers read %q, %v; want the original body", got, err)
	}
	if err := r.Body.Close(); err != nil || !src.closed {
		t.Errorf("closing the restored body: %v, original closed %v", err, src.closed)
	}
}

func TestBodyVerdictCachedAcrossNot(t *testing.T) {
	// A not block and a plain route ask the same question: one inspection.
	r := newRequest("POST", "/", "text/plain", strings.NewReader("id "+testID))
	m := newMatcher(t, MatchPII{})
	not := caddyhttp.MatchNot{MatcherSets: []caddyhttp.MatcherSet{{m}}}
	if ok, err := not.MatchWithError(r); ok || err != nil {
		t.Fatalf("not pii: %v, %v; want false", ok, err)
	}
	s := caddyhttp.GetVar(r.Context(), stateVar).(*bodyState)
	if !mustMatch(t, m, r) || len(s.verdicts) != 1 {
		t.Errorf("verdicts after two asks: %d, want 1", len(s.verdicts))
	}
}

func TestBodyErrorLeavesNoBody(t *testing.T) {
	// A small max_body fails, and the request is left with no body:
	// Caddy hands it to handle_errors, where a route that proxies would
	// send the body the matcher could not judge upstream raw (attack
	// pass 40, F2). The original body is closed; a later matcher (a CEL
	// expression that absorbed the error, an error route's) finds no
	// body, and the handlers read none.
	body := strings.Repeat("x", 100) + " " + testID
	src := &countingReader{r: strings.NewReader(body)}
	r := newRequest("POST", "/", "text/plain", nil)
	r.Body = src
	r.ContentLength = -1 // chunked: the limit is found by reading
	r.TransferEncoding = []string{"chunked"}
	r.Header.Set("Expect", "100-continue")
	small := newMatcher(t, MatchPII{MaxBody: 50})
	if _, err := small.MatchWithError(r); statusOf(err) != http.StatusRequestEntityTooLarge {
		t.Fatalf("max_body 50 over a longer chunked body: %v, want 413", err)
	}
	if r.Body != http.NoBody || r.ContentLength != 0 || r.TransferEncoding != nil || r.Header.Get("Expect") != "" {
		t.Errorf("body left: %T, length %d, TE %v, header %v", r.Body, r.ContentLength, r.TransferEncoding, r.Header)
	}
	if !src.closed {
		t.Error("the original body was not closed")
	}
	if ok, err := newMatcher(t, MatchPII{}).MatchWithError(r); ok || err != nil {
		t.Errorf("a later matcher: %v, %v; want no body to match", ok, err)
	}
	if got, _ := io.ReadAll(r.Body); len(got) != 0 {
		t.Errorf("body after the matchers: %q", got)
	}
}

func TestBodyErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		m      MatchPII
		req    func() *http.Request
		status int
	}{
		{"declared length over max_body", MatchPII{MaxBody: 16}, func() *http.Request {
			return newRequest("POST", "/", "application/json", strings.NewReader(`{"a":"`+testID+`"}`))
		}, http.StatusRequestEntityTooLarge},
		{"chunked body over max_body", MatchPII{MaxBody: 16}, func() *http.Request {
			r := newRequest("POST", "/", "application/json", strings.NewReader(`{"a":"`+testID+`"}`))
			r.ContentLength, r.TransferEncoding = -1, []string{"chunked"}
			return r
		}, http.StatusRequestEntityTooLarge},
		{"broken gzip", MatchPII{}, func() *http.Request {
			r := newRequest("POST", "/", "application/json", strings.NewReader("not gzip at all"))
			r.Header.Set("Content-Encoding", "gzip")
			return r
		}, http.StatusBadRequest},
		{"unknown coding", MatchPII{}, func() *http.Request {
			r := newRequest("POST", "/", "text/plain", strings.NewReader("abc"))
			r.Header.Set("Content-Encoding", "lzma-9000")
			return r
		}, http.StatusBadRequest},
		{"client went away", MatchPII{}, func() *http.Request {
			r := newRequest("POST", "/", "text/plain", nil)
			r.Body = &failingReader{prefix: strings.NewReader("id "), err: io.ErrUnexpectedEOF}
			r.ContentLength = 100
			return r
		}, http.StatusBadRequest},
		{"request_body limit", MatchPII{}, func() *http.Request {
			r := newRequest("POST", "/", "text/plain", nil)
			r.Body = &failingReader{prefix: strings.NewReader("id "), err: &http.MaxBytesError{Limit: 3}}
			r.ContentLength = -1
			r.TransferEncoding = []string{"chunked"}
			return r
		}, http.StatusRequestEntityTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := newMatcher(t, tc.m)
			r := tc.req()
			ok, err := m.MatchWithError(r)
			if ok || statusOf(err) != tc.status {
				t.Fatalf("got %v, %v; want false and status %d", ok, err, tc.status)
			}
			if strings.Contains(err.Error(), testID) {
				t.Errorf("the error quotes the body: %v", err)
			}
			// No body is left for handle_errors, and asked again (an
			// error route's matcher) there is none to judge.
			if got, _ := io.ReadAll(r.Body); len(got) != 0 || r.ContentLength != 0 {
				t.Errorf("body left after the error: %q (length %d)", got, r.ContentLength)
			}
			if ok2, err2 := m.MatchWithError(r); ok2 || err2 != nil {
				t.Errorf("second ask: %v, %v", ok2, err2)
			}
		})
	}
}

func TestBodyQueryDecidesFirst(t *testing.T) {
	// A match in the query string decides without reading the body.
	src := &countingReader{r: strings.NewReader("some body")}
	r := newRequest("POST", "/?id="+testID, "text/plain", nil)
	r.Body, r.ContentLength = src, 9
	if !mustMatch(t, newMatcher(t, MatchPII{}), r) || src.reads != 0 {
		t.Errorf("reads %d, want 0", src.reads)
	}
}

func TestBodyReplacedByHandler(t *testing.T) {
	// A handler between two routes replaces the body (pii_filter redacts
	// it): the next matcher inspects the new body, not the cached verdict.
	r := newRequest("POST", "/", "text/plain", strings.NewReader("id "+testID))
	m := newMatcher(t, MatchPII{})
	if !mustMatch(t, m, r) {
		t.Fatal("original body: no match")
	}
	clean := "id [CN_ID]"
	r.Body, r.ContentLength = io.NopCloser(strings.NewReader(clean)), int64(len(clean))
	if mustMatch(t, m, r) {
		t.Error("replaced clean body: match")
	}
}

func TestBodyConsumedBeforeLargerRead(t *testing.T) {
	// A matcher read part of the body (the state as an earlier one left
	// it) and a handler read the rest past the buffer: a matcher that
	// needs more of it fails (500).
	body := strings.Repeat("a", 64) + " " + testID
	r := newRequest("POST", "/", "text/plain", strings.NewReader(body))
	r.ContentLength, r.TransferEncoding = -1, []string{"chunked"}
	s := stateFor(r)
	s.mu.Lock()
	err := s.fill(8, r.ContentLength)
	s.mu.Unlock()
	if err != nil || len(s.buf) != 8 {
		t.Fatalf("fill 8: %v, %d bytes", err, len(s.buf))
	}
	if got, _ := io.ReadAll(r.Body); string(got) != body {
		t.Fatalf("handler read %q", got)
	}
	_, err = newMatcher(t, MatchPII{}).MatchWithError(r)
	if statusOf(err) != http.StatusInternalServerError {
		t.Errorf("matcher after the body was consumed: %v, want 500", err)
	}
}

func TestBodyExpectDropped(t *testing.T) {
	r := newRequest("POST", "/", "text/plain", strings.NewReader("hello"))
	r.Header.Set("Expect", "100-continue")
	mustMatch(t, newMatcher(t, MatchPII{}), r)
	if r.Header.Get("Expect") != "" {
		t.Error("Expect kept after the body was read")
	}
}

// TestBodyNotText checks that a binary body, larger than max_body, is read
// only as far as its head, and that a compressed one is not passed
// unread.
func TestBodyNotText(t *testing.T) {
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"), bytes.Repeat([]byte{0}, 2<<10)...)
	src := &countingReader{r: bytes.NewReader(png)}
	r := newRequest("POST", "/", "image/png", nil)
	r.Body, r.ContentLength = src, 1<<30 // larger than max_body: only the head is read
	if ok, err := newMatcher(t, MatchPII{}).MatchWithError(r); ok || err != nil || src.n > sniffLen {
		t.Errorf("image: %v, %v, %d bytes read; want no match, no error, at most the head", ok, err, src.n)
	}
	src = &countingReader{r: bytes.NewReader(png)}
	r = newRequest("POST", "/", "image/png", nil)
	r.Body, r.ContentLength = src, 1<<30
	r.Header.Set("Content-Encoding", "gzip")
	// a compressed body is judged once decompressed: one declared larger
	// than max_body fails closed
	if _, err := newMatcher(t, MatchPII{}).MatchWithError(r); statusOf(err) != http.StatusRequestEntityTooLarge {
		t.Errorf("compressed image: %v, want 413", err)
	}
}

func TestBodyStatePlaceholder(t *testing.T) {
	r := newRequest("POST", "/", "text/plain", strings.NewReader("id "+testID))
	mustMatch(t, newMatcher(t, MatchPII{}), r)
	repl := r.Context().Value(caddy.ReplacerCtxKey).(*caddy.Replacer)
	got := repl.ReplaceAll("{http.vars."+stateVar+"}", "")
	if strings.Contains(got, testID) || got == "" {
		t.Errorf("the state's placeholder shows %q", got)
	}
}
