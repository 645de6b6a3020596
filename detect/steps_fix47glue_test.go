//go:build detectsteps

package detect_test

import (
	"bytes"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestStepsFix47Glue is TestComplexityLinear and TestComplexityPerByte for
// the glue read since attack pass 46 (fix47glue): stars before a value
// looked ahead for their closing run (closedAhead, up to 256 bytes), the
// label's emphasis closed after it, delimiter runs through invisible
// characters, spaces of any width and references, each piece repeated
// back to back with no closing run in reach.
func TestStepsFix47Glue(t *testing.T) {
	const maxStepsPerByte = 80 // as TestComplexityPerByte
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("complexity")})
	for name, piece := range map[string]string{
		"unclosed bold italic": "姓名：***王",
		"spaced stars":         "姓名：** 王 ",
		"bold labels":          "**姓名：** **地址**：__姓名__：`姓名`：",
		"invisible runs":       "姓名：*\u200b*\u200b*\u200b\u200b\u200b\u200b*",
		"glue spaces":          "姓名\u00a0\u2002\u202f\u3000&nbsp;&#8203;\u200b",
		"whole field":          "**地址：河南省郑州市金水区建设路917号",
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
