package bodyformat

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestMojibakeLongLineReadInPieces: a valid UTF-8 body of one long line
// (no line end) goes through legacyGuard a legacyPending at a time, not
// held whole; a value Big5 shows in it is masked wherever it falls against
// the pieces' edges (before it, straddling one, past several), and the
// body is not refused.
func TestMojibakeLongLineReadInPieces(t *testing.T) {
	eng := testEngine(t)
	mob := synth.CNMobile(rng(t.Name()))
	var v strings.Builder
	for _, c := range mob {
		v.WriteString("\xf0\x9f\xa2")
		v.WriteByte(byte(0xaf + c - '0'))
	}
	for _, at := range []int{100, legacyPending - 20, legacyPending + 1, 3*legacyPending - 7, 40 << 10} {
		pad := strings.Repeat("a", at)
		body := []byte(pad + " tel " + v.String() + " " + strings.Repeat("b", 20<<10))
		if shown, _ := traditionalchinese.Big5.NewDecoder().Bytes(body); !strings.Contains(asciiDigits(string(shown)), mob) {
			t.Fatalf("at %d: Big5 does not show the digits", at)
		}
		res, err := Inspect(eng, body, "text/plain", "", Redact, Limits{})
		if err != nil {
			t.Fatalf("at %d: %v", at, err)
		}
		if shown, _ := traditionalchinese.Big5.NewDecoder().Bytes(res.Body); strings.Contains(asciiDigits(string(shown)), mob) {
			t.Errorf("at %d: Big5 shows the mobile", at)
		}
		if len(res.Body) != len(body) {
			t.Errorf("at %d: %d bytes out of %d", at, len(res.Body), len(body))
		}
	}
}
