//go:build detectsteps

package detect_test

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestStepsFix54StreamLongRows: a streamed table whose rows are as long
// as a cut may move back over to carry the header (maxCarriedRow, 32
// KiB), or just longer, so that every cut moves back as far as it may:
// each chunk writes at least half its new bytes, and the steps stay in
// proportion to the bytes.
func TestStepsFix54StreamLongRows(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("complexity")})
	for _, long := range []int{4 << 10, 31 << 10, 33 << 10} {
		note := strings.Repeat("已签收 ok ", long/len("已签收 ok "))
		row := "小叶,13812345678," + note + "\n"
		steps := func(n int) int64 {
			var b bytes.Buffer
			b.WriteString("联系人,手机,备注\n")
			for b.Len() < n {
				b.WriteString(row)
			}
			detect.ResetSteps()
			s := e.NewStreamRedactor(io.Discard, nil)
			if _, err := s.Write(b.Bytes()); err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			return detect.Steps()
		}
		const n = 512 << 10
		small, large := steps(n), steps(complexityFactor*n)
		t.Logf("rows of %d B: %d steps for %d B (%.1f/B), %d for %d B (%.1f/B)", len(row), small, n, float64(small)/n, large, complexityFactor*n, float64(large)/(complexityFactor*n))
		if float64(large) > complexityFactor*complexitySlack*float64(small) || float64(large)/(complexityFactor*n) > 80 {
			t.Errorf("rows of %d B: %d steps for %d B, %d for %d B", len(row), small, n, large, complexityFactor*n)
		}
	}
}
