package caddymodule

import (
	"context"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// The handler's benchmarks: a legacy API's JSON response of 16 KiB and
// 256 KiB (with personal data, and clean) through pii_filter, against the
// same upstream handler with nothing in front of it. Run with
//
//	go test -run '^$' -bench Handler -cpu 1 ./caddymodule/
//
// BenchmarkHandlerVsPassThrough reports both and the ratio of throughputs.

// benchBodies are the response bodies, by name.
var benchBodies = map[string][]byte{
	"16K-pii":    synth.CustomersJSON(rand.New(rand.NewPCG(1, 1)), 16<<10, true),
	"16K-clean":  synth.CustomersJSON(rand.New(rand.NewPCG(2, 2)), 16<<10, false),
	"256K-pii":   synth.CustomersJSON(rand.New(rand.NewPCG(3, 3)), 256<<10, true),
	"256K-clean": synth.CustomersJSON(rand.New(rand.NewPCG(4, 4)), 256<<10, false),
}

var benchOrder = []string{"16K-pii", "16K-clean", "256K-pii", "256K-clean"}

// upstream serves body as a JSON API would.
func upstream(body []byte) caddyhttp.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		_, err := w.Write(body)
		return err
	}
}

// benchHandler returns a provisioned pii_filter with default options and a
// silent logger, but without the verdict cache: the benchmarks send one
// body again and again, which the cache would answer without a scan
// (cache_bench_test.go measures that).
func benchHandler(b *testing.B) *Handler {
	h := &Handler{Cache: &CacheConfig{Off: true}}
	ctx, cancel := caddy.NewContext(caddy.Context{Context: context.Background()})
	b.Cleanup(cancel)
	if err := h.Provision(ctx); err != nil {
		b.Fatal(err)
	}
	h.logger = zap.NewNop()
	return h
}

// oneRequest runs one GET through serve and drains the response.
func oneRequest(b *testing.B, serve func(http.ResponseWriter, *http.Request) error) {
	r := withVars(httptest.NewRequest(http.MethodGet, "/api/customers", nil))
	w := httptest.NewRecorder()
	if err := serve(w, r); err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(io.Discard, w.Body); err != nil {
		b.Fatal(err)
	}
}

func BenchmarkHandler(b *testing.B) {
	for _, name := range benchOrder {
		body := benchBodies[name]
		b.Run(name, func(b *testing.B) {
			h, next := benchHandler(b), upstream(body)
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				oneRequest(b, func(w http.ResponseWriter, r *http.Request) error { return h.ServeHTTP(w, r, next) })
			}
		})
	}
}

func BenchmarkPassThrough(b *testing.B) {
	for _, name := range benchOrder {
		body := benchBodies[name]
		b.Run(name, func(b *testing.B) {
			next := upstream(body)
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				oneRequest(b, next.ServeHTTP)
			}
		})
	}
}

// BenchmarkHandlerVsPassThrough times the filtered and the plain handler
// on the same bodies in the same run and reports the filtered throughput
// as a fraction of the plain one. This measures the handler's own cost;
// scripts/loadtest.sh measures it behind a real reverse_proxy.
func BenchmarkHandlerVsPassThrough(b *testing.B) {
	for _, name := range benchOrder {
		body := benchBodies[name]
		b.Run(name, func(b *testing.B) {
			h, next := benchHandler(b), upstream(body)
			var filtered, plain time.Duration
			for b.Loop() {
				t0 := time.Now()
				oneRequest(b, func(w http.ResponseWriter, r *http.Request) error { return h.ServeHTTP(w, r, next) })
				t1 := time.Now()
				oneRequest(b, next.ServeHTTP)
				filtered += t1.Sub(t0)
				plain += time.Since(t1)
			}
			n := float64(b.N)
			b.ReportMetric(float64(filtered.Nanoseconds())/n, "filtered-ns/req")
			b.ReportMetric(float64(plain.Nanoseconds())/n, "plain-ns/req")
			b.ReportMetric(plain.Seconds()/filtered.Seconds(), "throughput-ratio")
		})
	}
}
