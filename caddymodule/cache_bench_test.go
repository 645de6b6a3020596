package caddymodule

import (
	"context"
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"
	"go.uber.org/zap"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// The verdict cache benchmarks judge 16 KiB bodies of the legacy API
// (internal/synth.CustomersJSON), "clean" without personal fields and
// "pii" with a customer record in each entry:
//
//	go test -run '^$' -bench 'Cache|Scan' -cpu 1,2 ./caddymodule/
//
// BenchmarkScan16K is a full inspection (the cache off),
// BenchmarkVerdictCacheHit16K a verdict from the cache (the body is still
// hashed), BenchmarkVerdictCacheMiss16K a lookup that misses, then the
// scan and the store. BenchmarkVerdictCacheVsScan16K times the three in
// one loop and reports hit/scan and miss/scan. BenchmarkVerdictCacheParallel
// and BenchmarkVerdictCacheGoroutines show that concurrent hits do not
// queue on a lock: ns/op with two goroutines is at most that with one.

const benchSize = 16 << 10

// cacheBenchBodies are the bodies of the benchmarks, made once.
var cacheBenchBodies = sync.OnceValue(func() map[string][]byte {
	return map[string][]byte{
		"clean": synth.CustomersJSON(rand.New(rand.NewPCG(16, 1)), benchSize, false),
		"pii":   synth.CustomersJSON(rand.New(rand.NewPCG(16, 2)), benchSize, true),
	}
})

// cacheBenchHandler provisions a handler for a benchmark, with a silent log.
// Dossier is off so that bodies with personal data are redacted.
func cacheBenchHandler(b *testing.B, cache *CacheConfig) *Handler {
	b.Helper()
	ctx, cancel := caddy.NewContext(caddy.Context{Context: context.Background()})
	b.Cleanup(cancel)
	h := &Handler{Dossier: intp(0), Cache: cache}
	if err := h.Provision(ctx); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = h.Cleanup() })
	h.logger = zap.NewNop()
	return h
}

func mustJudge(b *testing.B, h *Handler, body []byte, ct string, wantHit bool) {
	j, err := h.judge(dirResponse, body, ct, "", h.limits(nil, nil))
	if err != nil {
		b.Fatal(err)
	}
	if j.hit != wantHit {
		b.Fatalf("cache hit = %v, want %v", j.hit, wantHit)
	}
}

func forBodies(b *testing.B, f func(b *testing.B, body []byte)) {
	for _, name := range []string{"clean", "pii"} {
		body := cacheBenchBodies()[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			f(b, body)
		})
	}
}

func BenchmarkScan16K(b *testing.B) {
	forBodies(b, func(b *testing.B, body []byte) {
		h := cacheBenchHandler(b, &CacheConfig{Off: true})
		for b.Loop() {
			mustJudge(b, h, body, "application/json", false)
		}
	})
}

func BenchmarkVerdictCacheHit16K(b *testing.B) {
	forBodies(b, func(b *testing.B, body []byte) {
		h := cacheBenchHandler(b, nil)
		mustJudge(b, h, body, "application/json", false)
		for b.Loop() {
			mustJudge(b, h, body, "application/json", true)
		}
	})
}

// missTypes are distinct Content-Type values that read the same: each
// makes a new cache key for the same body, so every lookup misses and the
// scan costs exactly what it costs without the cache.
func missType(i int) string { return "application/json; v=" + strconv.Itoa(i) }

func BenchmarkVerdictCacheMiss16K(b *testing.B) {
	forBodies(b, func(b *testing.B, body []byte) {
		h := cacheBenchHandler(b, &CacheConfig{Entries: 1000})
		i := 0
		for b.Loop() {
			i++
			mustJudge(b, h, body, missType(i), false)
		}
	})
}

// BenchmarkVerdictCacheVsScan16K runs a scan (cache off), a hit and a miss
// in each iteration and reports their times and ratios: hit/scan is what
// a repeated body costs, miss/scan what the cache adds to a new one.
func BenchmarkVerdictCacheVsScan16K(b *testing.B) {
	forBodies(b, func(b *testing.B, body []byte) {
		off := cacheBenchHandler(b, &CacheConfig{Off: true})
		on := cacheBenchHandler(b, &CacheConfig{Entries: 1000})
		mustJudge(b, on, body, "application/json", false)
		var scan, hit, miss time.Duration
		i := 0
		for b.Loop() {
			i++
			t0 := time.Now()
			mustJudge(b, off, body, "application/json", false)
			t1 := time.Now()
			mustJudge(b, on, body, "application/json", true)
			t2 := time.Now()
			mustJudge(b, on, body, missType(i), false)
			t3 := time.Now()
			scan, hit, miss = scan+t1.Sub(t0), hit+t2.Sub(t1), miss+t3.Sub(t2)
		}
		n := float64(b.N)
		b.ReportMetric(float64(scan.Nanoseconds())/n, "scan-ns")
		b.ReportMetric(float64(hit.Nanoseconds())/n, "hit-ns")
		b.ReportMetric(float64(miss.Nanoseconds())/n, "miss-ns")
		b.ReportMetric(float64(hit)/float64(scan), "hit/scan")
		b.ReportMetric(float64(miss)/float64(scan), "miss/scan")
	})
}

// parallelBodies are distinct 16 KiB bodies, so that concurrent hits
// spread over the shards as real traffic does.
var parallelBodies = sync.OnceValue(func() [][]byte {
	r := rand.New(rand.NewPCG(16, 3))
	out := make([][]byte, 32)
	for i := range out {
		out[i] = synth.CustomersJSON(r, benchSize, i%2 == 0)
	}
	return out
})

// warmHandler returns a handler whose cache holds the verdicts of
// parallelBodies.
func warmHandler(b *testing.B) *Handler {
	h := cacheBenchHandler(b, nil)
	for _, body := range parallelBodies() {
		mustJudge(b, h, body, "application/json", false)
	}
	return h
}

// BenchmarkVerdictCacheParallel: cache hits from GOMAXPROCS goroutines
// (-cpu 1,2); ns/op is wall time per hit, so with two CPUs it falls if the
// hits do not wait for each other.
func BenchmarkVerdictCacheParallel(b *testing.B) {
	h := warmHandler(b)
	bodies := parallelBodies()
	b.SetBytes(benchSize)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			i++
			if j, err := h.judge(dirResponse, bodies[i%len(bodies)], "application/json", "", h.limits(nil, nil)); err != nil || !j.hit {
				b.Error("not a cache hit")
				return
			}
		}
	})
}

// BenchmarkVerdictCacheGoroutines times the same batch of cache hits done
// by one goroutine and split between two, and reports the wall time per
// hit of each (ns/hit-1g, ns/hit-2g), their ratio, and the ratio of the
// fastest batches (best-2g/1g). Under -cpu 2 the ratio falls towards 0.5
// when the hits run side by side; under -cpu 1 it stays near 1 (the
// goroutines take turns), which still is not slower.
func BenchmarkVerdictCacheGoroutines(b *testing.B) {
	h := warmHandler(b)
	bodies := parallelBodies()
	const batch = 64
	hits := func(from, to int) {
		for i := from; i < to; i++ {
			if j, err := h.judge(dirResponse, bodies[i%len(bodies)], "application/json", "", h.limits(nil, nil)); err != nil || !j.hit {
				b.Error("not a cache hit")
				return
			}
		}
	}
	var one, two time.Duration
	best1, best2 := time.Duration(1<<62), time.Duration(1<<62)
	// A b.N loop, not b.Loop: a b.Loop benchmark runs whole in its first
	// call, which the testing package makes before it applies the first
	// -cpu value, so its "-cpu 1" row would run at the default GOMAXPROCS.
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		hits(0, batch)
		t1 := time.Now()
		var wg sync.WaitGroup
		wg.Go(func() { hits(0, batch/2) })
		wg.Go(func() { hits(batch/2, batch) })
		wg.Wait()
		t2 := time.Now()
		one, two = one+t1.Sub(t0), two+t2.Sub(t1)
		best1, best2 = min(best1, t1.Sub(t0)), min(best2, t2.Sub(t1))
	}
	ops := float64(b.N) * batch
	b.ReportMetric(float64(one.Nanoseconds())/ops, "ns/hit-1g")
	b.ReportMetric(float64(two.Nanoseconds())/ops, "ns/hit-2g")
	b.ReportMetric(float64(two)/float64(one), "2g/1g")
	// The fastest batch of each, less disturbed by other work on the
	// machine than the means.
	b.ReportMetric(float64(best2)/float64(best1), "best-2g/1g")
}
