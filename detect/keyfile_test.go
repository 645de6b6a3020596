package detect

import (
	"bytes"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadKeyFileLengths(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, content string
		want          string // the key read, or "" for an error
		errHas        []string
	}{
		{"exact", strings.Repeat("k", MinKeySize), strings.Repeat("k", MinKeySize), nil},
		{"line break dropped", strings.Repeat("k", MinKeySize) + "\r\n", strings.Repeat("k", MinKeySize), nil},
		{"eight bytes", "12345678\n", "", []string{"8 bytes", "at least 32", "caddy pii-keygen"}},
		{"one short", strings.Repeat("k", MinKeySize-1), "", []string{"31 bytes"}},
		{"empty", "\n", "", []string{"empty key", "caddy pii-keygen"}},
		{"oversized", strings.Repeat("k", MaxKeyFileSize+1), "", []string{"larger than"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			name := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_"))
			if err := os.WriteFile(name, []byte(tc.content), 0o600); err != nil {
				t.Fatal(err)
			}
			key, err := ReadKeyFile(name)
			if tc.want != "" {
				if err != nil || string(key) != tc.want {
					t.Fatalf("key %q, error %v", key, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("accepted %q", key)
			}
			for _, s := range append(tc.errHas, name) {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
		})
	}
}

func TestWriteNewKeyFile(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.key"), filepath.Join(dir, "b.key")
	for _, name := range []string{a, b} {
		if err := WriteNewKeyFile(name); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		if perm := fi.Mode().Perm(); perm != 0o600 {
			t.Errorf("%s: permissions %o, want 600", name, perm)
		}
	}
	ka, err := ReadKeyFile(a)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := ReadKeyFile(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(ka) != 2*newKeyBytes || bytes.Equal(ka, kb) {
		t.Errorf("keys %d and %d bytes, equal: %v", len(ka), len(kb), bytes.Equal(ka, kb))
	}
	if _, err := hex.DecodeString(string(ka)); err != nil {
		t.Errorf("key is not hexadecimal: %v", err)
	}

	// an existing file is never replaced
	if err := WriteNewKeyFile(a); err == nil {
		t.Error("replaced an existing key file")
	}
	if again, _ := ReadKeyFile(a); !bytes.Equal(again, ka) {
		t.Error("the existing key changed")
	}
}
