//go:build detectsteps

package detect_test

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// maxTableStepsPerByte bounds the steps a byte of a table under a name
// header: the read-back of nameColumn cost about 33 a byte on dense rows
// (attack pass 49b); the header carried forward costs a few.
const maxTableStepsPerByte = 16

// TestStepsFix50TableRows: the rows of one table under one header (CSV,
// Markdown, TSV, a leading 序号 column, two contacts a row) cost the same
// per byte at 16 KiB, 128 KiB and 1 MiB: tableNames reads the header once
// and carries it forward, nothing is read back from a row.
func TestStepsFix50TableRows(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("complexity")})
	for _, shape := range []struct{ name, head, row string }{
		{"csv", "联系人,手机\n", "小叶,13912345678\n"},
		{"markdown", "| 联系人 | 手机 |\n| --- | --- |\n", "| 小叶 | 13912345678 |\n"},
		{"tsv", "联系人\t手机\n", "小叶\t13912345678\n"},
		{"numbered", "序号,联系人,手机\n", "1,小叶,13912345678\n"},
		{"two contacts", "联系人1,手机1,联系人2,手机2\n", "小叶,13912345678,可乐,13912345678\n"},
		{"headers only", "13912345678\n", "联系人,手机,联系人,手机,联系人,手机\n"},
		{"wide header", "联系人" + strings.Repeat(",联系人", 200) + "\n", "小叶" + strings.Repeat(",13912345678", 200) + "\n"},
	} {
		t.Run(shape.name, func(t *testing.T) {
			var prev int64
			for _, size := range []int{16 << 10, 128 << 10, 1 << 20} {
				text := shape.head + strings.Repeat(shape.row, (size-len(shape.head))/len(shape.row)+1)
				steps := stepsFor(e, []byte(text))
				per := float64(steps) / float64(len(text))
				t.Logf("%8d B: %9d steps (%.1f/B)", len(text), steps, per)
				if prev > 0 && float64(steps) > float64(prev)*complexityFactor*complexitySlack {
					t.Errorf("%d steps after %d for 8 times the bytes: want at most ×%.1f", steps, prev, complexityFactor*complexitySlack)
				}
				if per > maxTableStepsPerByte {
					t.Errorf("%.1f steps a byte, want at most %d", per, maxTableStepsPerByte)
				}
				prev = steps
			}
		})
	}
}
