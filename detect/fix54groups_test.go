package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFix54LabelledMobileShortGroups (fix54mobile, issue #9 item 2):
// right after a mobile's label, 11 digits with a mobile's prefix in four
// groups or more of up to four digits, one separator throughout, are the
// mobile (139 1234 5 678, 13 91 23 45 678, 139-12-34-56-78, a tab or a
// no-break space between), masked and counted once, stable; without a
// label, with mixed separators, a group of five, or a twelfth digit in
// one more group, the digits stay as written.
func TestFix54LabelledMobileShortGroups(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := rand.New(rand.NewPCG(54, 2))
	kept := func(text string) {
		t.Helper()
		if out, _ := e.Redact([]byte(text)); string(out) != text {
			t.Errorf("%q -> %q: kept before", text, out)
		}
	}
	join := func(m string, sep string, lens ...int) string {
		var b strings.Builder
		at := 0
		for i, n := range lens {
			if i > 0 {
				b.WriteString(sep)
			}
			b.WriteString(m[at : at+n])
			at += n
		}
		return b.String()
	}
	for range 10 {
		m := synth.CNMobile(r)
		for _, sep := range []string{" ", "-", "\t", "\u00a0", "\u3000"} {
			for _, lens := range [][]int{{3, 4, 1, 3}, {2, 2, 2, 2, 3}, {3, 2, 3, 3}, {3, 2, 2, 2, 2}, {1, 2, 4, 4}, {4, 4, 1, 2}} {
				v := join(m, sep, lens...)
				for _, label := range []string{"手机：", "tel ", "联系电话 ", "手机号码\t"} {
					text := label + v + "，请查收"
					out := fix54Redacted(t, e, text, m, detect.CNMobile)
					if !strings.HasPrefix(out, label) || !strings.HasSuffix(out, "，请查收") {
						t.Errorf("%q -> %q: the clean text around altered", text, out)
					}
				}
				kept("编号：" + v + "，已入库")
				kept("手机：" + v + sep + "7，已入库")
			}
		}
		// (mixed separators of one character and a group of five are
		// the mobile since fix55groups: TestFix55MixedAndLongGroups)
		kept("手机：" + m[:3] + "\t" + m[3:5] + "-" + m[5:7] + " " + m[7:9] + " " + m[9:])
		kept("手机：" + m[:5] + " " + m[5:7] + " " + m[7:9] + " " + m[9:] + "-7")
		fix54Redacted(t, e, "手机："+join(m, "\t", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)+"\n", m, detect.CNMobile)
	}
}
