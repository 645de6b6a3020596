package bodyformat

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// zlibOf returns s compressed as a zlib stream (RFC 1950), by one writer
// reset for each (a new one costs a megabyte and, under the race
// detector, most of a test that compresses thousands of streams).
func zlibOf(s string) []byte {
	zlibMu.Lock()
	defer zlibMu.Unlock()
	var b bytes.Buffer
	if zlibW == nil {
		zlibW = zlib.NewWriter(&b)
	} else {
		zlibW.Reset(&b)
	}
	zlibW.Write([]byte(s))
	zlibW.Close()
	return b.Bytes()
}

// zlibW is zlibOf's writer.
var (
	zlibMu sync.Mutex
	zlibW  *zlib.Writer
)

// deflateOf returns s compressed as raw deflate (RFC 1951).
func deflateOf(s string) []byte {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.DefaultCompression)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

// inflateOf returns b inflated as a zlib stream (zl) or raw deflate, or
// fails the test when it is neither.
func inflateOf(t *testing.T, b []byte, zl bool) string {
	t.Helper()
	var r io.Reader = flate.NewReader(bytes.NewReader(b))
	if zl {
		zr, err := zlib.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("not zlib: %v", err)
		}
		r = zr
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("does not inflate: %v", err)
	}
	return string(out)
}

// TestDeflatedFilesRead: a zlib stream or raw deflate of text, sent untyped,
// as application/octet-stream or in a form part, is read as the text it
// inflates to and written back in the same format with the values masked.
func TestDeflatedFilesRead(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	id, mob := synth.CNID18(r), synth.CNMobile(r)
	msg := `{"idCard":"` + id + `","mobile":"` + mob + `","note":"hello"}`
	for _, tc := range []struct {
		format string
		zl     bool
		file   []byte
	}{{FormatZlib, true, zlibOf(msg)}, {FormatDeflate, false, deflateOf(msg)}} {
		for _, ct := range []string{"", "application/octet-stream"} {
			res := mustInspect(t, eng, tc.file, ct, "", Redact)
			if !res.Changed || res.Format != tc.format {
				t.Fatalf("%s as %q: changed %v, format %q", tc.format, ct, res.Changed, res.Format)
			}
			got := inflateOf(t, res.Body, tc.zl)
			if strings.Contains(got, id) || strings.Contains(got, mob) || !strings.Contains(got, `"note":"hello"`) {
				t.Errorf("%s as %q: inflates to %q", tc.format, ct, got)
			}
		}
		body := "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"m.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n" + string(tc.file) + "\r\n--b--\r\n"
		res := mustInspect(t, eng, []byte(body), "multipart/form-data; boundary=b", "", Redact)
		start := bytes.Index(res.Body, []byte("\r\n\r\n")) + 4
		end := bytes.LastIndex(res.Body, []byte("\r\n--b--"))
		if !res.Changed || strings.Contains(inflateOf(t, res.Body[start:end], tc.zl), id) {
			t.Errorf("%s in a form part: not masked", tc.format)
		}
		if res := mustInspect(t, eng, tc.file, "", "", Scan); res.Summary.Categories == 0 {
			t.Errorf("%s: Scan finds nothing", tc.format)
		}
	}
	// a zlib stream is read whatever the type says (like a gzip file)
	if res := mustInspect(t, eng, zlibOf(msg), "text/plain", "", Redact); !res.Changed {
		t.Errorf("zlib labelled text/plain: unchanged")
	}
}

// TestDeflatedCleanBytesKept: clean content in those formats, deflate of
// bytes that are no text, and other binary content (random bytes of every
// length, bytes that start like a zlib header) go out byte for byte and
// are never refused.
func TestDeflatedCleanBytesKept(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	// (no mobile: a compressed binary body holding one is refused as the
	// same bytes uncompressed are, TestAttack46aCompressedBinaryContent)
	bin := string(bytes.Repeat([]byte{0, 1, 2, 0xff, 0x13}, 40)) + "order 12345"
	cases := map[string][]byte{
		"zlib of clean text":       zlibOf(`{"order":12345,"note":"hello 2024-01-02"}`),
		"deflate of clean text":    deflateOf(`{"order":12345,"note":"hello 2024-01-02"}`),
		"zlib of binary bytes":     zlibOf(bin),
		"deflate of binary bytes":  deflateOf(bin),
		"zlib header then garbage": append([]byte{0x78, 0x9c}, bytes.Repeat([]byte{0xff, 0x00, 0x81}, 30)...),
		"zlib look-alike text":     []byte("x = 12345678901\x00\x01"), // (no mobile: text before a NUL is read, binaryText)
	}
	for n := 1; n < 600; n++ {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		cases["random "+string(rune('A'+n%26))+strings.Repeat("_", n/26)] = b
	}
	for name, b := range cases {
		for _, ct := range []string{"", "application/octet-stream"} {
			res, err := Inspect(eng, b, ct, "", Redact, Limits{})
			if err != nil {
				t.Errorf("%s as %q: %v", name, ct, err)
				continue
			}
			if res.Changed || !bytes.Equal(res.Body, b) {
				t.Errorf("%s as %q: changed", name, ct)
			}
		}
	}
}

// TestDeflatedBroken: a stream cut short or corrupt after text with
// personal data fails closed in Redact mode (a streaming receiver shows
// what inflated before the fault) and is counted in Scan mode; one whose
// text holds none passes as it came; a bomb is too large.
func TestDeflatedBroken(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	id := synth.CNID18(r)
	text := "身份证 " + id + " " + strings.Repeat("lorem ipsum dolor sit amet ", 20)
	for _, tc := range []struct {
		name string
		file []byte
	}{{"zlib", zlibOf(text)}, {"deflate", deflateOf(text)}} {
		cut := tc.file[:len(tc.file)-6]
		if _, err := Inspect(eng, cut, "", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s cut short: err %v, want ErrMalformed", tc.name, err)
		}
		if res, err := Inspect(eng, cut, "", "", Scan, Limits{}); err != nil || res.Summary.Categories == 0 {
			t.Errorf("%s cut short, Scan: %v, %+v", tc.name, err, res.Summary)
		}
	}
	clean := zlibOf(strings.Repeat("lorem ipsum dolor sit amet ", 20))
	clean = clean[:len(clean)-6]
	if res, err := Inspect(eng, clean, "", "", Redact, Limits{}); err != nil || res.Changed {
		t.Errorf("clean zlib cut short: %v, changed %v", err, res.Changed)
	}
	bomb := deflateOf(strings.Repeat("a", 4<<20))
	if _, err := Inspect(eng, bomb, "", "", Redact, Limits{MaxDecoded: 1 << 20}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("deflate bomb: err %v, want ErrTooLarge", err)
	}
	if _, err := Inspect(eng, zlibOf(text), "", "", Redact, Limits{Memory: &ledger{limit: 16 << 10}}); !errors.Is(err, ErrMemory) {
		t.Errorf("zlib within 16 KiB of memory: err %v, want ErrMemory", err)
	}
	l := &ledger{}
	if _, err := Inspect(eng, deflateOf(text), "", "", Redact, Limits{Memory: l}); err != nil || l.charged < flateCost+int64(len(text))+deflateWriterCost {
		t.Errorf("raw deflate: err %v, charged %d", err, l.charged)
	}
}
