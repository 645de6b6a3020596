package bodyformat

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// textStreamOut writes text to a NewTextStream in pieces of size n and
// returns the output and the findings.
func textStreamOut(t *testing.T, eng *detect.Engine, text string, n int) (string, []detect.Finding) {
	t.Helper()
	var out bytes.Buffer
	var fs []detect.Finding
	ts := NewTextStream(eng, &out, func(f detect.Finding) { fs = append(fs, f) })
	for rest := []byte(text); len(rest) > 0; {
		k := min(n, len(rest))
		if _, err := ts.Write(rest[:k]); err != nil {
			t.Fatal(err)
		}
		rest = rest[k:]
	}
	if err := ts.Close(); err != nil {
		t.Fatal(err)
	}
	return out.String(), fs
}

// TestTextStreamReadsAsBuffered: text written to a NewTextStream, in any
// pieces, is redacted as Inspect redacts a text/plain body holding it: a
// mobile split by bars behind a label, in an SVG data: URL, in a joined
// array, spelled in hex, over indented lines YAML folds; the findings'
// offsets count from the start of the text.
func TestTextStreamReadsAsBuffered(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	var texts []string
	for range 4 {
		m := synth.CNMobile(r)
		texts = append(texts,
			"手机 "+m[:3]+"|"+m[3:7]+"|"+m[7:]+"\n",
			`.b{background:url("data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'><text>Call `+m[:3]+"<tspan>"+m[3:7]+"</tspan>"+m[7:]+`</text></svg>")}`+"\n",
			`const t = ["`+m[:3]+`","`+m[3:7]+`","`+m[7:]+`"].join("");`+"\n",
			"payload "+hex.EncodeToString([]byte(m))+"\n",
			"note: call "+m[:3]+"\n  "+m[3:7]+"\n  "+m[7:]+" end\n", // indented lines a YAML parser folds
		)
	}
	filler := strings.Repeat("the quick brown fox jumps over the lazy dog.\n", 2000)
	for _, text := range texts {
		want := mustInspect(t, eng, []byte(text), "text/plain", "", Redact)
		if !want.Changed {
			t.Fatalf("the buffered reading finds nothing in %q", text)
		}
		for _, n := range []int{1, 7, 4096, len(text)} {
			got, fs := textStreamOut(t, eng, filler+text+filler, n)
			if got != filler+string(want.Body)+filler {
				t.Errorf("pieces of %d: redacted differently from the buffered body:\n%q\nwant\n%q", n, got[len(filler):len(got)-len(filler)], want.Body)
			}
			if len(fs) != len(want.Findings) {
				t.Fatalf("pieces of %d: %d findings, want %d", n, len(fs), len(want.Findings))
			}
			for k, f := range fs {
				if w := want.Findings[k]; f.Start != w.Start+len(filler) || f.End != w.End+len(filler) || f.Category != w.Category {
					t.Errorf("finding %s [%d,%d), want %s [%d,%d) after the filler", f.Category, f.Start, f.End, w.Category, w.Start, w.End)
				}
			}
		}
	}
}

// TestTextStreamLookalikesIntact: text with the same shapes and no
// identifier comes out byte for byte as it went in.
func TestTextStreamLookalikesIntact(t *testing.T) {
	eng := testEngine(t)
	for _, text := range []string{
		"版本 1.2|3.4|5.6\n手机 未填写\n",
		`.logo { background: url("data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'><rect width='100' height='20'/></svg>"); color: #13a4f0; }` + "\n",
		`const sizes = ["12","24","48"].join(",");` + "\n",
		"sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n",
		"Total 138\n12345678 rows\n",
	} {
		got, fs := textStreamOut(t, eng, text, 5)
		if got != text || len(fs) != 0 {
			t.Errorf("clean text altered (%d findings):\n%q\nwant\n%q", len(fs), got, text)
		}
	}
}

// TestTextStreamFoldAcrossChunks: a value over indented lines (a YAML
// fold under a key line), wherever it falls among the pieces the redactor reads (the end
// of a piece, the tail it holds back and reads again), is masked as in
// the buffered text/plain body, the rest byte for byte as it was.
func TestTextStreamFoldAcrossChunks(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	fold := "note: call " + m[:3] + "\n    " + m[3:7] + "\n    " + m[7:] + " end\n"
	want := mustInspect(t, eng, []byte(fold), "text/plain", "", Redact)
	if !want.Changed {
		t.Fatalf("the buffered reading finds nothing in %q", fold)
	}
	line := "the quick brown fox jumps over the lazy dog.\n"
	tail := strings.Repeat(line, 200)
	const piece, hold = 64 << 10, 4 << 10 // detect's streamChunk and streamHold
	for _, boundary := range []int{piece, piece + hold, 2*piece + hold} {
		for back := 1; back < len(fold); back += 3 {
			at := boundary - back
			head := strings.Repeat(line, at/len(line)) + strings.Repeat("x", at%len(line))
			got, fs := textStreamOut(t, eng, head+fold+tail, 32<<10)
			if got != head+string(want.Body)+tail {
				t.Fatalf("fold at %d (%d before %d): %q", at, back, boundary, got[len(head):len(got)-len(tail)])
			}
			if len(fs) != 1 || fs[0].Start != at+want.Findings[0].Start {
				t.Fatalf("fold at %d: findings %v", at, fs)
			}
		}
	}
}
