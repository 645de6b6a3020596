//go:build detectsteps

package detect_test

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestStepsFix53CSVRows is TestComplexityLinear and TestComplexityPerByte
// for the rows tableSweep reads again as CSV rows (tablerows.go): quoted
// cells holding separators and line ends, quotes nothing closes (each
// read up to maxQuotedCell), runs of bare '\r' in a row short of cells,
// "\r\r\n" line ends, each piece repeated back to back.
func TestStepsFix53CSVRows(t *testing.T) {
	checkRepeatedPieces(t, map[string]string{
		"quoted line ends":   "联系人,备注,手机\n小叶,\"周一\r送达\n\r\n放,门口\",13912345678\n",
		"unclosed quote":     "联系人,备注,手机\n小叶,\"周一,13912345678\n",
		"quotes every row":   "小叶,\"周一,13912345678\n",
		"escaped quotes":     "联系人,备注,手机\n\"\"\"\"\"\",\"\"\"\"\n",
		"bare CRs in a cell": "联系人,备注,手机\n小叶,\r\r\r\r周一,\r\r,\r\n",
		"CR runs":            "联系人;手机\r\r\r\r\n小叶;13912345678\r\r\r\n",
		"CSV header only":    "联系人,\"",
		"squeezed headers":   "姓\u3000名 ,\ufeff\ufeff联\u200b系\u00ad人\u2060, \u3000 \u3000,客 户 姓 名（必填）\n小叶,无,13912345678,\u200b\n",
		"long spaced cells":  strings.Repeat("姓 ", 40) + "," + strings.Repeat("\u200b", 30) + ",13912345678\n",
		"spaced labels":      "姓\u3000名：糖糖，联 系 人：小鱼儿，姓 名，联\u200b\u200b\u200b\u200b系人 ",
		"label starts, gaps": "姓 姓 姓 联\u3000联 手\u200b",
		"quote past bound":   "联系人,备注,手机\n小叶,\"" + strings.Repeat("x", 3000) + "\",13912345678\n",
	})
}

// TestStepsFix53CSVTableRows is TestStepsFix52TableRows for one table of
// rows the CSV reading reads (a quoted remark over two lines, an opening
// quote closed maxQuotedCell bytes on, "\r\r\n" lines): the steps a byte
// stay under maxTableStepsPerByte at 16 KiB, 128 KiB and 1 MiB.
func TestStepsFix53CSVTableRows(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("complexity")})
	for _, shape := range []struct{ name, head, row string }{
		{"quoted remark", "联系人,备注,手机\n", "小叶,\"周一\r\n送达\",13912345678\n"},
		{"quote closed late", "联系人,备注,手机\n", "小叶,\"" + strings.Repeat("x", 1900) + "\n" + strings.Repeat("y", 60) + "\",13912345678\n"},
		{"CR CR LF", "联系人,备注,手机\r\r\n", "小叶,无,13912345678\r\r\n"},
	} {
		t.Run(shape.name, func(t *testing.T) {
			var prev int64
			for _, size := range []int{16 << 10, 128 << 10, 1 << 20} {
				text := shape.head + strings.Repeat(shape.row, (size-len(shape.head))/len(shape.row)+1)
				steps := stepsFor(e, []byte(text))
				per := float64(steps) / float64(len(text))
				t.Logf("%8d B: %9d steps (%.1f/B)", len(text), steps, per)
				if prev > 0 && float64(steps) > float64(prev)*complexityFactor*complexitySlack {
					t.Errorf("%d steps after %d for 8 times the bytes", steps, prev)
				}
				if per > maxTableStepsPerByte {
					t.Errorf("%.1f steps a byte, want at most %d", per, maxTableStepsPerByte)
				}
				prev = steps
			}
		})
	}
}
