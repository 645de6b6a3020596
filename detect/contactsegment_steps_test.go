//go:build detectsteps

package detect_test

import (
	"bytes"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestStepsContactSegments is TestComplexityLinear and
// TestComplexityPerByte for contact segments (contactsegment.go): records
// of a handle and a mobile back to back, segments as long as one may be
// or longer, invisible characters inside them, mobiles glued to one
// another by separators with no record start, each piece repeated.
func TestStepsContactSegments(t *testing.T) {
	const maxStepsPerByte = 80 // as TestComplexityPerByte
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("complexity")})
	for name, piece := range map[string]string{
		"records":         "林小萱Sandy，13912345678\n13912345678 V_Jessie\n",
		"semicolons":      "小叶同学，13912345678；",
		"long segments":   "abcdefghijklmnopqrstuvwxyz，13912345678\n",
		"six Han":         "猪猪咸蛋超人，13912345678\n13912345678 猪猪咸蛋超人\n",
		"invisibles":      "小\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b叶，13912345678\n",
		"no record start": "好的 a，13912345678，b，13912345678 c ",
		"mobiles glued":   "13912345678，13912345678 ",
		"ASCII only":      "kitty,13912345678;",
		"JSON values":     `{"a":"kitty，13912345678","b":"13912345678 Rick"}`,
		"marks":           "_-_-_-_-丶丶丶·，13912345678\n",
	} {
		t.Run(name, func(t *testing.T) {
			small := bytes.Repeat([]byte(piece), complexityBase/len(piece)+1)
			large := bytes.Repeat([]byte(piece), complexityFactor*complexityBase/len(piece)+1)
			s, l := stepsFor(e, small), stepsFor(e, large)
			ratio := float64(l) / float64(s)
			t.Logf("%8d steps for %d B (%.1f/B), %9d for %d B: ×%.2f", s, len(small), float64(s)/float64(len(small)), l, len(large), ratio)
			if ratio > complexityFactor*complexitySlack {
				t.Errorf("%d steps for %d bytes but %d for %d bytes: ×%.2f, want at most ×%.1f",
					s, len(small), l, len(large), ratio, complexityFactor*complexitySlack)
			}
			if per := float64(l) / float64(len(large)); per > maxStepsPerByte {
				t.Errorf("%.1f steps a byte, want at most %d", per, maxStepsPerByte)
			}
		})
	}
}
