package detect_test

import (
	"bytes"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// streamRedacted returns text redacted by e's stream redactor, written in
// pieces of size bytes and closed.
func streamRedacted(t *testing.T, e *detect.Engine, text string, size int) []byte {
	t.Helper()
	var out bytes.Buffer
	s := e.NewStreamRedactor(&out, nil)
	for p := []byte(text); len(p) > 0; {
		n := min(size, len(p))
		if _, err := s.Write(p[:n]); err != nil {
			t.Fatal(err)
		}
		p = p[n:]
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
