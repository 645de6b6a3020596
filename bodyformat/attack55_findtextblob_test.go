package bodyformat

import (
	"github.com/piifilter/caddy-pii-filter/internal/synth"

	"errors"
	"runtime"
	"strings"
	"testing"
)

// TestAttack55FindTextBlobsUncapped: FindText (what the handler reads a
// request's header fields, target and the upstream's response fields
// with, and the log filter each logged field) has no meter, so each
// base64 zlib blob in the text is inflated under a meter of its own
// (readBlob: newMeter per blob): no memory charged, no cap on what the
// blobs of one text yield together. Sixteen blobs of 8 MiB of bytes
// that are no text, 27 KiB each (a 430 KB value, within a 1 MiB header
// block), inflate 128 MiB for one field, where a buffered body of the
// same bytes stops at decodedBound (16 MiB, ErrTooLarge). Now the blobs
// of one text inflate at most maxUnchargedBlob together, and past it
// FindText fails (ErrTooLarge): the field is uninspectable.
func TestAttack55FindTextBlobsUncapped(t *testing.T) {
	eng := testEngine(t)
	tok := synth.ZlibBlobBase64(8 << 20)
	text := []byte(strings.Repeat(tok+" ", 16))
	_, _ = FindText(eng, []byte("warm "+tok[:64]), 0) // the tables a first reading builds (6.7 MB)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fs, err := FindText(eng, text, 0)
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d bytes of text: %d findings, err %v, %d MiB allocated (%.0f a byte)", len(text), len(fs), err, alloc>>20, float64(alloc)/float64(len(text)))
	if alloc > 8<<20 {
		t.Errorf("FindText of %d bytes allocated %d MiB: each blob inflated on its own meter, none charged or capped together", len(text), alloc>>20)
	}
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("FindText err = %v, want ErrTooLarge: the text is not read whole, and is no clean text", err)
	}
}
