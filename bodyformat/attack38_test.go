package bodyformat

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// storedZlib returns text as a zlib stream of stored blocks.
func storedZlib(t *testing.T, text string) []byte {
	t.Helper()
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.NoCompression)
	if _, err := w.Write([]byte(text)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestAttack38PerValueDistinct: Scan's per-value dedupe (pervalue.go)
// hashes a value with every ASCII byte but letters and digits left out,
// so two DIFFERENT e-mail addresses ("ab@c.cn" and "a@bc.cn", "j.li@x.cn"
// and "jli@x.cn") are one value: the second reading's distinct address is
// dropped and the scan under-counts.
func TestAttack38PerValueDistinct(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(38, 5))
	user := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('a' + r.IntN(26))
		}
		return string(b)
	}
	u, d := user(6), user(5)
	pairs := [][2]string{
		// '@' moved: another mailbox at another domain
		{u + "@" + d + ".cn", u[:3] + "@" + u[3:] + d + ".cn"},
		// a dot in the local part (not Gmail): two mailboxes
		{u[:2] + "." + u[2:] + "@" + d + ".com", u + "@" + d + ".com"},
		// hyphen vs underscore vs nothing
		{u[:3] + "-" + u[3:] + "@" + d + ".cn", u[:3] + "_" + u[3:] + "@" + d + ".cn"},
	}
	for i, p := range pairs {
		t.Run(fmt.Sprintf("stored zlib %d", i), func(t *testing.T) {
			body := append(storedZlib(t, "mail="+p[0]), "&alt="+p[1]...)
			res, err := Inspect(eng, body, "application/x-www-form-urlencoded", "deflate", Scan, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Summary.Counts[detect.Email]; got != 2 {
				t.Errorf("%q then %q: %d e-mails counted, want 2", p[0], p[1], got)
			}
		})
	}
}

// TestAttack38OpaqueUploadRead: unknownText reads any body of no type the
// standard sniffer knows and without a NUL in its first 512 bytes as
// text, application/octet-stream included. One random (encrypted,
// compressed) blob in about seven qualifies; read as text through the
// charset guess, a 64 KiB one is refused ("cannot be written in big5",
// "… shift_jis") or has an "e-mail" starred into it (z***@故.堯獹:
// the uploaded file corrupted). Before unknownText these bodies were
// binary and sent untouched. The cases are the blobs of the stream below
// (numbered among those without a NUL in their head) that show it.
func TestAttack38OpaqueUploadRead(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(38, 31))
	bad := map[int]bool{17: true, 26: true, 30: true, 40: true, 58: true}
	for n := 0; n < 58; {
		b := make([]byte, 64<<10)
		for i := range b {
			b[i] = byte(r.UintN(256))
		}
		if bytes.IndexByte(b[:512], 0) >= 0 {
			continue
		}
		n++
		if !bad[n] {
			continue
		}
		t.Run(fmt.Sprintf("blob %d", n), func(t *testing.T) {
			res, err := Inspect(eng, b, "application/octet-stream", "", Redact, Limits{})
			if err != nil {
				t.Fatalf("random 64 KiB upload refused: %v", err)
			}
			if res.Changed || len(res.Findings) > 0 {
				t.Errorf("random 64 KiB upload changed (%v), findings %v", res.Changed, res.Findings)
			}
		})
	}
}

// TestAttack38BinaryPrefixHides: an untyped body whose head holds NULs,
// or starts with a signature the standard sniffer knows, is binary and
// unread, yet the bytes after the prefix are a form a parser that
// ignores the (missing) type reads field by field: "\x00\x00&tel=M"
// gives a field named "\x00\x00" and tel=M; "\xff\xd8\xff&tel=M" (a
// JPEG's first three bytes) likewise. ("\x00&tel=M", "GIF89a&…",
// "PK\x03\x04&…" and "\x1f\x8b&…" are read.)
func TestAttack38BinaryPrefixHides(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rand.New(rand.NewPCG(38, 41)))
	for _, prefix := range []string{"\x00\x00", "\xff\xd8\xff"} {
		t.Run(fmt.Sprintf("%q", prefix), func(t *testing.T) {
			body := []byte(prefix + "&tel=" + m + "&name=x")
			res, err := Inspect(eng, body, "", "", Redact, Limits{})
			if err == nil && bytes.Contains(res.Body, []byte(m)) {
				t.Errorf("%q: mobile sent as it is (findings %d)", body, len(res.Findings))
			}
		})
	}
}
