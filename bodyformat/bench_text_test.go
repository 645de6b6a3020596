package bodyformat

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// textBodies are the bodies of BenchmarkInspectText and the clean-path
// allocation bound: 1 MiB of clean Chinese and clean English text (the lines of
// synth.Clean), both, plain prose (no numbers),
// mixed text with personal data, a JSON customer array and a CSV export.
func textBodies(n int) []struct {
	name, ct string
	body     []byte
} {
	r := func() *rand.Rand { return rand.New(rand.NewPCG(5, 5)) }
	prose := synth.Clean(r(), 8*n)
	var zh, en []byte
	for line := range bytes.Lines(prose) {
		if utf8.RuneCount(line) == len(line) {
			en = append(en, line...)
		} else {
			zh = append(zh, line...)
		}
	}
	return []struct {
		name, ct string
		body     []byte
	}{
		{"zh", "text/plain; charset=utf-8", synth.Fit(zh, n)},
		{"en", "text/plain; charset=utf-8", synth.Fit(en, n)},
		{"clean", "text/plain; charset=utf-8", synth.Clean(r(), n)},
		{"prose", "text/plain; charset=utf-8", synth.Prose(r(), n)},
		{"mixed", "text/plain; charset=utf-8", synth.Mixed(r(), n)},
		{"json", ctJSON, synth.CustomersArray(r(), n)},
		{"csv", "text/plain; charset=utf-8", synth.CustomersCSV(r(), n)},
	}
}

// BenchmarkInspectText inspects 1 MiB bodies of text, clean and not:
//
//	go test -bench InspectText -benchmem -run '^$' ./bodyformat/
func BenchmarkInspectText(b *testing.B) {
	for _, t := range textBodies(1 << 20) {
		b.Run(t.name, func(b *testing.B) { benchInspect(b, t.body, t.ct, "") })
	}
}

// BenchmarkInspectText16K inspects the same kinds of text in bodies of
// 16 KiB, the size of a typical API response:
//
//	go test -bench InspectText16K -benchmem -run '^$' ./bodyformat/
func BenchmarkInspectText16K(b *testing.B) {
	for _, t := range textBodies(16 << 10) {
		b.Run(t.name, func(b *testing.B) { benchInspect(b, t.body, t.ct, "") })
	}
}
