package scancmd

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
)

// TestBinaryInputScreened (issue #9): a file whose first bytes are no
// text had been refused as "not text" (exit 2) whatever it held, while
// an upstream's form parser reads "tel" in "\x00\x00&tel=<mobile>". It is
// now read as pii_filter reads such a request body, through the binary
// screen: --check reports the mobile (exit 1), also read a byte at a time
// from standard input; without --check the file is an error (binary is
// not rewritten) and nothing of it is written; a binary file with no such
// field is still "not text".
func TestBinaryInputScreened(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 31))
	noise := make([]byte, 600)
	for bodyformat.IsText("", noise) || bytes.IndexByte(noise, 0) >= 0 || bytes.IndexByte(noise, '=') >= 0 {
		for i := range noise {
			noise[i] = byte(r.UintN(256))
		}
	}
	dir := t.TempDir()
	for i, head := range []string{"\x00\x00&", "\xff\xd8\xff&", string(noise) + "&"} {
		body := head + "tel=" + testMobile + "\x00\x01&name=x"
		file := filepath.Join(dir, "upload"+string(rune('a'+i)))
		if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		res := run(t, Options{Check: true, Report: "-", Quiet: true}, []string{file}, "")
		if res.code != ExitFound || !strings.Contains(res.stderr, `"cn_mobile"`) || strings.Contains(res.stderr, testMobile) {
			t.Errorf("%.12q --check: status %d (%v), report %q", head, res.code, res.err, res.stderr)
		}
		var out bytes.Buffer
		code, _, err := runReader(t, Options{Check: true, Quiet: true}, iotest.OneByteReader(strings.NewReader(body)), &out)
		if code != ExitFound || err != nil {
			t.Errorf("%.12q --check from stdin a byte at a time: status %d (%v)", head, code, err)
		}
		res = run(t, Options{Quiet: true}, []string{file}, "")
		if res.code != ExitError || !errors.Is(res.err, errBinaryFound) || res.stdout != "" {
			t.Errorf("%.12q: status %d (%v), wrote %q", head, res.code, res.err, res.stdout)
		}
	}
	clean := make([]byte, 1<<20)
	for i := range clean {
		clean[i] = byte(r.UintN(256))
	}
	clean[0] = 0
	file := filepath.Join(dir, "blob")
	if err := os.WriteFile(file, clean, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, check := range []bool{true, false} {
		if res := run(t, Options{Check: check}, []string{file}, ""); res.code != ExitError || !errors.Is(res.err, errBinary) {
			t.Errorf("random bytes, check %v: status %d (%v), want not text", check, res.code, res.err)
		}
	}
}
