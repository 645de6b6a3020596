package bodyformat

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestStreamUnlabelledMarkupGap (attack pass 31, F5): an unlabelled page
// streamed in GBK (a browser in a Chinese locale shows it so) with a
// mobile in full-width digits whose halves a comment or a tag longer than
// legacyContext sets apart: the page shows no gap (a comment and a tag
// show nothing, the line end inside them neither). The guard's context
// held the last 256 bytes of markup, not of what the page shows, and the
// second half went out with the first: neither starred nor refused. The
// context is now kept as the page shows it: the stream is refused past
// the bound (the first half went out), and a value whose markup fits in
// it is starred in place (the page keeps its length). The same page with
// no value goes out byte for byte, and the buffered reading masks it too.
func TestStreamUnlabelledMarkupGap(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	w, g := fullWidth, func(s string) string { return gbkBytes(t, s) }
	rest := g(w(m[3:]))
	for _, c := range []struct {
		name, mid string
		past      bool // the markup after the first half is past legacyContext
	}{
		{"comment over a line end", "<!--" + strings.Repeat("x", 300) + "\n-->", true},
		{"comment in one line", "<!--" + strings.Repeat("x", 5000) + "-->", true},
		{"tag over a line end", "<span title=\"" + strings.Repeat("x", 300) + "\"\n>", true},
		{"script over a line end", "<script>var a = 1 < 2;" + strings.Repeat("x", 300) + "\n</script>", true},
		{"tags", strings.Repeat("<b></b>", 60) + "\n", true},
		{"short comment over a line end", "<!--" + strings.Repeat("x", 100) + "\n-->", false},
		{"short tag over a line end", "<span\ntitle='" + strings.Repeat("x", 100) + "'>", false},
	} {
		body := g("<p>电话 "+w(m[:3])) + c.mid + rest + g("</p>") + "\n"
		if res, err := Inspect(testEngine(t), []byte(body), "text/html", "", Redact, Limits{}); err == nil && strings.Contains(string(res.Body), rest[:8]) {
			t.Fatalf("%s: control: the buffered reading passes it too", c.name)
		}
		for _, chunk := range []int{1, 7, 4096} {
			out, err, most := streamTyped(t, StreamLines, "text/html", body, chunk)
			switch {
			case err == nil && strings.Contains(out, rest[:8]):
				t.Errorf("%s, writes of %d: the mobile's second half went out unstarred and the stream was not refused", c.name, chunk)
			case !c.past && (err != nil || len(out) != len(body)):
				t.Errorf("%s, writes of %d: not starred in place (%v)", c.name, chunk, err)
			case most > legacyPending:
				t.Errorf("%s, writes of %d: held %d bytes of a line", c.name, chunk, most)
			}
		}
		clean := g("<p>价格 "+w(m[:3])) + c.mid + g("元整</p>") + "\n"
		if out, err, _ := streamTyped(t, StreamLines, "text/html", clean, 7); err != nil || out != clean {
			t.Errorf("%s, no value: changed or refused (%v)", c.name, err)
		}
	}
}

// TestShownScanCompact: the context keeps each run of markup as one short
// tag the markup view reads as it (nothing, a block's end, a line break,
// a block), runs white space apart merged, and markup open at its end as
// the start of markup of the same kind, which the bytes after it go on.
func TestShownScanCompact(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"a<!-- x -->b", "a<b>b"},
		{"a<b>b</b>c", "a<b>b<b>c"},
		{"a</div><div>b", "a<p>b"},
		{"a</div><span>b", "a</p>b"},
		{"a<div class=x>b", "a</p>b"},
		{"a<br/>b", "a<br>b"},
		{"a <b> <i title='>'> b", "a <b> b"},
		{"a<script>if (a<b) {}</script>b", "a<b>b"},
		{"a<STYLE>p{}</StYlE >b", "a<b>b"},
		{"a<!DOCTYPE html><?x?></ >b", "a<b>b"},
		{"a<!-->b<!--->c<!---->d", "a<b>b<b>c<b>d"},
		{"a<!-- -- --!>b", "a<b>b"},
		{"a < b <3", "a < b <3"},
		{"a<!-- x", "a<!-- "},
		{"a<!-- x -", "a<!-- -"},
		{"a<!-- x --", "a<!-- --"},
		{"a<span title=\"x>", "a<span \""},
		{"a<DIV", "a<div"},
		{"a<script>x</scr", "a<script></scr"},
		{"a<", "a<"},
	} {
		var s shownScan
		if got := string(s.compact([]byte(c.in), 0)); got != c.want {
			t.Errorf("%q: %q, want %q", c.in, got, c.want)
		}
	}
}

// TestShownScanCompactInPlace: the context is compacted in place, a
// stand-in written where a run of markup started: whatever the writes,
// what the bytes compact to is what they compact to one at a time (where
// no byte not yet read can be written over), and shownEnd ends where the
// page's last shown byte does.
func TestShownScanCompactInPlace(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 5))
	pieces := []string{"<", ">", "/", "!", "-", "?", "\"", "'", " ", "\n", "a", "b", "p", "br", "div", "script", "</script", "<!--", "-->", "x", "\xa3\xb1"}
	for range 2000 {
		var sb strings.Builder
		for range r.IntN(40) {
			sb.WriteString(pieces[r.IntN(len(pieces))])
		}
		in := sb.String()
		var one shownScan
		var want []byte
		for i := range len(in) {
			want = one.compact(append(want, in[i]), len(want))
		}
		var s shownScan
		var got []byte
		for p := in; len(p) > 0; {
			k := 1 + r.IntN(len(p))
			got = s.compact(append(got, p[:k]...), len(got))
			p = p[k:]
		}
		if string(got) != string(want) || s != one {
			t.Fatalf("%q: %q in writes, %q a byte at a time", in, got, want)
		}
	}
	for _, c := range []struct {
		in   string
		want int
	}{
		{"a 1<!-- x", 3}, {"a 1<b> ", 3}, {"a 1 < 2", 7}, {"a 1<span title='2'", 3}, {"a 1", 3},
	} {
		if got := shownEnd([]byte(c.in)); got != c.want {
			t.Errorf("shownEnd(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}

// TestStreamUnlabelledMarkupValueSplit: a value in a comment or an
// attribute split over a line end, which the markup view reads aside,
// is still read joined though the context keeps no markup: the line
// that ends in its first half holds it (the text as written ends in
// digits), and the next line completes it, starred in place.
func TestStreamUnlabelledMarkupValueSplit(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	w, g := fullWidth, func(s string) string { return gbkBytes(t, s) }
	rest := g(w(m[3:]))
	for name, body := range map[string]string{
		"comment":   g("<p><!-- 电话 "+w(m[:3])) + "\n" + rest + " --></p>\n",
		"attribute": g("<p><span title=\"电话 "+w(m[:3])) + "\n" + rest + "\">x</span></p>\n",
	} {
		for _, chunk := range []int{1, 7, 4096} {
			out, err, _ := streamTyped(t, StreamLines, "text/html", body, chunk)
			if err != nil || strings.Contains(out, rest[:8]) || len(out) != len(body) {
				t.Errorf("%s, writes of %d: not starred in place (%v)", name, chunk, err)
			}
		}
	}
}
