package detect_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// The engine's benchmarks, in the style of Go's regexp benchmarks: every
// input shape of internal/synth.Shapes (clean prose, mixed text, dense
// customer records as CSV and JSON, number-dense look-alikes, and the
// crafted hostile shapes) at every size of benchSizes, 16 B to 8 MiB.
//
//	BenchmarkEngine/<shape>/<size>          the engine, on every shape
//	BenchmarkRedactSampled/<shape>/<size>   the same through RedactSampled
//	BenchmarkRegexp/<shape>/<size>          the Go regexp redactor of
//	                                        baseline_test.go, realistic shapes
//	BenchmarkEngineVsRegexp/<shape>/<size>  both in the same run, realistic
//	                                        shapes, with the speed-up
//
// Each reports MB/s and allocations; the engine also findings/op and
// ns/finding. The engine redacts as the handler does: every finding
// masked, the first ten distinct ones fingerprinted (redactAsHandler). Inputs are made when a benchmark first needs them, so plain
// `go test` pays nothing. Run on one core, for instance
//
//	go test -run '^$' -bench 'Engine$' -cpu 1 ./detect/
//	go test -run '^$' -bench 'Engine$/(csv|json)/' -cpu 1 ./detect/
//	go test -run '^$' -bench 'Engine$/.*/(16B|1KiB|32KiB)$' -benchtime 1x ./detect/   (smoke run)
//	go test -run '^$' -bench 'EngineVsRegexp' -cpu 1 ./detect/
//	go test -run '^$' -bench 'Engine$|Regexp$' -count 6 -cpu 1 ./detect/ | tee new.txt   (for benchstat)
//
// (A -bench pattern is matched per level and unanchored: 'Engine/' would
// also run BenchmarkEngineVsRegexp.)
//
// A shape that makes the engine panic fails its own benchmark and the others
// still run.

// benchSizes are the input sizes, as regexp/exec_test.go's benchSizes.
var benchSizes = []struct {
	name string
	n    int
}{
	{"16B", 16},
	{"1KiB", 1 << 10},
	{"32KiB", 32 << 10},
	{"1MiB", 1 << 20},
	{"8MiB", 8 << 20},
}

// realisticShapes are the shapes the regexp redactor is also run on: the
// text a filter actually sees. The regexp baseline is linear in time on the
// crafted shapes too, and there says nothing about the engine.
var realisticShapes = []string{"prose", "clean", "mixed", "csv", "json", "lookalikes"}

// benchInput holds the last input made, as regexp's makeText does: the
// sub-benchmarks of one shape and size share it, and at most one 8 MiB
// input is kept alive at a time.
var benchInput struct {
	sync.Mutex
	key  string
	text []byte
}

// benchText returns the input of shape s with n bytes, from a seed of its
// own.
func benchText(s synth.Shape, n int) []byte {
	benchInput.Lock()
	defer benchInput.Unlock()
	if key := fmt.Sprint(s.Name, "/", n); key != benchInput.key {
		benchInput.key, benchInput.text = "", nil // let the old one go first
		seed := uint64(0)
		for _, c := range s.Name {
			seed = seed*31 + uint64(c)
		}
		benchInput.text = s.Gen(rand.New(rand.NewPCG(seed, uint64(n))), n)
		benchInput.key = key
	}
	return benchInput.text
}

// shape returns the shape named name.
func shape(b *testing.B, name string) synth.Shape {
	for _, s := range synth.Shapes {
		if s.Name == name {
			return s
		}
	}
	b.Fatalf("no shape %q in synth.Shapes", name)
	return synth.Shape{}
}

// forShapes runs f as <shape>/<size> sub-benchmarks of b for the named
// shapes, or for every shape when names is nil.
func forShapes(b *testing.B, names []string, f func(b *testing.B, text []byte)) {
	shapes := synth.Shapes
	if names != nil {
		shapes = nil
		for _, name := range names {
			shapes = append(shapes, shape(b, name))
		}
	}
	for _, s := range shapes {
		b.Run(s.Name, func(b *testing.B) {
			for _, size := range benchSizes {
				b.Run(size.name, func(b *testing.B) {
					text := benchText(s, size.n)
					b.SetBytes(int64(len(text)))
					b.ReportAllocs()
					f(b, text)
				})
			}
		})
	}
}

// newBenchEngine returns the engine with every category on, as the
// handler compiles it.
func newBenchEngine() *detect.Engine {
	return detect.MustCompile(detect.Policy{FingerprintKey: []byte("bench")})
}

// loop runs body in a b.Loop and turns a panic into the failure of this
// benchmark alone.
func loop(b *testing.B, body func()) {
	defer func() {
		if p := recover(); p != nil {
			b.Fatalf("panic: %v", p)
		}
	}()
	for b.Loop() {
		body()
	}
}

// handlerSamples is how many findings of a body the handler fingerprints:
// caddymodule's maxSamples, the samples an incident keeps.
const handlerSamples = 10

// redactAsHandler redacts text as the pii_filter handler does, every
// finding masked and only an incident's samples fingerprinted, and returns
// the number of findings.
func redactAsHandler(e *detect.Engine, text []byte) int {
	f := e.FindSampled(text, 0, handlerSamples)
	if len(f) > 0 {
		detect.Apply(text, f)
	}
	return len(f)
}

// reportFindings reports the findings of one run and the time per finding.
func reportFindings(b *testing.B, findings int) {
	b.ReportMetric(float64(findings), "findings/op")
	if findings > 0 && b.N > 0 {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(findings), "ns/finding")
	}
}

func BenchmarkEngine(b *testing.B) {
	e := newBenchEngine()
	forShapes(b, nil, func(b *testing.B, text []byte) {
		findings := 0
		loop(b, func() { findings = redactAsHandler(e, text) })
		reportFindings(b, findings)
	})
}

// BenchmarkRedactSampled is BenchmarkEngine through RedactSampled: the
// masks written straight into the result and no Finding made but for the
// samples, for a caller that keeps only a summary and an incident's
// samples.
func BenchmarkRedactSampled(b *testing.B) {
	e := newBenchEngine()
	forShapes(b, nil, func(b *testing.B, text []byte) {
		findings := 0
		loop(b, func() {
			_, sum, _ := e.RedactSampled(text, 0, handlerSamples)
			findings = 0
			for _, n := range sum.Counts {
				findings += n
			}
		})
		reportFindings(b, findings)
	})
}

func BenchmarkRegexp(b *testing.B) {
	r := newRegexpRedactor()
	forShapes(b, realisticShapes, func(b *testing.B, text []byte) {
		loop(b, func() { r.Redact(text) })
	})
}

// BenchmarkEngineVsRegexp times both redactors on the same input in the
// same run and reports MB/s of each and the engine's speed-up over the
// regexp. The engine is timed over the benchmark loop; then, after a
// collection, the regexp over as many runs, or fewer once it has taken as
// long as the engine did, so neither is charged the other's garbage and
// the run stays bounded. The ns/op, B/op and allocs/op columns are the
// engine's.
func BenchmarkEngineVsRegexp(b *testing.B) {
	e, re := newBenchEngine(), newRegexpRedactor()
	forShapes(b, realisticShapes, func(b *testing.B, text []byte) {
		findings := 0
		runtime.GC()
		loop(b, func() { findings = redactAsHandler(e, text) })
		engT := b.Elapsed().Seconds() / float64(b.N)
		reportFindings(b, findings)

		b.StopTimer()
		runtime.GC()
		runs, spent := 0, time.Duration(0)
		for runs < b.N && (runs == 0 || spent < b.Elapsed()) {
			t0 := time.Now()
			re.Redact(text)
			spent += time.Since(t0)
			runs++
		}
		reT := spent.Seconds() / float64(runs)

		mb := float64(len(text)) / 1e6
		b.ReportMetric(mb/engT, "engine-MB/s")
		b.ReportMetric(mb/reT, "regexp-MB/s")
		b.ReportMetric(reT/engT, "speedup")
	})
}
