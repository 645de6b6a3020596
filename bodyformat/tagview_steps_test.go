//go:build detectsteps

package bodyformat

import (
	"bytes"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestComplexityTagView checks that the tag views (tagview.go) cost an
// inspection steps linear in the body, and no blowup of readings: a body
// of tags, written or spelled as references or escapes, in delimited
// groups, soft breaks and percent escapes, makes the engine read at most
// twice what it reads without the views (what it finds is masked and the
// masked body read again) and twice what its ASCII twin (the same text
// with the tags read as ASCII) makes it read: each piece is read in at
// most three tag views, each no longer than the piece, not once a
// reading; and a body without tag characters reads the same bytes with
// the views as without them.
func TestComplexityTagView(t *testing.T) {
	eng := testEngine(t)
	// work returns the bytes the engine reads inspecting b as ct, with
	// the tag views read or not
	work := func(b []byte, ct string, views bool) int64 {
		lim := Limits{MaxWork: 1 << 40}.withDefaults()
		m := newMeter(lim)
		in := &inspector{eng: eng, mode: Redact, lim: lim, meter: m, inTags: !views}
		mt, params := mediaType(ct)
		if _, _, err := in.charsetBody(b, mt, params, 0, 0); err != nil {
			t.Fatalf("%s: %v", ct, err)
		}
		return lim.MaxWork - m.work
	}
	for _, c := range []struct {
		name, ct string
		spell    func(string) string
		unit     func(spell func(string) string) string
	}{
		{"delimited", "text/plain", tagSpelled, func(s func(string) string) string { return "手机 " + s("138|1234|5678") + "，" }},
		{"dense", "text/plain", tagSpelled, func(s func(string) string) string { return s("1") }},
		{"percent", "text/plain", tagSpelled, func(s func(string) string) string { return "tel " + s("138%31234") + " " }},
		{"soft breaks", "text/markdown", tagSpelled, func(s func(string) string) string { return "tel " + s("138\n1234\n5678") + "\n\n" }},
		{"json", ctJSON, tagSpelled, func(s func(string) string) string {
			return `{"phone":{"a":"` + s("138") + `","b":"` + s("12345678") + `"}},`
		}},
		{"refs", "text/html", tagRefs, func(s func(string) string) string { return "<p>tel " + s("138 1234 5678") + "</p>" }},
		{"escapes", "application/javascript", tagEscapes, func(s func(string) string) string { return `"tel ` + s("138|1234|5678") + `",` }},
		{"css", "text/css", tagCSS, func(s func(string) string) string { return `p::before{content:"tel ` + s("138 1234 5678") + `"} ` }},
	} {
		tagged, ascii := c.unit(c.spell), c.unit(func(s string) string { return s })
		body := func(unit string, n int) []byte {
			b := bytes.Repeat([]byte(unit), max(n/len(unit), 1))
			if c.ct == ctJSON {
				b = append(append([]byte("["), bytes.TrimSuffix(b, []byte(","))...), ']')
			}
			return b
		}
		steps := func(n int) int64 {
			b := body(tagged, n)
			detect.ResetSteps()
			resetReadingSteps()
			if _, err := Inspect(eng, b, c.ct, "", Redact, Limits{}); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			return detect.Steps() + readingSteps.Load()
		}
		stepsGrowLinearly(t, c.name, steps)
		b := body(tagged, stepsUnit)
		twin := body(ascii, len(b)*len(ascii)/len(tagged))
		w, w0, tw := work(b, c.ct, true), work(b, c.ct, false), work(twin, c.ct, true)
		t.Logf("%-12s work %8d (%8d without the views) for %d B; its ASCII twin %8d for %d B", c.name, w, w0, len(b), tw, len(twin))
		if w > 2*w0+2*tw {
			t.Errorf("%s: %d bytes read for %d (%d without the views), and %d for its twin of %d", c.name, w, len(b), w0, tw, len(twin))
		}
	}
	// a body without tags reads no tag view: the same bytes as without them
	for _, clean := range []string{"手机 138|1234|5678，tel 138%31234 (see 4.2) \\n &amp; &#x31; \\u0031 \u00e9", "🏴 \U0001F600 \u4e2d\u6587 2026"} {
		b := bytes.Repeat([]byte(clean), 512)
		if w, w0 := work(b, "text/plain", true), work(b, "text/plain", false); w != w0 {
			t.Errorf("%+q: %d bytes read, %d without the tag views", clean, w, w0)
		}
	}
}
