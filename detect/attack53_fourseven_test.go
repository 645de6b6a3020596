package detect_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack53FourSevenYearSerial (attack53b F4): a year of the last
// century and a 7-digit serial (合同编号 1998-0012345, 档案号 1999
// 0012345: archive, contract and case numbers are written so) is read
// as a 4-7 grouped mobile since fourSeven (19x, 18x, 13x … are carrier
// prefixes), even under a label that names a number that is no phone
// (编号, 工号, 案卷号), and the mobile then confirms the label before it
// as a name (批次 -> 批*). main keeps every one byte for byte.
func TestAttack53FourSevenYearSerial(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	r := rand.New(rand.NewPCG(53, 4))
	for _, year := range []int{1935, 1958, 1966, 1977, 1985, 1988, 1990, 1996, 1998, 1999} {
		serial := fmt.Sprintf("%07d", r.IntN(10_000_000))
		for _, text := range []string{
			fmt.Sprintf("合同编号 %d-%s", year, serial),
			fmt.Sprintf("案卷号：%d-%s", year, serial),
			fmt.Sprintf("档案号 %d %s", year, serial),
			fmt.Sprintf("批次 %d-%s", year, serial),
			fmt.Sprintf("出厂编号：%d-%s，已入库", year, serial),
		} {
			if out, fs := e.Redact([]byte(text)); string(out) != text {
				t.Errorf("%q -> %q (%d findings): a year and a serial masked", text, out, len(fs))
			}
		}
	}
}

// TestAttack53FourSevenAcrossLines (attack53b F4b): fourSeven promises a
// line break sets two lines' numbers apart, and it does after a plain
// space ("1550 \n7350886"), but not after a full-width or no-break space
// at the line's end (Chinese text pads lines with U+3000): the two lines'
// numbers are masked as one mobile. main keeps them.
func TestAttack53FourSevenAcrossLines(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	r := rand.New(rand.NewPCG(53, 8))
	for range 10 {
		m := synth.CNMobile(r)
		for _, pad := range []string{"\u3000", " \u00a0", "\u00a0"} {
			text := "件数：" + m[:4] + pad + "\n" + m[4:] + "\n"
			if out, _ := e.Redact([]byte(text)); string(out) != text {
				t.Errorf("%q -> %q: two lines' numbers read as one mobile", text, out)
			}
		}
	}
}
