//go:build detectsteps

package detect_test

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestStepsStreamedTableHeader: a streamed table whose header the
// redactor carries from chunk to chunk (streamtable.go), the header as
// long as it may be (2 KiB) and the rows as short as a row of it may be,
// costs steps in proportion to its bytes: the header is read once more
// a chunk, not once a row.
func TestStepsStreamedTableHeader(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("complexity")})
	head := "姓名," + strings.Repeat("x", 2<<10-10) + "\n"
	shapes := map[string]string{
		"long header": head,
		"short rows":  "姓名,手机\n",
	}
	for name, h := range shapes {
		steps := func(n int) int64 {
			var b bytes.Buffer
			b.WriteString(h)
			for i := 0; b.Len() < n; i++ {
				if i%50 == 0 {
					b.WriteString("小叶,13812345678\n")
				} else {
					b.WriteString("a,b\n")
				}
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
		const n = 256 << 10
		small, large := steps(n), steps(complexityFactor*n)
		t.Logf("%s: %d steps for %d B (%.1f/B), %d for %d B", name, small, n, float64(small)/n, large, complexityFactor*n)
		if float64(large) > complexityFactor*complexitySlack*float64(small) || float64(large)/(complexityFactor*n) > 80 {
			t.Errorf("%s: %d steps for %d B, %d for %d B", name, small, n, large, complexityFactor*n)
		}
	}
}
