package detect_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// The engine's benchmarks, 1 MiB each, through the engine and through the
// regexp baseline in the same run:
//   - mixed: Chinese/English text with personal data every few hundred bytes;
//   - clean: ordinary prose without personal data (what a filter sees most);
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
// same run and reports MB/s of each and the engine's speed-up.
func BenchmarkEngineVsRegexp(b *testing.B) {
	for _, c := range []struct {
		name string
		text []byte
	}{{"mixed", mixedText}, {"clean", cleanText}, {"lookalikes", denseText}} {
		b.Run(c.name, func(b *testing.B) {
			eng, re := engineRedact(), regexpRedact()
			var engT, reT time.Duration
			for b.Loop() {
				t0 := time.Now()
				eng(c.text)
				t1 := time.Now()
				re(c.text)
				engT += t1.Sub(t0)
				reT += time.Since(t1)
			}
			mb := float64(len(c.text)) * float64(b.N) / 1e6
			b.ReportMetric(mb/engT.Seconds(), "engine-MB/s")
			b.ReportMetric(mb/reT.Seconds(), "regexp-MB/s")
			b.ReportMetric(reT.Seconds()/engT.Seconds(), "speedup")
		})
	}
}
