package detect_test

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestNameThroughInvisiblesAndSpaces: a name with an invisible character
// between its characters or before it, behind a label or next to a phone,
// and a name with every character set apart by a space, is masked whole;
// before, 姓名：张\u200b三 and 张\u200b三，138… went out raw and 王 小 明
// kept 明.
func TestNameThroughInvisiblesAndSpaces(t *testing.T) {
	r := rand.New(rand.NewPCG(19, 19))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for range 20 {
		surname, given := synth.CNNameParts(r)
		if len([]rune(surname)) != 1 {
			continue
		}
		g := []rune(given)
		m := synth.CNMobile(r)
		spaced := surname
		for _, c := range g {
			spaced += " " + string(c)
		}
		for _, c := range []struct{ text, hidden string }{
			{"姓名：" + surname + "\u200b" + given, given},
			{surname + "\u200b" + given + "，" + m, given},
			{"\u200b" + surname + given + "，" + m, given},
			{"收件人：" + spaced + "，电话", string(g[len(g)-1])},
		} {
			out, fs := e.Redact([]byte(c.text))
			if !hasCategory(fs, detect.CNName) || bytes.Contains(out, []byte(c.hidden)) {
				t.Errorf("%q: %v -> %q", c.text, fs, out)
			}
			if again, _ := e.Redact(out); !bytes.Equal(again, out) {
				t.Errorf("%q -> %q -> %q", c.text, out, again)
			}
		}
	}
}
