package integration

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// docBody is the document the header tests serve: text with personal
// information, so that redaction changes its length.
var docBody = []byte(fmt.Sprintf("客户资料\n手机：%s\n邮箱：%s\n", alice.Mobile, alice.Email))

// docModTime is the Last-Modified of docBody.
var docModTime = time.Date(2025, 11, 1, 8, 0, 0, 0, time.UTC)

// The headers that describe the exact bytes of the upstream's body.
var digestHeaders = map[string]string{
	"Content-MD5":    "bm90LWEtcmVhbC1kaWdlc3Q=",
	"Digest":         "sha-256=bm90LWEtcmVhbC1kaWdlc3Q=",
	"Content-Digest": "sha-256=:bm90LWEtcmVhbC1kaWdlc3Q=:",
	"Repr-Digest":    "sha-256=:bm90LWEtcmVhbC1kaWdlc3Q=:",
}

// headerServer starts Caddy filtering responses on /r/* in front of an
// upstream serving /r/doc with http.ServeContent (ranges, conditional
// requests, HEAD, a strong ETag, digests), /r/partial with a 206 it was
// not asked for and /r/empty with 204. The
// upstream reports the Range and If-Range headers it saw on ranges.
func headerServer(t *testing.T) (*caddyServer, chan string) {
	t.Helper()
	ranges := make(chan string, 16)
	mux := http.NewServeMux()
	mux.HandleFunc("/r/doc", func(w http.ResponseWriter, r *http.Request) {
		ranges <- r.Header.Get("Range") + "|" + r.Header.Get("If-Range")
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("ETag", `"doc-v1"`)
		for k, v := range digestHeaders {
			w.Header().Set(k, v)
		}
		http.ServeContent(w, r, "doc.txt", docModTime, bytes.NewReader(docBody))
	})
	mux.HandleFunc("/r/partial", func(w http.ResponseWriter, r *http.Request) {
		// An upstream that answers with a slice whatever it is asked.
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Content-Range", fmt.Sprintf("bytes 0-9/%d", len(docBody)))
		w.WriteHeader(http.StatusPartialContent)
		_, _ = w.Write(docBody[:10])
	})
	mux.HandleFunc("/r/empty", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Kept", "yes")
		w.Header().Set("ETag", `"empty-v1"`)
		w.WriteHeader(http.StatusNoContent)
	})
	t.Setenv("UP", upstream(t, mux))
	return startCaddy(t, `
	handle /r/* {
		pii_filter {
			request off
		}
		reverse_proxy {$UP}
	}
`), ranges
}

// TestRewrittenHeaders: a redacted response gets its own Content-Length,
// loses Accept-Ranges and the digests of the upstream's bytes, and its
// strong ETag is no longer strong.
func TestRewrittenHeaders(t *testing.T) {
	s, ranges := headerServer(t)
	resp, body := s.get(t, "/r/doc")
	<-ranges
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	assertNoRaw(t, "body", body, alice.Mobile, alice.Email)
	assertLength(t, resp, body)
	if len(body) == len(docBody) {
		t.Fatalf("redaction did not change the length (%d bytes): the test proves nothing", len(body))
	}
	if v := resp.Header.Get("Accept-Ranges"); v != "" {
		t.Errorf("Accept-Ranges %q on a rewritten body", v)
	}
	for k := range digestHeaders {
		if v := resp.Header.Get(k); v != "" {
			t.Errorf("%s %q describes the upstream's bytes", k, v)
		}
	}
	if et := resp.Header.Get("ETag"); et != "" && !strings.HasPrefix(et, "W/") {
		t.Errorf("strong ETag %q on a rewritten body", et)
	}
}

// TestRangeAnsweredWhole: the filter strips Range and If-Range before
// the upstream sees them, so a Range request gets the whole redacted
// representation with 200, never a slice of the unredacted one.
func TestRangeAnsweredWhole(t *testing.T) {
	s, ranges := headerServer(t)
	_, whole := s.get(t, "/r/doc")
	<-ranges
	for _, hdr := range [][]string{
		{"Range", "bytes=0-9"},
		{"Range", "bytes=-8"},
		{"Range", "bytes=0-3", "If-Range", `"doc-v1"`},
	} {
		t.Run(strings.Join(hdr, " "), func(t *testing.T) {
			resp, body := s.get(t, "/r/doc", hdr...)
			if got := <-ranges; got != "|" {
				t.Errorf("upstream saw Range|If-Range %q", got)
			}
			if resp.StatusCode != http.StatusOK {
				t.Errorf("status %d, want 200", resp.StatusCode)
			}
			if v := resp.Header.Get("Content-Range"); v != "" {
				t.Errorf("Content-Range %q", v)
			}
			assertLength(t, resp, body)
			if !bytes.Equal(body, whole) {
				t.Errorf("body %q, want the whole redacted document %q", body, whole)
			}
		})
	}
}

// TestUnaskedPartialRefused: a 206 slice cannot be inspected (the filter
// asked for the whole representation), so with on_error reject it is
// refused.
func TestUnaskedPartialRefused(t *testing.T) {
	s, _ := headerServer(t)
	resp, body := s.get(t, "/r/partial")
	assertProblem(t, resp, body, http.StatusForbidden, "refused-uninspectable")
}

// TestBodilessResponsesUntouched: HEAD, 204 and 304 responses have no
// body to inspect and go through as the upstream sent them. A conditional
// request with the weak ETag of a redacted response still matches.
func TestBodilessResponsesUntouched(t *testing.T) {
	s, ranges := headerServer(t)
	t.Run("HEAD", func(t *testing.T) {
		resp, body := s.do(t, newRequest(t, http.MethodHead, "/r/doc", nil))
		<-ranges
		if resp.StatusCode != http.StatusOK || len(body) != 0 {
			t.Fatalf("status %d, %d body bytes", resp.StatusCode, len(body))
		}
		if resp.Header.Get("Content-Length") != fmt.Sprint(len(docBody)) || resp.Header.Get("ETag") != `"doc-v1"` {
			t.Errorf("HEAD headers changed: Content-Length %q, ETag %q",
				resp.Header.Get("Content-Length"), resp.Header.Get("ETag"))
		}
	})
	t.Run("204", func(t *testing.T) {
		resp, body := s.get(t, "/r/empty")
		if resp.StatusCode != http.StatusNoContent || len(body) != 0 {
			t.Fatalf("status %d, %d body bytes", resp.StatusCode, len(body))
		}
		if resp.Header.Get("X-Kept") != "yes" || resp.Header.Get("ETag") != `"empty-v1"` {
			t.Errorf("204 headers changed: %v", resp.Header)
		}
		if v := resp.Header.Get("Content-Length"); v != "" {
			t.Errorf("Content-Length %q on a 204", v)
		}
	})
	t.Run("304", func(t *testing.T) {
		first, _ := s.get(t, "/r/doc")
		<-ranges
		etag := first.Header.Get("ETag")
		if etag == "" {
			t.Skip("the filter dropped the ETag: no conditional request to make")
		}
		resp, body := s.get(t, "/r/doc", "If-None-Match", etag)
		<-ranges
		if resp.StatusCode != http.StatusNotModified || len(body) != 0 {
			t.Fatalf("status %d, %d body bytes, for If-None-Match %s", resp.StatusCode, len(body), etag)
		}
		if v := resp.Header.Get("Content-Length"); v != "" {
			t.Errorf("Content-Length %q on a 304", v)
		}
		if resp.Header.Get("ETag") != `"doc-v1"` {
			t.Errorf("304 ETag %q changed", resp.Header.Get("ETag"))
		}
		resp, _ = s.get(t, "/r/doc", "If-Modified-Since", docModTime.Format(http.TimeFormat))
		<-ranges
		if resp.StatusCode != http.StatusNotModified {
			t.Errorf("If-Modified-Since: status %d", resp.StatusCode)
		}
	})
}
