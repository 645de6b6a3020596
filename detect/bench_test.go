package detect_test

import (
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// The engine's benchmarks, 1 MiB each, through the engine and through the
// regexp baseline in the same run:
//   - mixed: Chinese/English text with personal data every few hundred bytes;
//   - plain: running text with no numbers at all (news paragraphs);
//   - clean: ordinary prose without personal data, a quarter of it with
//     numbers (prices, dates, logs): what a filter sees most;
//   - lookalikes: clean but number-dense text (logs, order numbers, ISBNs,
//     UUIDs, timestamps, IPs), the worst case for a candidate filter.
//
// Run with
//
//	go test -run '^$' -bench . -cpu 1 ./detect/
//
// BenchmarkEngineVsRegexp reports both speeds and their ratio.

const benchSize = 1 << 20

var (
	mixedText = synth.MixedCorpus(rand.New(rand.NewPCG(1, 2)), benchSize)
	plainText = synth.PlainProse(rand.New(rand.NewPCG(7, 8)), benchSize)
	cleanText = synth.CleanProse(rand.New(rand.NewPCG(3, 4)), benchSize)
	denseText = synth.CleanCorpus(rand.New(rand.NewPCG(5, 6)), benchSize)
)

func benchRedact(b *testing.B, text []byte, redact func([]byte)) {
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		redact(text)
	}
}

func engineRedact() func([]byte) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("bench")})
	return func(t []byte) { e.Redact(t) }
}

func regexpRedact() func([]byte) {
	r := newRegexpRedactor()
	return func(t []byte) { r.Redact(t) }
}

func BenchmarkEngineMixed(b *testing.B)      { benchRedact(b, mixedText, engineRedact()) }
func BenchmarkEngineClean(b *testing.B)      { benchRedact(b, cleanText, engineRedact()) }
func BenchmarkEngineLookalikes(b *testing.B) { benchRedact(b, denseText, engineRedact()) }
func BenchmarkRegexpMixed(b *testing.B)      { benchRedact(b, mixedText, regexpRedact()) }
func BenchmarkRegexpClean(b *testing.B)      { benchRedact(b, cleanText, regexpRedact()) }
func BenchmarkRegexpLookalikes(b *testing.B) { benchRedact(b, denseText, regexpRedact()) }

// BenchmarkEngineVsRegexp times both redactors on the same corpus in the
// same run and reports MB/s of each and the engine's speed-up. The engine
// is timed over the benchmark loop, the regexp over a few runs of its own
// after a collection, so neither is charged the other's garbage.
func BenchmarkEngineVsRegexp(b *testing.B) {
	for _, c := range []struct {
		name string
		text []byte
	}{{"mixed", mixedText}, {"plain", plainText}, {"clean", cleanText}, {"lookalikes", denseText}} {
		b.Run(c.name, func(b *testing.B) {
			eng, re := engineRedact(), regexpRedact()
			runtime.GC()
			n := 0
			t0 := time.Now()
			for b.Loop() {
				eng(c.text)
				n++
			}
			engT := time.Since(t0) / time.Duration(n)
			runtime.GC()
			const reRuns = 3
			t1 := time.Now()
			for range reRuns {
				re(c.text)
			}
			reT := time.Since(t1) / reRuns
			mb := float64(len(c.text)) / 1e6
			b.ReportMetric(mb/engT.Seconds(), "engine-MB/s")
			b.ReportMetric(mb/reT.Seconds(), "regexp-MB/s")
			b.ReportMetric(reT.Seconds()/engT.Seconds(), "speedup")
		})
	}
}
