package bodyformat

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestGzipTrailingBytesAccepted (attack pass 34, F3): a clean gzip
// response followed by a few stray bytes (a newline a PHP script writes
// after ob_gzhandler's output, zeros a proxy pads with) was refused as
// corrupt: the gzip reader read on for a second member and found no
// header, while "\r\n" happened to pass. Browsers ignore the bytes after
// the member (Chromium's GzipSourceStream, Firefox): the body decodes as
// they decode it, and, being clean, passes whatever the stray bytes are.
func TestGzipTrailingBytesAccepted(t *testing.T) {
	eng := testEngine(t)
	gz := gzipOf("<html><body><p>Opening hours: 9 to 5.</p></body></html>\n")
	for name, tail := range map[string]string{
		"newline": "\n",
		"crlf":    "\r\n",
		"zeros":   "\x00\x00\x00\x00",
		"text":    "<!-- cached -->",
	} {
		body := append(append([]byte{}, gz...), tail...)
		res, err := Inspect(eng, body, "text/html; charset=utf-8", "gzip", Redact, Limits{})
		if err != nil {
			t.Errorf("%s: a clean gzip page with %q after it is refused: %v", name, tail, err)
			continue
		}
		if res.Changed || len(res.Findings) != 0 {
			t.Errorf("%s: a clean page changed (%v) or found %d", name, res.Changed, len(res.Findings))
		}
	}
}

// TestGzipTrailingBytesRead (attack pass 34, F3): the bytes after the
// gzip member are read as text, so nothing hides there: a mobile in them
// counts in Scan mode and fails the body closed in Redact mode, where
// masking it would mean writing bytes no decoder reads.
func TestGzipTrailingBytesRead(t *testing.T) {
	eng := testEngine(t)
	mobile := synth.CNMobile(rand.New(rand.NewPCG(34, 3)))
	body := []byte(gzipOf("opening hours nine to five\n") + "\ntel: " + mobile + "\n")
	res, err := Inspect(eng, body, "text/plain", "gzip", Scan, Limits{})
	if err != nil {
		t.Fatalf("scan: %v", err)
	}
	if res.Summary.Counts[detect.CNMobile] != 1 {
		t.Errorf("scan: the mobile after the gzip member is not counted: %v", res.Summary.Counts)
	}
	_, err = Inspect(eng, body, "text/plain", "gzip", Redact, Limits{})
	if !errors.Is(err, ErrEncoding) || !errors.Is(err, errFoundBeyondStream) {
		t.Errorf("redact: a mobile after the gzip member gives %v, want a refusal", err)
	}
}

// TestGzipMembersStillRead: a second member after the first is decoded
// as before, not taken for stray bytes.
func TestGzipMembersStillRead(t *testing.T) {
	body := []byte(gzipOf("first ") + gzipOf("second"))
	out, err := Decompress(body, "gzip", 0)
	if err != nil || string(out) != "first second" {
		t.Errorf("two members decode to %q, %v", out, err)
	}
	if _, err := Decompress(append(body, '\n'), "gzip", 0); !errors.Is(err, errBeyondStream) {
		t.Errorf("Decompress of members and a stray byte: %v, want errBeyondStream", err)
	}
}
