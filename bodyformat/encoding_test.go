package bodyformat

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zlib"
	"github.com/klauspost/compress/zstd"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// compressors write each content coding.
var compressors = map[string]func(io.Writer) io.WriteCloser{
	"gzip": func(w io.Writer) io.WriteCloser { z, _ := gzip.NewWriterLevel(w, gzip.BestSpeed); return z },
	"deflate": func(w io.Writer) io.WriteCloser {
		z, _ := zlib.NewWriterLevel(w, zlib.BestSpeed)
		return z
	},
	"raw-deflate": func(w io.Writer) io.WriteCloser { z, _ := flate.NewWriter(w, flate.BestSpeed); return z },
	"zstd": func(w io.Writer) io.WriteCloser {
		z, _ := zstd.NewWriter(w, zstd.WithEncoderConcurrency(1), zstd.WithEncoderLevel(zstd.SpeedFastest))
		return z
	},
	"br": func(w io.Writer) io.WriteCloser { return brotli.NewWriterLevel(w, 1) },
}

// compress encodes b with the named compressor.
func compress(t testing.TB, name string, b []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	w := compressors[name](&out)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestDecompress(t *testing.T) {
	plain := []byte(strings.Repeat("解压缩 round trip ", 200))
	gz := compress(t, "gzip", plain)
	for _, c := range []struct {
		name, coding string
		body         []byte
	}{
		{"identity", "identity", plain},
		{"none", "", plain},
		{"gzip", "gzip", gz},
		{"x-gzip", "x-gzip", gz},
		{"upper case", " GZIP ", gz},
		{"gzip, two members", "gzip", append(compress(t, "gzip", plain[:100]), compress(t, "gzip", plain[100:])...)},
		{"deflate (zlib)", "deflate", compress(t, "deflate", plain)},
		{"deflate (raw)", "deflate", compress(t, "raw-deflate", plain)},
		{"zstd", "zstd", compress(t, "zstd", plain)},
		{"br", "br", compress(t, "br", plain)},
		{"gzip then br", "gzip, br", compress(t, "br", gz)},
		{"zstd then deflate then identity", "zstd,deflate, identity", compress(t, "deflate", compress(t, "zstd", plain))},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := Decompress(c.body, c.coding, 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, plain) {
				t.Errorf("decoded %d bytes, not the original %d", len(got), len(plain))
			}
		})
	}
}

// TestDecompressBroken checks that broken data is ErrEncoding, with a
// message that names the coding but quotes nothing of the body.
func TestDecompressBroken(t *testing.T) {
	secret := synth.CNMobile(rng("broken"))
	plain := []byte(strings.Repeat("tel "+secret+" ", 300))
	for _, c := range []struct {
		name, coding string
		body         []byte
	}{
		{"gzip truncated", "gzip", truncate(compress(t, "gzip", plain))},
		{"gzip not gzip", "gzip", plain},
		{"gzip bad checksum", "gzip", flipByte(compress(t, "gzip", plain), -6)},
		{"gzip trailing garbage", "gzip", append(compress(t, "gzip", plain), []byte(secret)...)},
		{"deflate garbage", "deflate", []byte("\x78\x9c" + secret)},
		{"deflate truncated", "deflate", truncate(compress(t, "deflate", plain))},
		{"zstd truncated", "zstd", truncate(compress(t, "zstd", plain))},
		{"zstd not zstd", "zstd", plain},
		{"br truncated", "br", truncate(compress(t, "br", plain))},
		{"br not br", "br", plain},
		{"unknown", "compress", plain},
		{"unknown in a chain", "gzip, lzma", compress(t, "gzip", plain)},
		{"chain, inner broken", "gzip, br", compress(t, "br", plain)},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Decompress(c.body, c.coding, 1<<20)
			if !errors.Is(err, ErrEncoding) {
				t.Fatalf("err = %v, want ErrEncoding", err)
			}
			msg := err.Error()
			if strings.Contains(msg, secret) || strings.Contains(msg, secret[:6]) {
				t.Errorf("error quotes the body: %s", msg)
			}
			named := false
			for _, cd := range codings(c.coding) {
				named = named || strings.Contains(msg, cd)
			}
			if !named {
				t.Errorf("error does not name the coding: %s", msg)
			}
			if _, err := Inspect(testEngine(t), c.body, ctJSON, c.coding, Redact, Limits{}); !errors.Is(err, ErrEncoding) {
				t.Errorf("Inspect: err = %v, want ErrEncoding", err)
			}
		})
	}
}

func truncate(b []byte) []byte { return b[:len(b)*2/3] }

func flipByte(b []byte, i int) []byte {
	b = bytes.Clone(b)
	if i < 0 {
		i += len(b)
	}
	b[i] ^= 0xff
	return b
}

// zeros reads as n zero bytes without holding them.
type zeros struct{ n int64 }

func (z *zeros) Read(p []byte) (int, error) {
	if z.n <= 0 {
		return 0, io.EOF
	}
	k := min(int64(len(p)), z.n)
	clear(p[:k])
	z.n -= k
	return int(k), nil
}

// bomb compresses n zero bytes, streamed through the compressor.
func bomb(t testing.TB, name string, n int64) []byte {
	t.Helper()
	var out bytes.Buffer
	w := compressors[name](&out)
	if _, err := io.CopyBuffer(w, &zeros{n}, make([]byte, 1<<20)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// gzipBomb1GiB is a gzip stream of 1 GiB of zeros made of 64 members of
// 16 MiB each (RFC 1952 allows concatenated members; every decoder reads
// them as one stream). It is built this way because compressing 1 GiB in
// one member takes seconds, minutes under the race detector;
// bomb_norace_test.go adds the single-member bomb.
func gzipBomb1GiB(t testing.TB) []byte {
	member := bomb(t, "gzip", 16<<20)
	return bytes.Repeat(member, 64)
}

// checkBomb decompresses a bomb with a 1 MiB limit and checks that it
// fails with ErrTooLarge, quickly, having allocated a small multiple of the
// limit, not the bomb.
func checkBomb(t *testing.T, coding string, body []byte) {
	t.Helper()
	const limit = 1 << 20
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err := Decompress(body, coding, limit)
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 24*limit {
		t.Errorf("allocated %d bytes for a %d-byte limit", alloc, limit)
	}
	if elapsed > 5*time.Second {
		t.Errorf("took %v to refuse", elapsed)
	}
	if _, err := Inspect(testEngine(t), body, ctJSON, coding, Scan, Limits{MaxDecoded: limit}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Inspect: err = %v, want ErrTooLarge", err)
	}
}

func TestDecompressBombs(t *testing.T) {
	for _, c := range []struct {
		name, coding string
		body         func(testing.TB) []byte
	}{
		{"gzip 1 GiB", "gzip", gzipBomb1GiB},
		{"deflate 64 MiB", "deflate", func(t testing.TB) []byte { return bomb(t, "deflate", 64<<20) }},
		{"raw deflate 64 MiB", "deflate", func(t testing.TB) []byte { return bomb(t, "raw-deflate", 64<<20) }},
		{"zstd 64 MiB", "zstd", func(t testing.TB) []byte { return bomb(t, "zstd", 64<<20) }},
		{"br 16 MiB", "br", func(t testing.TB) []byte { return bomb(t, "br", 16<<20) }},
		{"gzip inside br", "gzip, br", func(t testing.TB) []byte { return compress(t, "br", gzipBomb1GiB(t)) }},
	} {
		t.Run(c.name, func(t *testing.T) { checkBomb(t, c.coding, c.body(t)) })
	}
}

func TestDecompressLimit(t *testing.T) {
	plain := bytes.Repeat([]byte("a"), 1000)
	for _, c := range []struct {
		name, coding string
		body         []byte
		limit        int64
		want         error
	}{
		{"identity at the limit", "", plain, 1000, nil},
		{"identity over the limit", "", plain, 999, ErrTooLarge},
		{"gzip at the limit", "gzip", compress(t, "gzip", plain), 1000, nil},
		{"gzip over the limit", "gzip", compress(t, "gzip", plain), 999, ErrTooLarge},
		{"zero means the default", "gzip", compress(t, "gzip", plain), 0, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Decompress(c.body, c.coding, c.limit)
			if !errors.Is(err, c.want) && (err != nil || c.want != nil) {
				t.Errorf("err = %v, want %v", err, c.want)
			}
		})
	}
}

// TestInspectCompressed checks the Body/Encoding contract: a rewritten
// body is identity-encoded; an untouched one is the compressed input.
func TestInspectCompressed(t *testing.T) {
	eng := testEngine(t)
	r := rng("compressed")
	dirty := jsonBody(r, 2<<10, true)
	clean := jsonBody(r, 2<<10, false)
	for _, coding := range []string{"gzip", "deflate", "zstd", "br"} {
		t.Run(coding, func(t *testing.T) {
			zd, zc := compress(t, coding, dirty), compress(t, coding, clean)
			res := mustInspect(t, eng, zd, ctJSON, coding, Redact)
			if !res.Changed || res.Encoding != "" || !json.Valid(res.Body) || len(res.Findings) == 0 {
				t.Errorf("dirty: Changed %v Encoding %q valid %v findings %d", res.Changed, res.Encoding, json.Valid(res.Body), len(res.Findings))
			}
			for _, mode := range []Mode{Scan, Redact} {
				body := zc
				if mode == Scan {
					body = zd
				}
				res := mustInspect(t, eng, body, ctJSON, coding, mode)
				if res.Changed || res.Encoding != coding || !sameSlice(res.Body, body) {
					t.Errorf("mode %d: Changed %v Encoding %q same slice %v", mode, res.Changed, res.Encoding, sameSlice(res.Body, body))
				}
			}
		})
	}
}

func TestZlibHeader(t *testing.T) {
	for _, c := range []struct {
		in   []byte
		want bool
	}{
		{[]byte{0x78, 0x9c}, true}, {[]byte{0x78, 0x01}, true}, {[]byte{0x78, 0xda}, true},
		{[]byte{0x78, 0x9d}, false}, {[]byte{0x79, 0x9c}, false}, {[]byte{0x78}, false}, {nil, false},
	} {
		if got := zlibHeader(c.in); got != c.want {
			t.Errorf("zlibHeader(% x) = %v, want %v", c.in, got, c.want)
		}
	}
}
