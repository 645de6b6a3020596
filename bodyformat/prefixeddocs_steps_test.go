//go:build detectsteps

package bodyformat

import (
	"bytes"
	"encoding/binary"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestStepsPrefixedDocs checks that prefixedDocs, and a BinaryScreen
// reading a length-prefixed document with more after it, work in steps
// linear in the body's length: a stream of short messages, a document
// then text with no NUL, a length that frames text that is no JSON, a
// document then a NUL, messages past the screen's hold, binary messages
// before documents, gRPC frames, binary messages framing no document.
func TestStepsPrefixedDocs(t *testing.T) {
	eng := testEngine(t)
	shapes := map[string]func(n int) []byte{
		"messages": func(n int) []byte {
			r := rand.New(rand.NewPCG(47, 3))
			var b []byte
			for i := 0; len(b) < n; i++ {
				b = append(b, prefixedDoc(r, 200+i%50, i%2 == 0, i%3 == 0, false)...)
			}
			return b
		},
		"doc then text": func(n int) []byte {
			b := prefixedDoc(rand.New(rand.NewPCG(47, 4)), 300, false, false, false)
			return append(b, bytes.Repeat([]byte(`{"a":[1,`), n/8)...)
		},
		"no json": func(n int) []byte {
			return append([]byte{0, 0, 0x10, 0}, bytes.Repeat([]byte("[{"), n/2)...)
		},
		"binary then doc messages": func(n int) []byte {
			r := rand.New(rand.NewPCG(47, 6))
			var b []byte
			for i := 0; len(b) < n; i++ {
				b = append(b, 0, 0, 0, 8, 1, 2, 3, 0, 5, 6, 7, 8)
				b = append(b, prefixedDoc(r, 200+i%50, false, false, false)...)
			}
			return b
		},
		"grpc frames": func(n int) []byte {
			r := rand.New(rand.NewPCG(47, 7))
			var b []byte
			for i := 0; len(b) < n; i++ {
				doc := prefixedDoc(r, 200+i%50, false, false, false)[lengthPrefixWidth:]
				b = append(append(append(b, 0), binary.BigEndian.AppendUint32(nil, uint32(len(doc)))...), doc...)
			}
			return append(b, 0x80, 0, 0, 0, 15)
		},
		"binary messages no json": func(n int) []byte {
			var b []byte
			for len(b) < n {
				b = append(b, 0, 0, 0, 4, '{', '{', 0, 4)
			}
			return b
		},
		"doc then NUL": func(n int) []byte {
			return append(prefixedDoc(rand.New(rand.NewPCG(47, 5)), n, false, false, true), 0)
		},
	}
	for name, shape := range shapes {
		stepsGrowLinearly(t, name, func(n int) int64 {
			b := shape(n)
			resetReadingSteps()
			prefixedDocs(b, func([]byte) error { return nil })
			return readingSteps.Load()
		})
		stepsGrowLinearly(t, name+" screen", func(n int) int64 {
			b := shape(n)
			resetReadingSteps()
			detect.ResetSteps()
			s, err := NewBinaryScreen(eng, chunkReader{bytes.NewReader(b), binaryScreenRead}, Scan, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := io.Copy(io.Discard, s); err != nil {
				t.Fatal(err)
			}
			return readingSteps.Load() + detect.Steps()
		})
	}
}
