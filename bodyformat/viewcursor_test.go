package bodyformat

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// viewOffsetsHeld is the offset array the view cursor stands for: the
// offset of each byte of view, held (stopping short when segs do not
// tile it).
func viewOffsetsHeld(view []byte, segs []viewSeg) []int32 {
	var offs []int32
	end := 0
	for _, g := range segs {
		if int(g.view) != len(offs) {
			return offs
		}
		for range g.pre {
			offs = append(offs, g.raw)
		}
		for v := range g.n {
			if g.synthetic {
				offs = append(offs, g.raw)
			} else {
				offs = append(offs, g.raw+v)
			}
		}
		if !g.synthetic {
			end = int(g.raw + g.n)
		}
	}
	return append(offs, int32(end))
}

// TestViewCursorWindows: the windows found through the cursor are those
// found through the offsets held, and each offset it gives is the held
// one, on pages of markup, asides, hidden elements, generated text and
// digits around tags.
func TestViewCursorWindows(t *testing.T) {
	parts := []string{"<b>", "</b>", "138", "1234", " ", "\n", "<br>", "<!-- 5678 -->", "<p style=\"display:none\">99</p>",
		"&#49;", "text ", "<script>var a=\"12\";</script>", "<style>.x::before{content:\"7\"}</style>", "<span class=x>0</span>",
		"<div hidden>4321</div>", "中文", "<td>", "<", ">", "%31", strings.Repeat("quiet words ", 40)}
	r := rand.New(rand.NewPCG(1, 2))
	docs := []string{"", "plain", "<b>1</b>", "138<b></b>12345678"}
	for range 300 {
		var b strings.Builder
		for range r.IntN(60) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		docs = append(docs, b.String())
	}
	for _, d := range docs {
		raw := []byte(d)
		views := [][2]any{}
		if v, s, err := markupView(raw, true, nil); err == nil {
			views = append(views, [2]any{v, s})
		}
		if v, s, ok, _ := markupViewHiding(raw, nil); ok {
			views = append(views, [2]any{v, s})
		}
		for _, vs := range views {
			view, segs := vs[0].([]byte), vs[1].([]viewSeg)
			offs := viewOffsetsHeld(view, segs)
			c, ok := newViewCursor(view, segs)
			if want := len(offs) == len(view)+1; ok != want {
				t.Fatalf("%q: tiling %v, want %v", d, ok, want)
			}
			if !ok {
				continue
			}
			for j := range offs {
				if got := c.at(j); got != int(offs[j]) {
					t.Fatalf("%q: offset of byte %d is %d, want %d", d, j, got, offs[j])
				}
			}
			want, wok := changedWindows(raw, view, offs, true, nil)
			c, _ = newViewCursor(view, segs)
			got, gok := changedViewWindows(raw, view, &c, nil)
			if gok != wok || !slices.Equal(got, want) {
				t.Fatalf("%q: windows %v %v, want %v %v", d, got, gok, want, wok)
			}
		}
	}
}
