package detect_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
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

// TestAttack53LabelledMobileOddGroups (attack53b F3): under a mobile's
// own label (手机：), a mobile grouped in any way the engine does not list
// (5-6, 6-5, 8-3, 1-3-7, a tab or '~' between 4 and 7) goes out raw, in
// main and merge53 alike: fourSeven added 4-7 with one space or hyphen
// only, and the integration fixture was changed to a 5-6 split precisely
// because that one is not read. A sender who wants a mobile through
// writes it 5-6.
func TestAttack53LabelledMobileOddGroups(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	r := rand.New(rand.NewPCG(53, 3))
	for range 5 {
		m := synth.CNMobile(r)
		for _, spelled := range []string{
			m[:5] + " " + m[5:], m[:6] + " " + m[6:], m[:8] + " " + m[8:], m[:1] + " " + m[1:4] + " " + m[4:],
			m[:4] + "\t" + m[4:], m[:4] + "~" + m[4:], m[:5] + "-" + m[5:],
		} {
			for _, label := range []string{"手机：", "手机号码 ", "联系电话："} {
				text := "收货人手机号已更新，" + label + spelled + "，请查收"
				out, fs := e.Redact([]byte(text))
				digits := strings.Map(func(c rune) rune {
					if c >= '0' && c <= '9' {
						return c
					}
					return -1
				}, string(out))
				if strings.Contains(digits, m) || countCategory(fs, detect.CNMobile) != 1 {
					t.Errorf("%q -> %q: the labelled mobile goes out raw", text, out)
				}
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
