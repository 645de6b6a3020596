package caddymodule

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap/zaptest/observer"
)

// trailerAtEOF is a request body as Go's server gives one of a chunked
// request: its trailer fields (declared by "Trailer:" with no value) are
// filled in when the body is read to its end.
type trailerAtEOF struct {
	r       io.Reader
	req     *http.Request
	trailer http.Header
}

func (b *trailerAtEOF) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err == io.EOF {
		for k, v := range b.trailer {
			b.req.Trailer[k] = v
		}
	}
	return n, err
}

func (b *trailerAtEOF) Close() error { return nil }

// pngBytes is the head of a PNG file and binary padding: no text.
func pngBytes() []byte {
	return append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 1, 2, 0xff}, 200)...)
}

// chunkedUpload is a chunked POST of body typed ct that announces the
// trailer field X-Id and sends value in it.
func chunkedUpload(body []byte, ct, value string) *http.Request {
	r := withVars(httptest.NewRequest("POST", "/upload", nil))
	r.Header.Set("Content-Type", ct)
	r.ContentLength = -1
	r.TransferEncoding = []string{"chunked"}
	r.Trailer = http.Header{"X-Id": nil}
	r.Body = &trailerAtEOF{r: bytes.NewReader(body), req: r, trailer: http.Header{"X-Id": {value}}}
	return r
}

// upstreamSeen is what a next handler that reads the body to its end, as
// reverse_proxy does before it copies the trailers, saw.
type upstreamSeen struct {
	body    []byte
	readErr error
	trailer http.Header
}

// readsToEnd returns a next handler that records into s the body and
// the trailer fields as Caddy's reverse_proxy sends them on: it copies
// r.Trailer in the read of the body that returns io.EOF, and not at all
// when the read fails (reverseproxy.requestBodyWithTrailers).
func readsToEnd(s *upstreamSeen) caddyhttp.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		s.trailer = http.Header{}
		body := &copyTrailerAtEOF{ReadCloser: r.Body, from: r.Trailer, to: s.trailer}
		s.body, s.readErr = io.ReadAll(body)
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
}

// copyTrailerAtEOF copies from into to in the Read that returns io.EOF.
type copyTrailerAtEOF struct {
	io.ReadCloser
	from, to http.Header
}

func (b *copyTrailerAtEOF) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err == io.EOF {
		for k, vv := range b.from {
			b.to[k] = slices.Clone(vv)
		}
	}
	return n, err
}

// TestTrailerAfterBinaryBody (attack pass 34, F8): a request body the
// filter sends on unread past its head (an untyped or octet-stream upload
// whose first 512 bytes are not text, prefixedBody) or not at all (an
// image type) has its trailer fields arrive only as the upstream reads it
// to its end, after the filter is done: a chunked PNG upload with
// "Trailer: X-Id" and the ID in the trailer. They are read in the Read
// that reaches the end (trailerScreen): under redact the upstream gets
// the whole body and the trailer masked; under reject the read fails
// and no trailer value is left; under log the body and the trailer go
// on and the finding is reported. No log entry holds the ID.
func TestTrailerAfterBinaryBody(t *testing.T) {
	png := pngBytes()
	for _, ct := range []string{"application/octet-stream", "image/png"} {
		t.Run(ct+" redact", func(t *testing.T) {
			h, logs := newHandler(t, Handler{})
			var s upstreamSeen
			if _, err := serve(h, chunkedUpload(png, ct, testID), readsToEnd(&s)); err != nil {
				t.Fatal(err)
			}
			if s.readErr != nil || !bytes.Equal(s.body, png) {
				t.Errorf("the upload did not reach the upstream whole: %d bytes, error %v", len(s.body), s.readErr)
			}
			got := s.trailer.Get("X-Id")
			assertNoRaw(t, "request trailer the upstream got", got)
			if len(got) != len(testID) {
				t.Errorf("the trailer was not masked in place: %q", got)
			}
			assertLogsClean(t, logs)
			assertOutcomes(t, logs, outRedacted)
		})
		t.Run(ct+" reject", func(t *testing.T) {
			h, logs := newHandler(t, Handler{Request: "reject"})
			var s upstreamSeen
			if _, err := serve(h, chunkedUpload(png, ct, testID), readsToEnd(&s)); err != nil {
				t.Fatal(err)
			}
			if !errors.Is(s.readErr, errTrailerRefused) {
				t.Errorf("the upstream's read of the body ended with %v, not the refusal", s.readErr)
			}
			if len(s.trailer.Values("X-Id")) != 0 {
				t.Errorf("a refused trailer is still there: %q", s.trailer.Values("X-Id"))
			}
			assertLogsClean(t, logs)
			assertOutcomes(t, logs, outRefused)
		})
		t.Run(ct+" log", func(t *testing.T) {
			h, logs := newHandler(t, Handler{Request: "log"})
			var s upstreamSeen
			if _, err := serve(h, chunkedUpload(png, ct, testID), readsToEnd(&s)); err != nil {
				t.Fatal(err)
			}
			if s.readErr != nil || s.trailer.Get("X-Id") != testID {
				t.Errorf("under log the trailer should go on as sent: %v, %q", s.readErr, s.trailer.Get("X-Id"))
			}
			assertLogsClean(t, logs)
			assertOutcomes(t, logs, outLogged)
		})
	}
	t.Run("clean trailer", func(t *testing.T) {
		h, _ := newHandler(t, Handler{Request: "reject"})
		var s upstreamSeen
		if _, err := serve(h, chunkedUpload(png, "application/octet-stream", "sha256-abc"), readsToEnd(&s)); err != nil {
			t.Fatal(err)
		}
		if s.readErr != nil || s.trailer.Get("X-Id") != "sha256-abc" || !bytes.Equal(s.body, png) {
			t.Errorf("a clean trailer was altered: %v, %q, %d bytes", s.readErr, s.trailer.Get("X-Id"), len(s.body))
		}
	})
}

// assertOutcomes fails unless the incidents logged have the outcomes
// want, in order.
func assertOutcomes(t *testing.T, logs *observer.ObservedLogs, want ...outcome) {
	t.Helper()
	var got []outcome
	for _, e := range incidents(logs) {
		got = append(got, outcome(e.ContextMap()["outcome"].(string)))
	}
	if !slices.Equal(got, want) {
		t.Errorf("incident outcomes %v, want %v", got, want)
	}
}

// TestTrailerIncidentPublished (issue #9): the incident of request
// trailer fields read at the end of a body sent on unread was logged from
// the upstream's read but never published: pii_incident and the
// http.pii.* placeholders stayed empty, so handle_errors and the access
// log showed a clean exchange. It is now published once the next handler
// returned, under every action; one read only after the handler returned
// (the upstream answered first) is logged, and published nowhere.
func TestTrailerIncidentPublished(t *testing.T) {
	png := pngBytes()
	for _, tc := range []struct {
		action string
		want   outcome
	}{{"redact", outRedacted}, {"reject", outRefused}, {"log", outLogged}} {
		t.Run(tc.action, func(t *testing.T) {
			h, logs := newHandler(t, Handler{Request: tc.action})
			r := chunkedUpload(png, "application/octet-stream", testID)
			var s upstreamSeen
			if _, err := serve(h, r, readsToEnd(&s)); err != nil {
				t.Fatal(err)
			}
			inc := incidents(logs)
			if len(inc) != 1 {
				t.Fatalf("%d incidents logged, want 1", len(inc))
			}
			id := inc[0].ContextMap()["incident"].(string)
			if got := caddyhttp.GetVar(r.Context(), "pii_incident"); got != id {
				t.Errorf("pii_incident = %v, want the logged incident %s", got, id)
			}
			repl := r.Context().Value(caddy.ReplacerCtxKey).(*caddy.Replacer)
			if got, _ := repl.GetString(placeholderIncident); got != id {
				t.Errorf("{%s} = %q, want %s", placeholderIncident, got, id)
			}
			if got, _ := repl.GetString(placeholderAction); got != string(tc.want) {
				t.Errorf("{%s} = %q, want %s", placeholderAction, got, tc.want)
			}
			if got, _ := repl.GetString(placeholderCategories); got != "cn_id" {
				t.Errorf("{%s} = %q, want cn_id", placeholderCategories, got)
			}
		})
	}
	t.Run("read after the handler returned", func(t *testing.T) {
		h, logs := newHandler(t, Handler{})
		r := chunkedUpload(png, "application/octet-stream", testID)
		var body io.Reader
		next := caddyhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
			body = r.Body // read later, as a transport still writing the request
			w.WriteHeader(http.StatusNoContent)
			return nil
		})
		if _, err := serve(h, r, next); err != nil {
			t.Fatal(err)
		}
		if _, err := io.ReadAll(body); err != nil {
			t.Fatal(err)
		}
		if len(incidents(logs)) != 1 {
			t.Fatalf("%d incidents logged, want 1", len(incidents(logs)))
		}
		if got := caddyhttp.GetVar(r.Context(), "pii_incident"); got != nil && got != "" {
			t.Errorf("pii_incident set after the handler returned: %v", got)
		}
	})
}
