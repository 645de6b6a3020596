package scancmd

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/pierrec/lz4/v4"
)

// TestFix52LZ4Input (fix52lz4, 1): caddy pii-scan reads an LZ4 file (a
// frame, a legacy frame) as the text it decompresses to, as it reads a
// gzip or zstd file: the record's mobile and ID found and masked in its
// output; a corrupt one is an error.
func TestFix52LZ4Input(t *testing.T) {
	dir := t.TempDir()
	for name, legacy := range map[string]bool{"frame": false, "legacy": true} {
		var buf bytes.Buffer
		w := lz4.NewWriter(&buf)
		if err := w.Apply(lz4.LegacyOption(legacy)); err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(record()))
		w.Close()
		file := filepath.Join(dir, name+".lz4")
		os.WriteFile(file, buf.Bytes(), 0o600)
		r := run(t, Options{}, []string{file}, "")
		if r.code != ExitFound {
			t.Fatalf("%s: status %d (%v)", name, r.code, r.err)
		}
		assertRedacted(t, r.stdout, testMobile, testID)
	}
	corrupt := filepath.Join(dir, "bad.lz4")
	os.WriteFile(corrupt, []byte("\x04\x22\x4d\x18\x64\x40\xa7garbage"), 0o600)
	if r := run(t, Options{}, []string{corrupt}, ""); r.code != ExitError {
		t.Errorf("corrupt LZ4: status %d (%v), want %d", r.code, r.err, ExitError)
	}
}
