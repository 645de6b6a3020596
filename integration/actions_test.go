package integration

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"path"
	"slices"
	"strings"
	"testing"
)

const actionSite = `
	handle /redact/* {
		pii_filter
		reverse_proxy {$UP}
	}
	handle /reject/* {
		pii_filter {
			request reject
			response reject
		}
		reverse_proxy {$UP}
	}
	handle /log/* {
		pii_filter {
			request log
			response log
			dossier 0
		}
		reverse_proxy {$UP}
	}
	handle /nodossier/* {
		pii_filter {
			dossier 0
		}
		reverse_proxy {$UP}
	}
	handle /small/* {
		pii_filter {
			max_body 1KiB
		}
		reverse_proxy {$UP}
	}
	handle /limited/* {
		request_body {
			max_size 100
		}
		pii_filter
		reverse_proxy {$UP}
	}
	handle /small-pass/* {
		pii_filter {
			max_body 1KiB
			oversize pass
		}
		reverse_proxy {$UP}
	}
`

// Bodies the action tests send and serve.
var (
	// oneCategory holds one kind of personal information.
	oneCategory = []byte("请回电 " + alice.Mobile + "，谢谢")
	// twoCategories holds two kinds: below the dossier threshold.
	twoCategories = []byte("手机 " + alice.Mobile + "，邮箱 " + alice.Email)
	// dossierDoc combines a name, an identity number and a mobile number:
	// the dossier (开盒) the default threshold of 3 refuses.
	dossierDoc = fmt.Appendf(nil, `{"target":{"realName":"%s","idCard":"%s","mobile":"%s"},"note":"人肉结果"}`,
		bob.Name, bob.ID, bob.Mobile)
	// bigBody is larger than 1KiB, with personal information in it.
	bigBody = append(bytes.Repeat([]byte("这是一段很长的留言。"), 70), " 手机 "+alice.Mobile...)
)

// actionServer starts Caddy with actionSite. The upstream records POSTs
// and answers GETs by the last path segment: "one", "two", "dossier",
// "big" (with its Content-Length), "big-chunked" (without), "cookie" (one
// category, with Set-Cookie, a strong ETag and caching headers).
func actionServer(t *testing.T, site string) (*caddyServer, *capture) {
	t.Helper()
	c := newCapture()
	serve := map[string]http.Handler{
		"one":     fixed(http.StatusOK, oneCategory, "Content-Type", "text/plain; charset=utf-8"),
		"two":     fixed(http.StatusOK, twoCategories, "Content-Type", "text/plain; charset=utf-8"),
		"dossier": fixed(http.StatusOK, dossierDoc, "Content-Type", "application/json"),
		"big": fixed(http.StatusOK, bigBody, "Content-Type", "text/plain; charset=utf-8",
			"Content-Length", fmt.Sprint(len(bigBody))),
		"big-chunked": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			_, _ = w.Write(bigBody[:100])
			_ = http.NewResponseController(w).Flush() // no Content-Length from here on
			_, _ = w.Write(bigBody[100:])
		}),
		"cookie": fixed(http.StatusOK, oneCategory, "Content-Type", "text/plain; charset=utf-8",
			"Set-Cookie", "session=s3cr3t", "ETag", `"v1"`, "Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT",
			"Cache-Control", "public, max-age=600"),
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			c.handler()(w, r)
			return
		}
		if hh, ok := serve[path.Base(r.URL.Path)]; ok {
			hh.ServeHTTP(w, r)
			return
		}
		http.NotFound(w, r)
	})
	t.Setenv("UP", upstream(t, h))
	return startCaddy(t, site), c
}

// TestRedactAction: the default action masks personal information in
// both directions and logs an incident of outcome "redacted".
func TestRedactAction(t *testing.T) {
	s, c := actionServer(t, actionSite)
	t.Run("request", func(t *testing.T) {
		s.post(t, "/redact/msg", "text/plain; charset=utf-8", oneCategory)
		got := c.next(t)
		got.assertConsistent(t)
		if want := "请回电 " + maskMobile(alice.Mobile) + "，谢谢"; string(got.body) != want {
			t.Errorf("upstream got %q, want %q", got.body, want)
		}
	})
	t.Run("response", func(t *testing.T) {
		resp, body := s.get(t, "/redact/one")
		assertLength(t, resp, body)
		if want := "请回电 " + maskMobile(alice.Mobile) + "，谢谢"; string(body) != want {
			t.Errorf("client got %q, want %q", body, want)
		}
	})
	t.Run("below the dossier threshold", func(t *testing.T) {
		resp, body := s.get(t, "/redact/two")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d", resp.StatusCode)
		}
		assertNoRaw(t, "body", body, alice.Mobile, alice.Email)
	})
	t.Run("incidents", func(t *testing.T) {
		for _, p := range []string{"/redact/msg", "/redact/one", "/redact/two"} {
			inc := s.incidentsFor(t, p)
			if len(inc) != 1 || inc[0].Outcome != "redacted" || inc[0].Action != "redact" {
				t.Errorf("%s: incidents %+v", p, inc)
				continue
			}
			if inc[0].Samples[0].Masked != maskMobile(alice.Mobile) {
				t.Errorf("%s: sample %+v", p, inc[0].Samples[0])
			}
		}
	})
}

// TestRejectAction: reject refuses the message with a problem document
// naming the categories and the incident, never a value; the upstream
// never sees a refused request, and a refused response loses the headers
// that described the upstream's body.
func TestRejectAction(t *testing.T) {
	s, c := actionServer(t, actionSite)
	t.Run("request", func(t *testing.T) {
		resp, body := s.post(t, "/reject/msg", "text/plain; charset=utf-8", oneCategory)
		c.none(t)
		p := assertProblem(t, resp, body, http.StatusForbidden, "refused-personal-information")
		if !slices.Equal(p.Categories, []string{"cn_mobile"}) || p.Dossier {
			t.Errorf("problem %+v", p)
		}
		if bytes.Contains(body, []byte(maskMobile(alice.Mobile))) {
			t.Errorf("refusal quotes the masked value: %s", body)
		}
		e := s.incident(t, p.Incident)
		if e.Direction != "request" || e.Outcome != "refused" || e.Reason != "personal_information" || e.Level != "warn" {
			t.Errorf("incident %+v", e)
		}
	})
	t.Run("response", func(t *testing.T) {
		resp, body := s.get(t, "/reject/cookie")
		p := assertProblem(t, resp, body, http.StatusForbidden, "refused-personal-information")
		for _, h := range []string{"Set-Cookie", "ETag", "Last-Modified"} {
			if v := resp.Header.Get(h); v != "" {
				t.Errorf("refusal carries the upstream's %s: %q", h, v)
			}
		}
		if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("Cache-Control %q, want no-store", cc)
		}
		if e := s.incident(t, p.Incident); e.Direction != "response" || e.Status != http.StatusForbidden {
			t.Errorf("incident %+v", e)
		}
	})
}

// TestLogAction: log changes nothing, in either direction, and logs the
// incident with masked samples only (the log check of startCaddy makes
// sure no raw value got there).
func TestLogAction(t *testing.T) {
	s, c := actionServer(t, actionSite)
	resp, _ := s.post(t, "/log/msg", "application/json", dossierDoc)
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("status %d", resp.StatusCode)
	}
	got := c.next(t)
	got.assertConsistent(t)
	if !bytes.Equal(got.body, dossierDoc) {
		t.Errorf("log changed the request body: %s", got.body)
	}
	resp, body := s.get(t, "/log/dossier")
	if resp.StatusCode != http.StatusOK || !bytes.Equal(body, dossierDoc) {
		t.Errorf("log changed the response: %d %s", resp.StatusCode, body)
	}
	assertLength(t, resp, body)
	for _, p := range []string{"/log/msg", "/log/dossier"} {
		inc := s.incidentsFor(t, p)
		if len(inc) != 1 || inc[0].Outcome != "logged" || inc[0].Action != "log" || len(inc[0].Categories) != 3 {
			t.Errorf("%s: incidents %+v", p, inc)
		}
	}
}

// TestDossierRefusal: a body combining three kinds of personal
// information is refused even though the action is redact; dossier 0
// turns the rule off.
func TestDossierRefusal(t *testing.T) {
	s, c := actionServer(t, actionSite)
	want := []string{"cn_id", "cn_mobile", "cn_name"}
	t.Run("request", func(t *testing.T) {
		resp, body := s.post(t, "/redact/post", "application/json", dossierDoc)
		c.none(t)
		p := assertProblem(t, resp, body, http.StatusForbidden, "refused-personal-information")
		if !p.Dossier || !slices.Equal(p.Categories, want) || !strings.Contains(p.Detail, "3") {
			t.Errorf("problem %+v", p)
		}
		if e := s.incident(t, p.Incident); !e.Dossier || e.Reason != "dossier" || e.Outcome != "refused" {
			t.Errorf("incident %+v", e)
		}
	})
	t.Run("response", func(t *testing.T) {
		resp, body := s.get(t, "/redact/dossier")
		p := assertProblem(t, resp, body, http.StatusForbidden, "refused-personal-information")
		if !p.Dossier || !slices.Equal(p.Categories, want) {
			t.Errorf("problem %+v", p)
		}
	})
	t.Run("dossier 0 redacts instead", func(t *testing.T) {
		resp, _ := s.post(t, "/nodossier/post", "application/json", dossierDoc)
		if resp.StatusCode != http.StatusNoContent {
			t.Fatalf("status %d", resp.StatusCode)
		}
		got := c.next(t)
		assertNoRaw(t, "request", got.body, bob.Name, bob.ID, bob.Mobile)
		resp, body := s.get(t, "/nodossier/dossier")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d", resp.StatusCode)
		}
		assertNoRaw(t, "response", body, bob.Name, bob.ID, bob.Mobile)
	})
}

// TestOversize: bodies larger than max_body are refused (413 for
// requests, whether their length was declared or not) or, with oversize
// pass, sent on uninspected.
func TestOversize(t *testing.T) {
	s, c := actionServer(t, actionSite)
	t.Run("request declared", func(t *testing.T) {
		resp, body := s.post(t, "/small/msg", "text/plain; charset=utf-8", bigBody)
		c.none(t)
		assertProblem(t, resp, body, http.StatusRequestEntityTooLarge, "refused-too-large")
	})
	t.Run("request chunked", func(t *testing.T) {
		req := newRequest(t, http.MethodPost, "/small/msg", nil, "Content-Type", "text/plain; charset=utf-8")
		req.Body = io.NopCloser(bytes.NewReader(bigBody)) // unknown length: sent chunked
		resp, body := s.do(t, req)
		c.none(t)
		assertProblem(t, resp, body, http.StatusRequestEntityTooLarge, "refused-too-large")
	})
	t.Run("request over request_body's limit", func(t *testing.T) {
		req := newRequest(t, http.MethodPost, "/limited/msg", nil, "Content-Type", "text/plain; charset=utf-8")
		req.Body = io.NopCloser(bytes.NewReader(bigBody)) // chunked: the limit trips while pii_filter reads
		resp, _ := s.do(t, req)
		c.none(t)
		if resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("status %d, want 413", resp.StatusCode)
		}
	})
	t.Run("request pass", func(t *testing.T) {
		resp, _ := s.post(t, "/small-pass/msg", "text/plain; charset=utf-8", bigBody)
		if resp.StatusCode != http.StatusNoContent {
			t.Fatalf("status %d", resp.StatusCode)
		}
		got := c.next(t)
		got.assertConsistent(t)
		if !bytes.Equal(got.body, bigBody) {
			t.Errorf("oversize pass changed the body")
		}
	})
	t.Run("response pass declared", func(t *testing.T) {
		resp, body := s.get(t, "/small-pass/big")
		if resp.StatusCode != http.StatusOK || !bytes.Equal(body, bigBody) {
			t.Errorf("status %d, %d bytes", resp.StatusCode, len(body))
		}
	})
	t.Run("response pass chunked", func(t *testing.T) {
		resp, body := s.get(t, "/small-pass/big-chunked")
		if resp.StatusCode != http.StatusOK || !bytes.Equal(body, bigBody) {
			t.Errorf("status %d, %d bytes", resp.StatusCode, len(body))
		}
	})
	t.Run("response declared", func(t *testing.T) {
		resp, body := s.get(t, "/small/big")
		assertProblem(t, resp, body, http.StatusForbidden, "refused-too-large")
	})
	t.Run("response chunked", func(t *testing.T) {
		resp, body := s.get(t, "/small/big-chunked")
		assertProblem(t, resp, body, http.StatusForbidden, "refused-too-large")
	})
}

// TestHandleErrors: when the site has handle_errors, a refused request is
// answered by those routes, with the incident id as {err.id} and in
// {http.vars.pii_incident}, and the refusal's categories (never values) in
// {err.message}. A refused response is still the problem document, and
// other errors reach handle_errors as usual, without an incident.
func TestHandleErrors(t *testing.T) {
	s, c := actionServer(t, actionSite+`
	handle /down/* {
		pii_filter
		reverse_proxy 127.0.0.1:1
	}
	handle_errors {
		header Content-Type "text/plain; charset=utf-8"
		respond "status={err.status_code} id={err.id} var={http.vars.pii_incident} msg={err.message}" {err.status_code}
	}
`)
	field := func(body []byte, name string) string {
		for _, f := range strings.Fields(string(body)) {
			if v, ok := strings.CutPrefix(f, name+"="); ok {
				return v
			}
		}
		return ""
	}
	t.Run("reject", func(t *testing.T) {
		resp, body := s.post(t, "/reject/msg", "text/plain; charset=utf-8", oneCategory)
		c.none(t)
		if resp.StatusCode != http.StatusForbidden || field(body, "status") != "403" {
			t.Fatalf("status %d: %s", resp.StatusCode, body)
		}
		id := resp.Header.Get("X-PII-Incident")
		if id == "" || field(body, "id") != id || field(body, "var") != id {
			t.Errorf("X-PII-Incident %q, body %s", id, body)
		}
		if !strings.Contains(string(body), "cn_mobile") {
			t.Errorf("{err.message} does not name the category: %s", body)
		}
		assertNoRaw(t, "error page", body, allRaw()...)
		assertNoRaw(t, "error page", body, maskMobile(alice.Mobile))
		s.incident(t, id)
	})
	t.Run("dossier", func(t *testing.T) {
		resp, body := s.post(t, "/redact/post", "application/json", dossierDoc)
		c.none(t)
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(body), "dossier") {
			t.Errorf("status %d: %s", resp.StatusCode, body)
		}
		assertNoRaw(t, "error page", body, allRaw()...)
	})
	t.Run("oversize", func(t *testing.T) {
		resp, body := s.post(t, "/small/msg", "text/plain; charset=utf-8", bigBody)
		c.none(t)
		if resp.StatusCode != http.StatusRequestEntityTooLarge || field(body, "id") != resp.Header.Get("X-PII-Incident") {
			t.Errorf("status %d, X-PII-Incident %q: %s", resp.StatusCode, resp.Header.Get("X-PII-Incident"), body)
		}
	})
	t.Run("refused response stays a problem document", func(t *testing.T) {
		resp, body := s.get(t, "/reject/one")
		assertProblem(t, resp, body, http.StatusForbidden, "refused-personal-information")
	})
	t.Run("upstream down", func(t *testing.T) {
		resp, body := s.get(t, "/down/x")
		if resp.StatusCode != http.StatusBadGateway || field(body, "status") != "502" || field(body, "var") != "" {
			t.Errorf("status %d: %s", resp.StatusCode, body)
		}
		if resp.Header.Get("X-PII-Incident") != "" {
			t.Errorf("X-PII-Incident on an error that is not a refusal")
		}
	})
}

// TestVerdictCache: the verdict cache answers a body it has judged
// before exactly as a fresh scan would, in both directions and for every
// verdict (redacted, refused, clean), and every repeat is still logged
// as an incident of its own. Verdicts do not leak between policies.
func TestVerdictCache(t *testing.T) {
	s, c := actionServer(t, actionSite+`
	handle /nocache/* {
		pii_filter {
			cache off
		}
		reverse_proxy {$UP}
	}
`)
	hits := func(t *testing.T, path string) []bool {
		t.Helper()
		var out []bool
		for _, e := range s.incidentsFor(t, path) {
			out = append(out, e.CacheHit)
		}
		return out
	}
	t.Run("response", func(t *testing.T) {
		_, first := s.get(t, "/redact/one")
		_, second := s.get(t, "/redact/one")
		if !bytes.Equal(first, second) || bytes.Contains(second, []byte(alice.Mobile)) {
			t.Errorf("second answer %q, first %q", second, first)
		}
		// The first may be a hit too: the cache outlives a reload that
		// keeps the policy, and earlier tests served the same body.
		if h := hits(t, "/redact/one"); len(h) != 2 || !h[1] {
			t.Errorf("cache hits of the incidents %v, want [any true]", h)
		}
	})
	t.Run("request", func(t *testing.T) {
		for range 2 {
			s.post(t, "/redact/msg", "text/plain; charset=utf-8", oneCategory)
			got := c.next(t)
			got.assertConsistent(t)
			if want := "请回电 " + maskMobile(alice.Mobile) + "，谢谢"; string(got.body) != want {
				t.Errorf("upstream got %q, want %q", got.body, want)
			}
		}
		if h := hits(t, "/redact/msg"); len(h) != 2 || !h[1] {
			t.Errorf("cache hits %v, want [any true]", h)
		}
	})
	t.Run("compressed request", func(t *testing.T) {
		sent := compress(t, "gzip", dossierDoc)
		for range 2 {
			s.post(t, "/nodossier/gz", "application/json", sent, "Content-Encoding", "gzip")
			got := c.next(t)
			got.assertConsistent(t)
			if ce := got.header.Get("Content-Encoding"); ce != "" {
				t.Errorf("upstream got Content-Encoding %q", ce)
			}
			assertNoRaw(t, "request", got.body, bob.ID, bob.Mobile)
		}
	})
	t.Run("refusal", func(t *testing.T) {
		for range 2 {
			resp, body := s.post(t, "/reject/again", "text/plain; charset=utf-8", oneCategory)
			c.none(t)
			assertProblem(t, resp, body, http.StatusForbidden, "refused-personal-information")
		}
		for range 2 {
			resp, body := s.get(t, "/redact/dossier")
			assertProblem(t, resp, body, http.StatusForbidden, "refused-personal-information")
		}
	})
	t.Run("other policies judge for themselves", func(t *testing.T) {
		// /redact/one was judged "redacted" above; log passes it whole.
		_, body := s.get(t, "/log/one")
		if !bytes.Equal(body, oneCategory) {
			t.Errorf("log answered %q", body)
		}
		// /nodossier redacts what /redact refused.
		resp, body := s.get(t, "/nodossier/dossier")
		if resp.StatusCode != http.StatusOK {
			t.Errorf("status %d: %s", resp.StatusCode, body)
		}
	})
	t.Run("cache off", func(t *testing.T) {
		s.get(t, "/nocache/one")
		s.get(t, "/nocache/one")
		if h := hits(t, "/nocache/one"); !slices.Equal(h, []bool{false, false}) {
			t.Errorf("cache hits %v with the cache off", h)
		}
	})
}
