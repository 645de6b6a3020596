package bodyformat

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestUnknownBytesBeforeText: an untyped body whose first bytes are no
// text ("x\x9c\x01&tel=…": a zlib header that inflates to nothing, or a
// few control bytes) was taken for binary and sent on unread, while a
// form parser reads "tel" as a field and a text reader shows the number.
// Bytes of no known format without NUL bytes are now text to IsText and
// read as text by Inspect (after the compressed readings): the mobile is
// masked, the other bytes kept. Images, archives, fonts and other heads
// with a signature or NUL bytes stay binary.
func TestUnknownBytesBeforeText(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(37, 5))
	mobile := synth.CNMobile(r)
	for _, prefix := range []string{"x\x9c\x01&", "\x01\x02\x03&", "\xff\xfe\xfd\x7f&", "\x9c\x9c\x9c\x9c\x9c\x9c\x9c\x9c&"} {
		body := prefix + "tel=" + mobile
		for _, ct := range []string{"", "application/octet-stream"} {
			if !IsText(ct, []byte(body)) {
				t.Errorf("%q as %q: not text, so sent on unread", body, ct)
			}
			for _, mode := range []Mode{Scan, Redact} {
				res, err := Inspect(eng, []byte(body), ct, "", mode, Limits{})
				if err != nil {
					t.Errorf("%q as %q: %v", body, ct, err)
					continue
				}
				if res.Summary.Counts[detect.CNMobile] != 1 {
					t.Errorf("%q as %q mode %v: %v counted, want the mobile", body, ct, mode, res.Summary.Counts)
				}
				if mode == Redact && (!res.Changed || strings.Contains(string(res.Body), mobile) || !strings.HasPrefix(string(res.Body), prefix)) {
					t.Errorf("%q as %q: redacted to %q", body, ct, res.Body)
				}
			}
		}
	}
	// heads that stay binary: signatures the standard sniffer knows, NULs
	binaries := map[string]string{
		"png":      "\x89PNG\r\n\x1a\n",
		"gif":      "GIF89a",
		"jpeg":     "\xff\xd8\xff\xe0",
		"zip":      "PK\x03\x04",
		"rar":      "Rar!\x1a\x07\x00",
		"woff":     "wOFF",
		"woff2":    "wOF2",
		"truetype": "\x00\x01\x00\x00",
		"opentype": "OTTO",
		"with nul": "\x01\x02\x00\x03",
	}
	for name, head := range binaries {
		body := head + "\x13\x88tel=" + mobile
		if IsText("", []byte(body)) {
			t.Errorf("%s: taken for text", name)
		}
	}
	if IsText("image/png", []byte("\x9c\x02tel="+mobile)) {
		t.Error("a body labelled image/png without a signature: taken for text")
	}
}
