package bodyformat

import (
	"bytes"
	"compress/gzip"
	"errors"
	"strings"
	"testing"
)

// gzipLayers wraps data in n layers of stored gzip and returns the body
// and the bytes its decoders read together (the sum of the layers).
func gzipLayers(t *testing.T, data []byte, n int) (body []byte, work int) {
	t.Helper()
	for range n {
		var b bytes.Buffer
		w, _ := gzip.NewWriterLevel(&b, gzip.NoCompression)
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		data = b.Bytes()
		work += len(data)
	}
	return data, work
}

// TestCodingChainBounded (attack pass 34, F10): a Content-Encoding chain
// had no bound on its length. Gzip wrapped N times grows by about 20
// bytes a layer while each layer's decoder reads everything inside it:
// 600 layers around a 100-byte note made a 15 KB body whose decoders read
// 300 times the body together (N² work), and each layer held a window
// (2000 layers: 94 MiB). More than maxCodings codings (identity ones
// left out) are refused before any decoder is opened: the meter charged
// nothing.
func TestCodingChainBounded(t *testing.T) {
	eng := testEngine(t)
	data := []byte(strings.Repeat("opening hours nine to five, closed on sundays. ", 2))
	const layers = 600
	body, work := gzipLayers(t, data, layers)
	if work < 100*len(body) {
		t.Fatalf("fixture: the decoders would read %d bytes, %d times the body", work, work/len(body))
	}
	ce := strings.TrimSuffix(strings.Repeat("gzip, ", layers), ", ")
	if _, err := Inspect(eng, body, "text/plain", ce, Scan, Limits{}); !errors.Is(err, ErrEncoding) {
		t.Errorf("a %d-byte body behind %d codings: %v, want ErrEncoding", len(body), layers, err)
	}
	lim := Limits{}.withDefaults()
	m := newMeter(lim)
	if _, _, err := decode(body, ce, lim, m); err == nil || !strings.Contains(err.Error(), "content codings") {
		t.Errorf("decode: %v, want a refusal that names the codings", err)
	}
	if m.reserves != 0 {
		t.Errorf("a refused chain charged %d reserves: decoders were opened", m.reserves)
	}

	// maxCodings codings, with identity ones among them, still decode
	body, _ = gzipLayers(t, data, maxCodings)
	ce = "identity, " + strings.TrimSuffix(strings.Repeat("gzip, identity, ", maxCodings), ", ")
	out, err := Decompress(body, ce, 0)
	if err != nil || !bytes.Equal(out, data) {
		t.Errorf("%d codings (%q): %v", maxCodings, ce, err)
	}
	body, _ = gzipLayers(t, data, maxCodings+1)
	if _, err := Decompress(body, strings.TrimSuffix(strings.Repeat("gzip,", maxCodings+1), ","), 0); !errors.Is(err, ErrEncoding) {
		t.Errorf("%d codings: %v, want ErrEncoding", maxCodings+1, err)
	}
}
