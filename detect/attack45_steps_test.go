//go:build detectsteps

package detect_test

import (
	"bytes"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestStepsAttack45Gaps is TestComplexityLinear and TestComplexityPerByte
// for the gaps read since attack pass 45 (F5, F6): spaces and invisible
// characters between numbers and markers, Rm. rooms, stars between labels
// and values, each piece repeated back to back and glued to the next.
func TestStepsAttack45Gaps(t *testing.T) {
	const maxStepsPerByte = 80 // as TestComplexityPerByte
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("complexity")})
	for name, piece := range map[string]string{
		"invisibles before markers": "建设路917\u200b\u200c\u200d\u2060\ufeff\u00ad号3\u200b幢2501\u00ad室",
		"invisible runs":            "路1" + string(bytes.Repeat([]byte("\u200b"), 40)) + "号",
		"spaced markers":            "河南省 郑州市 金水区 建设路 917 号 3 幢 2501 室 ",
		"spaces and digits":         "路 1 2 3 4 5 6 7 8 9 号 ",
		"ideographic spaces":        "路\u30001\u3000\u3000号\u30003\u3000幢\u3000",
		"rooms":                     "号Rm.1Rm.2Apt. 3rm.",
		"stars after labels":        "姓名：**王小明**地址：*河南省郑州市金水区建设路917号***姓名*",
		"bold labels":               "**姓名**：**地址**：**",
		"stars":                     "姓名：*****************",
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
