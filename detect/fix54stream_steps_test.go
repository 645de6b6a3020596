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

// TestStepsFix54OpenQuotes: a table whose quoted cells are not closed
// within maxQuotedCell (each failed reading goes 16 KiB on, then the
// lines it went over are passed over as the open cell's), quotes opened
// on every line, blank lines inside, each piece repeated back to back:
// the steps stay linear.
func TestStepsFix54OpenQuotes(t *testing.T) {
	checkRepeatedPieces(t, map[string]string{
		"header, open quote, lines": "联系人,备注,手机\n小叶,\"周一\n\n已签收\n小叶,无\n",
		"a quote every line":        "小叶,\"周一,\n",
		"header and open quotes":    "联系人,备注,手机\n\"",
		"rows between open quotes":  "小叶,\"周一\n小叶,无,13912345678\n",
	})
}
