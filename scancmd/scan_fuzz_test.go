package scancmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fuzzScanFormats are the --format values FuzzScan reads its files as.
var fuzzScanFormats = []string{"auto", "text", "json", "ndjson", "form", "html", "xml", "multipart"}

// FuzzScan checks pii-scan on any file with a labelled resident ID and
// mobile planted in it, on a line of their own between any bytes, read
// as any --format with any chunk size, with and without --check: the
// status is never ExitClean (found, or an input it could not read, never
// clean) nor ExitPanic; with the redacted text written (no --check) and
// status ExitFound, the output holds neither value raw.
func FuzzScan(f *testing.F) {
	f.Add([]byte("name,note\n"), []byte("a,b\n"), uint8(0), uint16(0), false)
	f.Add([]byte(`{"note":"`), []byte(`"}`), uint8(2), uint16(7), false)
	f.Add([]byte("\x00\x00&tel="), []byte("\x00"), uint8(0), uint16(1), true)
	f.Add([]byte("<p>"), []byte("</p>"), uint8(5), uint16(100), false)
	f.Add([]byte("--b\r\n\r\n"), []byte("\r\n--b--\r\n"), uint8(7), uint16(3), false)
	f.Add([]byte("1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1"), []byte("&#49;&#50;"), uint8(1), uint16(64), false)
	f.Fuzz(func(t *testing.T, before, after []byte, format uint8, chunk uint16, check bool) {
		file := append(append(append(bytes.Clone(before), '\n'), record()...), after...)
		p := filepath.Join(t.TempDir(), "in")
		if err := os.WriteFile(p, file, 0o600); err != nil {
			t.Fatal(err)
		}
		opts := Options{Quiet: true, Check: check, Format: fuzzScanFormats[int(format)%len(fuzzScanFormats)], Boundary: "b", ChunkSize: 1 + int(chunk)%(128<<10)}
		r := run(t, opts, []string{p}, "")
		switch {
		case r.code == ExitClean || r.code == ExitPanic:
			t.Fatalf("--format %s, chunk %d: status %d (%v)\nstderr: %s", opts.Format, opts.ChunkSize, r.code, r.err, r.stderr)
		case r.code == ExitFound && !check && (strings.Contains(r.stdout, testID) || strings.Contains(r.stdout, testMobile)):
			t.Fatalf("--format %s, chunk %d: the output holds a value raw:\n%q", opts.Format, opts.ChunkSize, r.stdout)
		}
	})
}
