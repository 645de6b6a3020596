package bodyformat

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestCollapseSpace: a run of white space reads as one space, and the
// offsets of the bytes kept go with them.
func TestCollapseSpace(t *testing.T) {
	text := []byte("a  \n\tb c\rd")
	offs := []int32{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	got, o := collapseSpace(text, offs)
	if string(got) != "a b c d" || !slices.Equal(o, []int32{0, 1, 5, 6, 7, 8, 9, 10}) {
		t.Errorf("collapseSpace: %q %v", got, o)
	}
	if got, _ := collapseSpace([]byte("a b c"), nil); string(got) != "a b c" {
		t.Errorf("no run: %q", got)
	}
	b := []byte("ab  \n c   ")
	if n := collapseSpaceIn(b, 3); string(b[:n]) != "ab c " {
		t.Errorf("collapseSpaceIn: %q", b[:n])
	}
	b = []byte("x \n y")
	if n := collapseSpaceIn(b, 2); string(b[:n]) != "x y" {
		t.Errorf("collapseSpaceIn across from: %q", b[:n])
	}
}

// TestStreamLegacySpaceTailBound: an open digit run a line ends in is held
// with the white space after it up to legacyContext bytes, and the number
// the next line completes is starred in place (the line keeps its
// length); past the bound the stream fails closed before the rest goes
// out. A tail that no value completes goes out byte for byte, however
// long its white space.
func TestStreamLegacySpaceTailBound(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	w, g := fullWidth, func(s string) string { return gbkBytes(t, s) }
	rest := g(w(m[3:]))
	for _, pad := range []int{20, 200, legacyContext - 10, legacyContext + 10, 5000} {
		body := g("<p>电话 "+w(m[:3])) + strings.Repeat(" ", pad) + "\n" + rest + g("</p>") + "\n"
		for _, chunk := range []int{1, 4096} {
			out, err, _ := streamTyped(t, StreamLines, "text/html", body, chunk)
			if strings.Contains(out, rest[:8]) {
				t.Fatalf("%d spaces, writes of %d: the mobile's digits went out", pad, chunk)
			}
			held := len(w(m[:3])) + pad + 1
			switch {
			case held <= legacyContext && (err != nil || len(out) != len(body) || !strings.Contains(out, "****")):
				t.Errorf("%d spaces, writes of %d: not starred in place: %q %v", pad, chunk, out, err)
			case held > legacyContext && err == nil:
				t.Errorf("%d spaces, writes of %d: past the bound and not refused: %q", pad, chunk, out)
			}
		}
		clean := g("<p>价格 "+w(m[:3])) + strings.Repeat(" ", pad) + "\n" + g("元整</p>") + "\n"
		out, err, _ := streamTyped(t, StreamLines, "text/html", clean, 7)
		if err != nil || out != clean {
			t.Errorf("%d spaces, no value: %q %v", pad, out, err)
		}
	}
}

// TestMarkupViewCollapsesSpace: the HTML view shows a run of white space,
// across tags taken out too, as one space, and maps what follows it back
// to its bytes; an XML view keeps its white space.
func TestMarkupViewCollapsesSpace(t *testing.T) {
	raw := []byte("<p>138 \n\t <b> </b>\n 1234</p>")
	view, segs, err := markupView(raw, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	v := string(view)
	i := strings.Index(v, "138 1234")
	if i < 0 {
		t.Fatalf("view %q", v)
	}
	if at := rawOffset(segs, i+4); at != bytes.Index(raw, []byte("1234")) {
		t.Errorf("1234 maps to %d", at)
	}
	view, _, err = markupView([]byte("<a>138  \n 1234</a>"), false, nil)
	if err != nil || !bytes.Contains(view, []byte("138  \n 1234")) {
		t.Errorf("xml view %q %v", view, err)
	}
}
