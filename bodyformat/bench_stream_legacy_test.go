package bodyformat

import (
	"io"
	"testing"
)

// BenchmarkStreamUnlabelled measures the legacy guard on a UTF-8 token
// stream of Chinese prose with no charset, against the same stream
// labelled (no guard).
//
//	go test -bench StreamUnlabelled -benchmem -run '^$' ./bodyformat/
func BenchmarkStreamUnlabelled(b *testing.B) {
	body := sseDeltas(rng("bench sse clean"), 256<<10, false)
	for _, unlabelled := range []bool{false, true} {
		name := "labelled"
		if unlabelled {
			name = "unlabelled"
		}
		b.Run(name, func(b *testing.B) {
			eng := testEngine(b)
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				streamInKiB(b, NewStream(eng, io.Discard, StreamEvents, StreamOptions{Mode: Redact, Unlabelled: unlabelled}), body)
			}
		})
	}
}
