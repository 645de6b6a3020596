package bodyformat

import (
	"bytes"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestStreamLegacyLineShapes (attack pass 29, F3): an unlabelled GBK stream whose page
// shows a full-width mobile whole though a line end stands inside it,
// behind something that is not a digit (a tag or comment spanning the
// line end, a full-width space or hyphen, a CR alone, blank lines): the
// digits after the line end must not go out (refusing is secure).
func TestStreamLegacyLineShapes(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	w, g := fullWidth, func(s string) string { return gbkBytes(t, s) }
	a, b := g("<p>电话 "+w(m[:3])), g(w(m[3:])+"</p>")
	rest := g(w(m[3:7]))
	for _, row := range []struct{ name, mt, body string }{
		{"baseline", "text/html", a + "\n" + b + "\n"},
		{"comment over line end", "text/html", a + "<!--\n-->" + b + "\n"},
		{"tag over line end", "text/html", a + "<span\n>" + b + "\n"},
		{"close tag over line end", "text/html", a + "</b\n><b>" + b + "\n"},
		{"ideographic space", "text/html", a + g("　") + "\n" + b + "\n"},
		{"full-width hyphen", "text/plain", g("电话 "+w(m[:3])+"－") + "\n" + g(w(m[3:7])+"－"+w(m[7:])) + "\n"},
		{"CR alone", "text/plain", g("电话 "+w(m[:3])) + "\r" + g(w(m[3:])) + "\r"},
		{"blank lines", "text/html", a + "\n\n\n" + b + "\n"},
		{"long space tail", "text/html", a + string(bytes.Repeat([]byte(" "), 300)) + "\n" + b + "\n"},
	} {
		for _, chunk := range []int{1, 7, 4096} {
			out, err, _ := streamTyped(t, StreamLines, row.mt, row.body, chunk)
			if err != nil {
				continue
			}
			if bytes.Contains([]byte(out), []byte(rest)) {
				t.Errorf("%s (writes of %d): %q went out as %q", row.name, chunk, row.body, out)
			}
		}
	}
}

// TestBufferedLegacyLongSpaceTail: the buffered unlabelled body of
// the same shape (a page collapses the 300 spaces and the line end to
// one space: 电话 １３８ １２３４５６７８).
func TestBufferedLegacyLongSpaceTail(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	w, g := fullWidth, func(s string) string { return gbkBytes(t, s) }
	rest := g(w(m[3:7]))
	for _, pad := range []int{200, 300, 5000} {
		body := g("<p>电话 "+w(m[:3])) + string(bytes.Repeat([]byte(" "), pad)) + "\n" + g(w(m[3:])+"</p>") + "\n"
		for _, ct := range []string{"text/html", ""} {
			res, err := Inspect(testEngine(t), []byte(body), ct, "", Redact, Limits{})
			if err == nil && bytes.Contains(res.Body, []byte(rest)) {
				t.Errorf("buffered %q, %d spaces: the mobile's digits went out", ct, pad)
			}
		}
		for _, chunk := range []int{1, 4096} {
			out, err, _ := streamTyped(t, StreamLines, "text/html", body, chunk)
			if err == nil && bytes.Contains([]byte(out), []byte(rest)) {
				t.Errorf("stream, %d spaces, writes of %d: the mobile's digits went out", pad, chunk)
			}
		}
	}
}
