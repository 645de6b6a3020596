package caddymodule

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"go.uber.org/zap/zaptest/observer"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// fakeClock is the cache's clock in tests: it moves only when told.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Unix(1_700_000_000, 0)} }

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// oneShardCache returns a cache of one shard, so tests know which entry
// is the least recently used.
func oneShardCache(entries int, size int64, ttl time.Duration, clk *fakeClock) *verdictCache {
	return newVerdictCache(cacheOptions{entries: entries, bytes: size, ttl: ttl, shards: 1, now: clk.now})
}

// keyOf is the key of a small text response body.
func keyOf(c *verdictCache, i int) cacheKey {
	return c.key(dirResponse, "text/plain", "", []byte("body "+strconv.Itoa(i)), 0)
}

// redactedOf is a redacted verdict with an output of n bytes.
func redactedOf(n int) *verdict {
	return &verdict{
		kind:    verdictRedacted,
		body:    bytes.Repeat([]byte("*"), n),
		summary: detect.Summarize([]detect.Finding{{Category: detect.Email}}),
		samples: []detect.Finding{{Category: detect.Email, Masked: "a***@example.test", Fingerprint: "0123456789abcdef"}},
	}
}

func evictions(reason string) float64 {
	return testutil.ToFloat64(metrics().evictions.WithLabelValues(reason))
}

func TestCacheKeyInputs(t *testing.T) {
	c := newVerdictCache(cacheOptions{entries: 10, bytes: 1 << 20, ttl: time.Minute})
	body := []byte(`{"mobile":"` + testMobile + `"}`)
	base := c.key(dirRequest, "application/json", "", body, 0)
	if c.key(dirRequest, "application/json", "", bytes.Clone(body), 0) != base {
		t.Fatal("the same input gives different keys")
	}
	flipped := bytes.Clone(body)
	flipped[len(flipped)-3] ^= 1
	keys := map[string]cacheKey{
		"direction":          c.key(dirResponse, "application/json", "", body, 0),
		"content type":       c.key(dirRequest, "application/json; charset=utf-8", "", body, 0),
		"content encoding":   c.key(dirRequest, "application/json", "gzip", body, 0),
		"one byte of body":   c.key(dirRequest, "application/json", "", flipped, 0),
		"body cut":           c.key(dirRequest, "application/json", "", body[:len(body)-1], 0),
		"type/coding border": c.key(dirRequest, "application/jso", "n", body, 0),
		"coding/body border": c.key(dirRequest, "application/json", "{", body[1:], 0),
	}
	keys["protected list generation"] = c.key(dirRequest, "application/json", "", body, 1)
	saved := c.policy
	c.policy[0] ^= 1
	keys["policy"] = c.key(dirRequest, "application/json", "", body, 0)
	c.policy = saved
	other := newVerdictCache(cacheOptions{entries: 10, bytes: 1 << 20, ttl: time.Minute})
	keys["another cache's secret"] = other.key(dirRequest, "application/json", "", body, 0)

	seen := map[cacheKey]string{base: "base"}
	for name, k := range keys {
		if prev, dup := seen[k]; dup {
			t.Errorf("%s gives the key of %s", name, prev)
		}
		seen[k] = name
	}
}

func TestPolicyDigest(t *testing.T) {
	var h Handler
	base, err := h.resolve()
	if err != nil {
		t.Fatal(err)
	}
	all := func() []string {
		var out []string
		for _, c := range detect.AllCategories {
			out = append(out, string(c))
		}
		return out
	}
	key := []byte("a test key")
	want := policyDigest(base, all(), key)
	if policyDigest(base, all(), []byte("a test key")) != want {
		t.Fatal("digest not deterministic")
	}
	for name, change := range map[string]func(*settings, *[]string, *[]byte){
		"request":    func(s *settings, _ *[]string, _ *[]byte) { s.request = actReject },
		"response":   func(s *settings, _ *[]string, _ *[]byte) { s.response = actLog },
		"dossier":    func(s *settings, _ *[]string, _ *[]byte) { s.dossier = 2 },
		"mask":       func(s *settings, _ *[]string, _ *[]byte) { s.mask = detect.MaskHash },
		"max_body":   func(s *settings, _ *[]string, _ *[]byte) { s.maxBody = 32 << 20 },
		"categories": func(_ *settings, c *[]string, _ *[]byte) { *c = (*c)[1:] },
		"key":        func(_ *settings, _ *[]string, k *[]byte) { *k = []byte("another key") },
	} {
		s, cats, k := base, all(), bytes.Clone(key)
		change(&s, &cats, &k)
		if policyDigest(s, cats, k) == want {
			t.Errorf("%s does not change the policy digest", name)
		}
	}
	for name, change := range map[string]func(*settings){
		"status":   func(s *settings) { s.status = 451 },
		"types":    func(s *settings) { s.types = []string{"text/*"} },
		"oversize": func(s *settings) { s.oversize = failPass },
		"on_error": func(s *settings) { s.onError = failPass },
		"cache":    func(s *settings) { s.cache.entries = 5 },
	} {
		s := base
		change(&s)
		if policyDigest(s, all(), key) != want {
			t.Errorf("%s changes the policy digest, dropping the cache for nothing", name)
		}
	}
}

func TestCacheShardSizes(t *testing.T) {
	for _, tc := range []struct {
		entries int
		bytes   int64
		shards  int
	}{{10000, 64 << 20, 16}, {17, 1 << 20, 16}, {3, 900, 2}, {1, 100, 1}, {16, 1600, 16}} {
		c := newVerdictCache(cacheOptions{entries: tc.entries, bytes: tc.bytes, ttl: time.Minute})
		total := 0
		for i := range c.shards {
			total += c.shards[i].maxEntries
			if c.shards[i].maxBytes != tc.bytes/int64(tc.shards) {
				t.Errorf("entries %d: shard %d has %d bytes", tc.entries, i, c.shards[i].maxBytes)
			}
		}
		if len(c.shards) != tc.shards || total != tc.entries {
			t.Errorf("entries %d: %d shards holding %d entries", tc.entries, len(c.shards), total)
		}
	}
}

func TestCacheEntryBound(t *testing.T) {
	clk := newFakeClock()
	c := oneShardCache(3, 1<<20, time.Hour, clk)
	before := evictions(evictEntries)
	for i := range 3 {
		c.put(keyOf(c, i), cleanVerdict)
	}
	if _, ok := c.get(keyOf(c, 0)); !ok { // 0 is now the most recently used
		t.Fatal("verdict 0 missing")
	}
	c.put(keyOf(c, 3), cleanVerdict)
	if c.len() != 3 {
		t.Errorf("len = %d, want 3", c.len())
	}
	if _, ok := c.get(keyOf(c, 1)); ok {
		t.Error("the least recently used verdict was kept")
	}
	for _, i := range []int{0, 2, 3} {
		if v, ok := c.get(keyOf(c, i)); !ok || v != cleanVerdict {
			t.Errorf("verdict %d lost", i)
		}
	}
	if got := evictions(evictEntries) - before; got != 1 {
		t.Errorf("entry evictions = %v, want 1", got)
	}
}

func TestCacheByteBound(t *testing.T) {
	clk := newFakeClock()
	one := redactedOf(1000).size()
	c := oneShardCache(100, 3*one+one/2, time.Hour, clk)
	before := evictions(evictBytes)
	for i := range 5 {
		c.put(keyOf(c, i), redactedOf(1000))
		if c.size() > 3*one+one/2 {
			t.Fatalf("after %d puts the cache holds %d bytes", i+1, c.size())
		}
	}
	if c.len() != 3 || c.size() != 3*one {
		t.Errorf("len %d size %d, want 3 and %d", c.len(), c.size(), 3*one)
	}
	for i := range 5 {
		if _, ok := c.get(keyOf(c, i)); ok != (i >= 2) {
			t.Errorf("verdict %d present = %v", i, ok)
		}
	}
	if got := evictions(evictBytes) - before; got != 2 {
		t.Errorf("byte evictions = %v, want 2", got)
	}

	// A verdict larger than the whole budget is not kept, and evicts nothing.
	c.put(keyOf(c, 99), redactedOf(10_000))
	if _, ok := c.get(keyOf(c, 99)); ok || c.len() != 3 {
		t.Errorf("oversized verdict kept (len %d)", c.len())
	}

	// Replacing a verdict does not count it twice.
	c.put(keyOf(c, 4), redactedOf(1000))
	if c.size() != 3*one {
		t.Errorf("size after replacing = %d, want %d", c.size(), 3*one)
	}
}

func TestCacheTTL(t *testing.T) {
	clk := newFakeClock()
	c := oneShardCache(10, 1<<20, time.Minute, clk)
	before := evictions(evictExpired)
	c.put(keyOf(c, 1), cleanVerdict)
	clk.advance(time.Minute - time.Nanosecond)
	if _, ok := c.get(keyOf(c, 1)); !ok {
		t.Fatal("verdict gone before its TTL")
	}
	clk.advance(time.Nanosecond)
	if _, ok := c.get(keyOf(c, 1)); ok {
		t.Fatal("verdict served after its TTL")
	}
	if c.len() != 0 {
		t.Errorf("expired verdict still held: len %d", c.len())
	}

	// A put drops the expired verdicts at the old end of the shard.
	c.put(keyOf(c, 2), cleanVerdict)
	c.put(keyOf(c, 3), cleanVerdict)
	clk.advance(2 * time.Minute)
	c.put(keyOf(c, 4), cleanVerdict)
	if c.len() != 1 {
		t.Errorf("len = %d after a put past the TTL, want 1", c.len())
	}
	if got := evictions(evictExpired) - before; got != 3 {
		t.Errorf("expired evictions = %v, want 3", got)
	}
}

func TestCacheDestruct(t *testing.T) {
	clk := newFakeClock()
	entries := func() float64 { return testutil.ToFloat64(metrics().cacheEntries) }
	size := func() float64 { return testutil.ToFloat64(metrics().cacheBytes) }
	e0, s0 := entries(), size()
	c := oneShardCache(10, 1<<20, time.Minute, clk)
	c.put(keyOf(c, 1), redactedOf(100))
	c.put(keyOf(c, 2), cleanVerdict)
	if entries()-e0 != 2 || size()-s0 != float64(c.size()) {
		t.Errorf("gauges moved by %v entries and %v bytes; cache holds 2 and %d", entries()-e0, size()-s0, c.size())
	}
	if err := c.Destruct(); err != nil {
		t.Fatal(err)
	}
	if c.len() != 0 || entries() != e0 || size() != s0 {
		t.Errorf("after Destruct: len %d, gauges %v/%v, want %v/%v", c.len(), entries(), size(), e0, s0)
	}
	c.put(keyOf(c, 3), cleanVerdict)
	if c.len() != 0 {
		t.Error("a destructed cache still stores")
	}
}

// TestCacheConcurrent hammers one cache from several goroutines; run with
// -race.
func TestCacheConcurrent(t *testing.T) {
	c := newVerdictCache(cacheOptions{entries: 64, bytes: 64 * redactedOf(100).size(), ttl: time.Minute})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(g), 1))
			for range 2000 {
				k := keyOf(c, r.IntN(200))
				if v, ok := c.get(k); ok && v.kind != verdictRedacted && v != cleanVerdict {
					t.Errorf("bad verdict %+v", v)
					return
				}
				if r.IntN(2) == 0 {
					c.put(k, redactedOf(100))
				} else {
					c.put(k, cleanVerdict)
				}
			}
		})
	}
	wg.Wait()
	if c.len() > 64 || c.size() > 64*redactedOf(100).size() {
		t.Errorf("bounds broken: len %d size %d", c.len(), c.size())
	}
}

func TestCachePoolAcrossReload(t *testing.T) {
	cfg := Handler{Mask: "full", Dossier: intp(7)} // a policy no other test uses
	refs := func(key string) int {
		n, _ := verdictCaches.References(key)
		return n
	}
	a, _ := newHandler(t, cfg)
	if a.cache == nil || a.cacheKey == "" {
		t.Fatal("no cache by default")
	}

	// The reload: the new config is provisioned before the old one is
	// cleaned up.
	b, blogs := newHandler(t, cfg)
	if b.cache != a.cache || refs(a.cacheKey) != 2 {
		t.Fatalf("same policy: shared %v, refs %d", b.cache == a.cache, refs(a.cacheKey))
	}
	body := "手机 " + testMobile
	if _, err := serve(a, post(body, "text/plain"), capture(new(captured))); err != nil {
		t.Fatal(err)
	}
	key := a.cacheKey
	if err := a.Cleanup(); err != nil {
		t.Fatal(err)
	}
	if refs(key) != 1 || b.cache.len() == 0 {
		t.Fatalf("after the old config's cleanup: refs %d, len %d", refs(key), b.cache.len())
	}
	if _, err := serve(b, post(body, "text/plain"), capture(new(captured))); err != nil {
		t.Fatal(err)
	}
	if inc := incidents(blogs); len(inc) != 1 || inc[0].ContextMap()["cache_hit"] != true {
		t.Errorf("the new config did not hit the old config's verdict: %v", inc)
	}

	// Options that do not decide verdicts keep the cache; the others, and
	// other sizes, get their own.
	same := cfg
	same.Status, same.Types, same.OnError = 451, []string{"text/*"}, "pass"
	c, _ := newHandler(t, same)
	if c.cache != b.cache || refs(key) != 2 {
		t.Error("status, types and on_error changed the cache")
	}
	if err := c.Cleanup(); err != nil {
		t.Fatal(err)
	}
	for name, h := range map[string]Handler{
		"policy": {Mask: "full", Dossier: intp(7), Request: "log"},
		"key":    {Mask: "full", Dossier: intp(7), KeyFile: writeKey(t)},
		"size":   {Mask: "full", Dossier: intp(7), Cache: &CacheConfig{Entries: 99}},
	} {
		if c, _ := newHandler(t, h); c.cache == nil || c.cache == b.cache {
			t.Errorf("another %s shares the cache", name)
		}
	}
	if c, _ := newHandler(t, Handler{Mask: "full", Dossier: intp(7), Cache: &CacheConfig{Off: true}}); c.cache != nil || c.cacheKey != "" {
		t.Error("cache off still has a cache")
	}

	// The last user takes the cache with it.
	cache := b.cache
	if err := b.Cleanup(); err != nil {
		t.Fatal(err)
	}
	if _, ok := verdictCaches.References(key); ok || cache.len() != 0 {
		t.Errorf("cache still pooled (%v) or holding %d verdicts", ok, cache.len())
	}
	if err := b.Cleanup(); err != nil { // as Caddy may: a second cleanup is harmless
		t.Fatal(err)
	}
}

// writeKey writes a fingerprint key file and returns its name.
func writeKey(t *testing.T) string {
	t.Helper()
	name := t.TempDir() + "/key"
	if err := os.WriteFile(name, []byte("a test key for the cache, 32 bytes or more"), 0o600); err != nil {
		t.Fatal(err)
	}
	return name
}

// replayCase is a body sent twice through a handler: the second time its
// verdict comes from the cache and must act the same.
type replayCase struct {
	name    string
	h       Handler
	ct      string
	body    string
	status  int  // of the exchange
	changed bool // the body that goes on differs from the one sent
	outcome string
}

func replayCases() []replayCase {
	pii := `{"mobile":"` + testMobile + `","note":"call me"}`
	dossier := `{"idCard":"` + testID + `","mobile":"` + testMobile + `","email":"` + testEmail + `"}`
	return []replayCase{
		{"clean", Handler{}, "application/json", `{"order":"A-1","qty":2}`, 0, false, ""},
		{"redacted", Handler{}, "application/json", pii, 0, true, "redacted"},
		{"logged", Handler{Request: "log", Response: "log"}, "application/json", pii, 0, false, "logged"},
		{"refused", Handler{Request: "reject", Response: "reject", Status: 451}, "application/json", pii, 451, false, "refused"},
		{"dossier", Handler{}, "application/json", dossier, 403, false, "refused"},
	}
}

func TestVerdictReplayRequest(t *testing.T) {
	for _, tc := range replayCases() {
		t.Run(tc.name, func(t *testing.T) {
			h, logs := newHandler(t, tc.h)
			type result struct {
				c    captured
				w    *http.Response
				body string
			}
			run := func() result {
				var c captured
				w, err := serve(h, post(tc.body, tc.ct), capture(&c))
				if err != nil {
					t.Fatal(err)
				}
				return result{c, w.Result(), w.Body.String()}
			}
			first, second := run(), run()
			for i, res := range []result{first, second} {
				if tc.status != 0 {
					p := decodeProblem(t, []byte(res.body))
					if res.w.StatusCode != tc.status || res.c.called || res.w.Header.Get(incidentHeader) != p.Incident {
						t.Errorf("run %d: status %d, next ran %v, header %q, problem %+v", i, res.w.StatusCode, res.c.called, res.w.Header.Get(incidentHeader), p)
					}
					continue
				}
				if !res.c.called || (string(res.c.body) != tc.body) == !tc.changed {
					t.Errorf("run %d: next ran %v, forwarded %q", i, res.c.called, res.c.body)
				}
				if res.c.contentLength != int64(len(res.c.body)) {
					t.Errorf("run %d: ContentLength %d for %d bytes", i, res.c.contentLength, len(res.c.body))
				}
			}
			if !bytes.Equal(first.c.body, second.c.body) || !equalHeaders(first.c.header, second.c.header) {
				t.Errorf("replay differs:\n%q %v\n%q %v", first.c.body, first.c.header, second.c.body, second.c.header)
			}
			if tc.status != 0 {
				p1, p2 := decodeProblem(t, []byte(first.body)), decodeProblem(t, []byte(second.body))
				if p1.Incident == p2.Incident || fmt.Sprint(p1.Categories, p1.Dossier) != fmt.Sprint(p2.Categories, p2.Dossier) {
					t.Errorf("problems %+v and %+v", p1, p2)
				}
			}
			assertReplayedIncidents(t, logs, tc.outcome)
		})
	}
}

func TestVerdictReplayResponse(t *testing.T) {
	for _, tc := range replayCases() {
		t.Run(tc.name, func(t *testing.T) {
			h, logs := newHandler(t, tc.h)
			next := respondWith(200, map[string]string{
				"Content-Type": tc.ct, "ETag": `"v7"`, "Content-MD5": "stale", "Set-Cookie": "s=1",
			}, []byte(tc.body))
			w1, err1 := serve(h, get("/api"), next)
			w2, err2 := serve(h, get("/api"), next)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			want := tc.status
			if want == 0 {
				want = 200
			}
			for i, w := range []*httptest.ResponseRecorder{w1, w2} {
				if w.Code != want || (w.Body.String() != tc.body) == !(tc.changed || tc.status != 0) {
					t.Errorf("run %d: status %d body %q", i, w.Code, w.Body.String())
				}
				if tc.status != 0 {
					assertRefusal(t, w, tc.status)
				} else if w.Header().Get("Content-Length") != strconv.Itoa(w.Body.Len()) {
					t.Errorf("run %d: Content-Length %q for %d bytes", i, w.Header().Get("Content-Length"), w.Body.Len())
				}
			}
			if tc.status == 0 && (w1.Body.String() != w2.Body.String() || !equalHeaders(w1.Header(), w2.Header())) {
				t.Errorf("replay differs:\n%q %v\n%q %v", w1.Body, w1.Header(), w2.Body, w2.Header())
			}
			if tc.changed && (w2.Header().Get("ETag") != `W/"v7"` || w2.Header().Get("Content-MD5") != "") {
				t.Errorf("replayed redaction kept the representation headers: %v", w2.Header())
			}
			assertReplayedIncidents(t, logs, tc.outcome)
		})
	}
}

// TestVerdictCacheDirections sends one body as a request and as a
// response: each direction has its own verdicts.
func TestVerdictCacheDirections(t *testing.T) {
	h, logs := newHandler(t, Handler{Request: "log"})
	body := "手机 " + testMobile
	echo := func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "text/plain")
		_, err := w.Write([]byte(body))
		return err
	}
	for range 2 {
		if _, err := serve(h, post(body, "text/plain"), echo); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, e := range incidents(logs) {
		m := e.ContextMap()
		got = append(got, fmt.Sprint(m["direction"], " ", m["outcome"], " ", m["cache_hit"]))
	}
	want := "[request logged false response redacted false request logged true response redacted true]"
	if fmt.Sprint(got) != want {
		t.Errorf("incidents %v\nwant %s", got, want)
	}
}

// assertReplayedIncidents checks that the two runs logged one incident
// each (none for a clean body), alike but for their id and cache_hit.
func assertReplayedIncidents(t *testing.T, logs *observer.ObservedLogs, outcome string) {
	t.Helper()
	inc := incidents(logs)
	if outcome == "" {
		if len(inc) != 0 {
			t.Errorf("incidents for a clean body: %v", inc)
		}
		return
	}
	if len(inc) != 2 {
		t.Fatalf("incidents = %v", inc)
	}
	m1, m2 := inc[0].ContextMap(), inc[1].ContextMap()
	if m1["cache_hit"] != false || m2["cache_hit"] != true || m1["outcome"] != outcome || inc[0].Level != inc[1].Level {
		t.Errorf("incidents %v / %v", m1, m2)
	}
	if m1["incident"] == m2["incident"] {
		t.Error("the replay reused the incident id")
	}
	for _, k := range []string{"direction", "action", "outcome", "reason", "dossier", "categories", "findings", "samples", "status"} {
		if fmt.Sprint(m1[k]) != fmt.Sprint(m2[k]) {
			t.Errorf("%s: %v, replayed %v", k, m1[k], m2[k])
		}
	}
	if _, ok := m2["scan_time"]; !ok {
		t.Error("no scan_time")
	}
}

// equalHeaders compares two headers, ignoring the incident header.
func equalHeaders(a, b http.Header) bool {
	a, b = a.Clone(), b.Clone()
	a.Del(incidentHeader)
	b.Del(incidentHeader)
	return fmt.Sprint(a) == fmt.Sprint(b)
}
