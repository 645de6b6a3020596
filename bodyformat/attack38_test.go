package bodyformat

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
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
