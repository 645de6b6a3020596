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
