package bodyformat

import (
	"encoding/binary"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack53DeflatedHeadAgreesWithInspect (attack53a F1): Inspect reads
// an untyped body as raw deflate when what its head inflates to is text,
// whatever length that is (deflated: readableHead); DeflatedHead, which
// tells the handler to read such a body whole rather than screen it,
// also asks a 512-byte head to inflate to 512 bytes. Raw deflate whose
// head is a stored block (507 bytes out of 512 in), or a short stream
// with bytes after its end, is read by Inspect (its mobile counted) and
// not told by DeflatedHead. Should: DeflatedHead says yes to every body
// Inspect inflates and reads.
func TestAttack53DeflatedHeadAgreesWithInspect(t *testing.T) {
	r := rand.New(rand.NewPCG(53, 5))
	m := synth.CNMobile(r)
	pad := strings.Repeat("item=fresh+and+cold&", 40)
	stored := []byte{0x00}
	stored = binary.LittleEndian.AppendUint16(stored, uint16(len(pad)))
	stored = binary.LittleEndian.AppendUint16(stored, ^uint16(len(pad)))
	stored = append(append(stored, pad...), compress(t, "raw-deflate", []byte("qty=2&tel="+m+"&note=ok"))...)
	short := append(compress(t, "raw-deflate", []byte("a=1&tel="+m+"&b=2")), strings.Repeat("&pad=1", 100)...)
	for name, body := range map[string][]byte{"stored head": stored, "short stream, bytes after": short} {
		res := mustInspect(t, testEngine(t), body, "", "", Scan)
		if countCategory(res.Findings, detect.CNMobile) == 0 {
			t.Fatalf("%s: Inspect does not find the mobile (fixture)", name)
		}
		if !DeflatedHead(body[:sniffLen]) {
			t.Errorf("%s: Inspect inflates the body and finds its mobile, DeflatedHead says it is no raw deflate of text: the handler screens it", name)
		}
	}
}
