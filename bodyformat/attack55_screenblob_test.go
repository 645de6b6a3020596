package bodyformat

import (
	"github.com/piifilter/caddy-pii-filter/internal/synth"

	"bytes"
	"context"
	"io"
	"runtime"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/membudget"
)

// TestAttack55BinaryScreenBlobs: a large application/octet-stream body
// (no text at its head, so the handler screens it in pieces:
// BinaryScreen, charged BinaryScreenMemory and "all it holds") whose
// runs of text are base64 zlib blobs of 8 MiB of bytes that are no text
// (27 KiB each, within a read). Each reading's inspector has a meter of
// its own with no memory and no cap on what its decoders yield, so
// the blobs are inflated whole: 428 KB of body allocate some 70 MiB
// (160 bytes a byte) while 240 KB are charged to Limits.Memory. It should
// charge them, or cap them together as a buffered body's decoders are.
func TestAttack55BinaryScreenBlobs(t *testing.T) {
	eng := testEngine(t)
	tok := synth.ZlibBlobBase64(8 << 20)
	var body bytes.Buffer
	body.Write([]byte{0x89, 'P', 'N', 'G', 0, 0, 0, 0, 0xff, 0xfe, 0, 1})
	for range 16 {
		body.WriteString("\x00\x00" + tok + "\x00\x00")
	}
	b := membudget.New(64 << 20)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	s, err := NewBinaryScreen(eng, bytes.NewReader(body.Bytes()), Scan, Limits{Memory: b.Lease(context.Background(), 0)})
	if err == nil {
		_, err = io.Copy(io.Discard, s)
	}
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d bytes: err %v, %d MiB allocated (%.0f a byte), budget used %d", body.Len(), err, alloc>>20, float64(alloc)/float64(body.Len()), b.Used())
	if err == nil && alloc > 48<<20 {
		t.Errorf("a screened binary body of %d bytes allocated %d MiB inflating blobs, %d charged", body.Len(), alloc>>20, b.Used())
	}
}
