package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFramedBodyOfTextRead: every printable ASCII byte is an item of
// MessagePack and of CBOR, so text labelled so parses as items that hold
// no string, and its identifiers went out raw, uncounted (fix44cbor's
// report). The bytes a reader that takes the body for text sees are read
// after the walk: masked in Redact, counted once in Scan.
func TestFramedBodyOfTextRead(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for _, ct := range []string{"application/msgpack", "application/x-msgpack", "application/cbor", "application/cbor-seq", "application/vnd.api+cbor"} {
		for k := 0; k < 20; k++ {
			m, id := synth.CNMobile(r), synth.CNID18(r)
			for _, body := range []string{m, "tel " + m, "hello " + m + " bye", "身份证 " + id, `{"tel":"` + m + `"}`} {
				raw := m
				if strings.Contains(body, id) {
					raw = id
				}
				res := mustInspect(t, eng, []byte(body), ct, "", Redact)
				if strings.Contains(string(res.Body), raw) {
					t.Fatalf("%s %q: left raw: %q", ct, body, res.Body)
				}
				if scan := mustInspect(t, eng, []byte(body), ct, "", Scan); len(scan.Findings) != 1 {
					t.Fatalf("%s %q: %d findings in Scan, want 1", ct, body, len(scan.Findings))
				}
			}
		}
	}
}
