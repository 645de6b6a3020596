package bodyformat

import (
	"bytes"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestStreamUnlabelledCircledAcrossLines: an unlabelled GBK stream that
// shows a mobile in circled digits (电话 ①③⑧ / ①②③④ / ⑤⑥⑦⑧, GBK has
// ①–⑨) on lines of its own is held at each line's end as one in
// full-width digits is (endsInDigitRune asks engineDigit): the groups
// after the first are starred in place, not let out as the lines come.
func TestStreamUnlabelledCircledAcrossLines(t *testing.T) {
	m := strings.ReplaceAll(synth.CNMobile(rng(t.Name())), "0", "5") // GBK has no ⓪
	c := func(s string) string { return string(spellIn(s, symbolSpellings["circled"])) }
	g := func(s string) string { return gbkBytes(t, s) }
	body := g("电话 "+c(m[:3])) + "\n" + g(c(m[3:7])) + "\n" + g(c(m[7:])) + "\n"
	for _, mt := range []string{"text/plain", "text/html", ""} {
		for _, chunk := range []int{1, 3, 64} {
			out, err, _ := streamTyped(t, StreamLines, mt, body, chunk)
			if err != nil {
				t.Errorf("%q (writes of %d): refused: %v", mt, chunk, err)
				continue
			}
			for _, l := range []string{g(c(m[3:7])), g(c(m[7:]))} {
				if strings.Contains(out, l) {
					t.Errorf("%q (writes of %d): %q went out as %q", mt, chunk, body, out)
				}
			}
			if len(out) != len(body) || bytes.Count([]byte(out), []byte("*")) < 2*len(m[3:]) {
				t.Errorf("%q (writes of %d): %q not starred in place: %q", mt, chunk, body, out)
			}
		}
	}
}
