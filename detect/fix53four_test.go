package detect_test

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFix53FourSevenYearBehindLabel (fix53four, attack53b F4, F4b): a
// 4-7 grouping whose first group is a year from 1930 to 1999 is a mobile
// only behind a mobile's label (手机：1998 0012345 is masked and counted
// once, 合同编号 1998-0012345 kept); a first group of 1900 to 1929 and
// any other prefix stay a mobile unlabelled; one separator only between
// the groups (a space that pads a line before its break sets them apart,
// an invisible character beside the one space does not).
func TestFix53FourSevenYearBehindLabel(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	redacted := func(text, raw string) {
		t.Helper()
		out, fs := e.Redact([]byte(text))
		if strings.Contains(string(out), raw) || countCategory(fs, detect.CNMobile) != 1 {
			t.Errorf("%q -> %q (%d findings): the mobile goes out raw", text, out, len(fs))
		}
		if again, _ := e.Redact(out); !bytes.Equal(again, out) {
			t.Errorf("%q: a second redaction changed %q to %q", text, out, again)
		}
	}
	kept := func(text string) {
		t.Helper()
		if out, fs := e.Redact([]byte(text)); string(out) != text {
			t.Errorf("%q -> %q (%d findings): kept before", text, out, len(fs))
		}
	}
	for _, year := range []string{"1930", "1968", "1998", "1999"} {
		for _, sep := range []string{" ", "-", "\u3000"} {
			v := year + sep + "0012345"
			redacted("手机："+v, "0012345")
			redacted("联系电话 "+v+"，请回电", "0012345")
			kept("合同编号 " + v)
			kept(v)
		}
	}
	for _, first := range []string{"1901", "1929", "1550", "1391"} {
		redacted("请回电 "+first+" 2345678 谢谢", "2345678")
	}
	redacted("请回电 1550\u200b 7350886", "7350886")
	for _, pad := range []string{"\u3000\n", " \n", "\u00a0\r\n", "\t\n", " - "} {
		kept("件数：1550" + pad + "7350886\n")
	}
	r := rand.New(rand.NewPCG(53, 44))
	for range 10 {
		m := synth.CNMobile(r)
		kept("a " + m[:4] + "\u3000\n" + m[4:] + " b")
	}
}

// TestFix53LabelledMobileGroups (fix53four, attack53b F3): right after a
// mobile's label, 11 digits with a mobile's prefix in two or three groups
// set apart by one space, tab, hyphen or tilde each are the mobile (5-6,
// 6-5, 8-3, 1-3-7, 4<tab>7, 4~7, full-width forms), masked and counted
// once, stable on a second redaction; without such a label, with a
// twelfth digit, or more than one separator between, the digits stay.
func TestFix53LabelledMobileGroups(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := rand.New(rand.NewPCG(53, 45))
	digitsOf := func(s string) string {
		return strings.Map(func(c rune) rune {
			if c >= '0' && c <= '9' {
				return c
			}
			return -1
		}, s)
	}
	kept := func(text string) {
		t.Helper()
		if out, _ := e.Redact([]byte(text)); string(out) != text {
			t.Errorf("%q -> %q: kept before", text, out)
		}
	}
	for range 10 {
		m := synth.CNMobile(r)
		for _, spelled := range []string{
			m[:5] + " " + m[5:], m[:6] + "-" + m[6:], m[:8] + " " + m[8:], m[:1] + " " + m[1:4] + " " + m[4:],
			m[:4] + "\t" + m[4:], m[:4] + "～" + m[4:], m[:5] + "\u3000" + m[5:], m[:2] + "~" + m[2:7] + "-" + m[7:],
		} {
			for _, label := range []string{"手机：", "联系电话 ", "tel: "} {
				text := label + spelled + "，请查收"
				out, fs := e.Redact([]byte(text))
				if strings.Contains(digitsOf(string(out)), m) || countCategory(fs, detect.CNMobile) != 1 {
					t.Errorf("%q -> %q (%d findings): the labelled mobile goes out raw", text, out, len(fs))
				}
				if again, _ := e.Redact(out); !bytes.Equal(again, out) {
					t.Errorf("%q: a second redaction changed %q to %q", text, out, again)
				}
			}
			kept("编号：" + spelled + "，已入库")
		}
		kept("手机：" + m[:5] + " " + m[5:] + "1")
		// (four groups behind a label are the mobile since fix54mobile:
		// TestFix54LabelledMobileShortGroups)
		kept("手机：" + m[:5] + "\n" + m[5:])
		// (" - " and two or three spaces are one separator since
		// fix55groups: TestFix55WideSeparatorsFewGroups)
		kept("手机：" + m[:5] + " -- " + m[5:])
	}
}
