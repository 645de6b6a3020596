package scancmd

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// uEscaped spells s as \u escapes, as Python's json.dumps does.
func uEscaped(s string) string {
	var b strings.Builder
	for _, r := range s {
		fmt.Fprintf(&b, `\u%04x`, r)
	}
	return b.String()
}

// TestJSONInput checks that a JSON input is read as JSON: an identifier in
// a number, in escapes or in a key is found, and the output stays valid
// JSON.
func TestJSONInput(t *testing.T) {
	in := `{"mobile": ` + testMobile + `, "idCard": "` + uEscaped(testID) + `", "` + testMobile + `": 1}` + "\n"
	r := run(t, Options{}, nil, in)
	if r.code != ExitFound {
		t.Fatalf("status %d (%v)", r.code, r.err)
	}
	assertRedacted(t, r.stdout, testMobile, testID, uEscaped(testID))
	var v map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Errorf("output is not JSON: %v\n%s", err, r.stdout)
	}
	if _, ok := v["mobile"].(string); !ok {
		t.Errorf("the redacted number is not a string: %s", r.stdout)
	}
}

// TestCompressedInput checks that a gzip file is decompressed and read,
// and that an input of no readable format is an error, not clean.
func TestCompressedInput(t *testing.T) {
	dir := t.TempDir()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(record()))
	zw.Close()
	zipped := filepath.Join(dir, "log.gz")
	os.WriteFile(zipped, gz.Bytes(), 0o600)
	r := run(t, Options{}, []string{zipped}, "")
	if r.code != ExitFound {
		t.Fatalf("gzip: status %d (%v)", r.code, r.err)
	}
	assertRedacted(t, r.stdout, testMobile, testID)

	png := filepath.Join(dir, "a.png")
	os.WriteFile(png, append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), record()...), 0o600)
	if r := run(t, Options{}, []string{png}, ""); r.code != ExitError || r.err == nil {
		t.Errorf("binary input: status %d (%v), want %d", r.code, r.err, ExitError)
	}
	corrupt := filepath.Join(dir, "bad.gz")
	os.WriteFile(corrupt, []byte("\x1f\x8b\x08garbage"), 0o600)
	if r := run(t, Options{}, []string{corrupt}, ""); r.code != ExitError {
		t.Errorf("corrupt gzip: status %d (%v), want %d", r.code, r.err, ExitError)
	}
}

// TestFormatFlag checks --format: a form read as a form, text kept as
// text even when it looks like JSON, and bad values refused.
func TestFormatFlag(t *testing.T) {
	r := run(t, Options{Format: "form"}, nil, "a=1&mobile=%31"+testMobile[1:])
	if r.code != ExitFound || strings.Contains(r.stdout, testMobile[1:]) {
		t.Errorf("form: status %d, output %q", r.code, r.stdout)
	}
	in := `{"n": 1` // not JSON: as text it stays
	if r := run(t, Options{Format: "text"}, nil, in); r.code != ExitClean || r.stdout != in {
		t.Errorf("text: status %d, output %q", r.code, r.stdout)
	}
	for _, o := range []Options{{Format: "yaml"}, {Format: "multipart"}} {
		if r := run(t, o, nil, "x"); r.code != ExitError {
			t.Errorf("%+v: status %d, want %d", o, r.code, ExitError)
		}
	}
}

// TestBadFormatSaidOnce: a bad --format is one usage error, not one per
// input.
func TestBadFormatSaidOnce(t *testing.T) {
	var stdout, stderr bytes.Buffer
	a, b := filepath.Join(t.TempDir(), "a.txt"), filepath.Join(t.TempDir(), "b.txt")
	for _, f := range []string{a, b} {
		if err := os.WriteFile(f, []byte("hello\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	code, err := Run(Options{Format: "nope"}, []string{a, b}, nil, &stdout, &stderr)
	if code != ExitError || err == nil || strings.Contains(err.Error(), "a.txt") || strings.Count(err.Error(), "unknown format") != 1 {
		t.Errorf("code %d, err %v", code, err)
	}
}
