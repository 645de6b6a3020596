package bodyformat

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestDecodeSoftBreaks: under foldSoft every line break inside a
// paragraph, indented or not, with the blanks around it, reads as one
// space between digits or characters beyond ASCII; a hard break (two
// spaces before it, or a backslash), a blank line and a break between
// words stay.
func TestDecodeSoftBreaks(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"1\n2", "1 2"},
		{"1\n  2", "1 2"},
		{"1 \n2", "1 2"},     // one space: still a soft break
		{"1\t \r\n2", "1 2"}, // CRLF
		{"张\n三", "张 三"},
		{"a1\n2\n3b", "a1 2 3b"},
		{"1  \n2", ""},   // a hard break: <br>
		{"1\\\n2", ""},   // a hard break: <br>
		{"1\n\n2", ""},   // a paragraph break
		{"1\n  \n2", ""}, // a blank line of spaces: a paragraph break
		{"a\nb", ""},     // words
		{"1\n", ""},
	} {
		dec, offs, ok := decodeFoldedLines([]byte(c.in), foldSoft)
		if !ok {
			if c.want != "" {
				t.Errorf("%q: no reading", c.in)
			}
			continue
		}
		if string(dec) != c.want || len(offs) != len(dec)+1 || int(offs[len(dec)]) != len(c.in) {
			t.Errorf("%q: %q %v, want %q", c.in, dec, offs, c.want)
		}
	}
	// foldIndented keeps a break with no indentation after it
	if _, _, ok := decodeFoldedLines([]byte("1\n2"), foldIndented); ok {
		t.Error("foldIndented folded a break with no indentation")
	}
}

// softBreakCase is a value spread over lines as a Markdown renderer
// shows it on one: what stands before it, its pieces, and after it.
type softBreakCase struct {
	name, value string
	pieces      []string
}

// softBreakCases builds synthetic mobiles and resident IDs cut into the
// pieces people write them in, one piece a line.
func softBreakCases() []softBreakCase {
	r := rng("soft breaks")
	m, id := synth.CNMobile(r), synth.CNID18(r)
	return []softBreakCase{
		{"mobile 3-4-4", m, []string{m[:3], m[3:7], m[7:]}},
		{"mobile 7-4", m, []string{m[:7], m[7:]}},
		{"id 6-8-4", id, []string{id[:6], id[6:14], id[14:]}},
	}
}

// wantMasked returns text with value masked as the engine masks it
// written whole, and the rest as it is.
func wantMasked(t *testing.T, eng *detect.Engine, before, value, after string) string {
	t.Helper()
	red, fs := eng.Redact([]byte(value))
	if len(fs) != 1 {
		t.Fatalf("%q: %d findings written whole", value, len(fs))
	}
	return before + string(red) + after
}

// wantInPlace returns before, c's pieces joined by sep with c's value
// masked in place (a mask keeps the lines it spans: its digits and stars,
// as the engine masks the value written whole, put on the pieces' digits
// where they stand), and after. A value with a letter (an ID's X) is
// masked whole where it starts, its separators after the mask.
func wantInPlace(t *testing.T, eng *detect.Engine, before string, c softBreakCase, sep, after string) string {
	t.Helper()
	red := wantMasked(t, eng, "", c.value, "")
	if strings.ContainsAny(c.value, "Xx") {
		return before + red + strings.Repeat(sep, len(c.pieces)-1) + after
	}
	out, m := []byte(strings.Join(c.pieces, sep)), 0
	for i, b := range out {
		if b < '0' || b > '9' {
			continue
		}
		for red[m] != '*' && (red[m] < '0' || red[m] > '9') {
			m++
		}
		out[i], m = red[m], m+1
	}
	return before + string(out) + after
}

// TestMarkdownSoftBreaks: in a body of a Markdown type a value cut by
// soft breaks (indented or not, CRLF, a lone CR) is masked in place, its
// digits starred where they stand and its lines kept, the rest byte for
// byte as it was; cut by hard breaks or blank lines it is shown on lines of
// its own, and the body stays as it is.
func TestMarkdownSoftBreaks(t *testing.T) {
	eng := testEngine(t)
	before, after := "请回电 ", " 谢谢\n\n下一段\n"
	for _, c := range softBreakCases() {
		for _, ct := range []string{"text/markdown", "text/x-markdown"} {
			for _, sep := range []string{"\n", "\n  ", " \r\n", "\r"} {
				body := before + strings.Join(c.pieces, sep) + after
				want := wantInPlace(t, eng, before, c, sep, after)
				res := mustInspect(t, eng, []byte(body), ct, "", Redact)
				if string(res.Body) != want {
					t.Errorf("%s %s %q:\n%q\nwant\n%q", c.name, ct, sep, res.Body, want)
				}
			}
			// (a backslash before the break is a hard break to Markdown, a
			// line continuation to a shell or TOML: linecontinuation_test)
			for _, sep := range []string{"  \n", "   \r\n", "\n\n", "\n \n"} {
				body := before + strings.Join(c.pieces, sep) + after
				if res := mustInspect(t, eng, []byte(body), ct, "", Redact); res.Changed {
					t.Errorf("%s %s %q: altered %q", c.name, ct, sep, res.Body)
				}
			}
		}
	}
}

// cleanColumns are multi-line numeric content that holds no identifier:
// a column of years, of amounts, of counts, one a line.
func cleanColumns() []string {
	r := rng("clean columns")
	var years, amounts, counts, ints []string
	for range 8 {
		years = append(years, fmt.Sprint(1990+r.IntN(36)))
		amounts = append(amounts, fmt.Sprintf("%d.%02d", r.IntN(5000), r.IntN(100)))
		counts = append(counts, fmt.Sprint(r.IntN(1000)))
		ints = append(ints, fmt.Sprint(1000+r.IntN(9000)))
	}
	return []string{
		"年份\n" + strings.Join(years, "\n") + "\n",
		"金额：\n" + strings.Join(amounts, "\n") + "\n合计\n",
		strings.Join(counts, "\n"),
		"Revenue by year\n" + strings.Join(ints[:4], "\n") + "\n",
	}
}

// TestSoftBreaksCleanColumns: a column of years, amounts or counts, one
// a line, stays as it is, in a Markdown body and in an LLM's content.
func TestSoftBreaksCleanColumns(t *testing.T) {
	eng := testEngine(t)
	for _, col := range cleanColumns() {
		if _, _, ok := decodeFoldedLines([]byte(col), foldSoft); !ok && strings.Count(col, "\n") > 2 {
			t.Errorf("%q: no fold to read: the test tests nothing", col)
		}
		if res := mustInspect(t, eng, []byte(col), "text/markdown", "", Redact); res.Changed {
			t.Errorf("markdown %q altered: %q", col, res.Body)
		}
		body, _ := json.Marshal(map[string]any{"choices": []any{map[string]any{"message": map[string]string{"content": col}}}})
		if res := mustInspect(t, eng, body, "application/json", "", Redact); res.Changed {
			t.Errorf("content %q altered: %q", col, res.Body)
		}
	}
}

// TestContentSoftBreaks: the strings an LLM client appends and renders
// as Markdown (content, text, delta: appendedKey) are read with their
// soft breaks as spaces; a string under another key (a record's field)
// is not.
func TestContentSoftBreaks(t *testing.T) {
	eng := testEngine(t)
	for _, c := range softBreakCases() {
		text := "call " + strings.Join(c.pieces, "\n") + " now"
		quoted, _ := json.Marshal(text)
		want, _ := json.Marshal(wantInPlace(t, eng, "call ", c, "\n", " now"))
		for _, doc := range []string{
			`{"choices":[{"message":{"role":"assistant","content":%s}}]}`,
			`{"content":[{"type":"text","text":%s}]}`,
			`{"delta":{"reasoning_content":%s}}`,
		} {
			body := fmt.Sprintf(doc, quoted)
			res := mustInspect(t, eng, []byte(body), "application/json", "", Redact)
			if string(res.Body) != fmt.Sprintf(doc, want) {
				t.Errorf("%s:\n%s\nwant\n%s", c.name, res.Body, fmt.Sprintf(doc, want))
			}
		}
		if res := mustInspect(t, eng, []byte(fmt.Sprintf(`{"note":%s}`, quoted)), "application/json", "", Redact); res.Changed {
			t.Errorf("%s: a record's note read folded: %s", c.name, res.Body)
		}
	}
}

// TestStreamedContentSoftBreaks: an LLM's deltas streamed as events, a
// soft break ending one and the rest of the value in the next, are
// masked as the buffered stream is, each event's digits starred where
// they stand (the mask is not moved into the first event).
func TestStreamedContentSoftBreaks(t *testing.T) {
	eng := testEngine(t)
	for _, c := range softBreakCases() {
		var in bytes.Buffer
		for k, p := range c.pieces {
			if k < len(c.pieces)-1 {
				p += `\n`
			}
			fmt.Fprintf(&in, "data: {\"choices\":[{\"delta\":{\"content\":\"%s\"}}]}\n\n", p)
		}
		var out bytes.Buffer
		s := NewStream(eng, &out, StreamEvents, StreamOptions{Mode: Redact})
		for _, ev := range bytes.SplitAfter(in.Bytes(), []byte("\n\n")) {
			if _, err := s.Write(ev); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		// each event keeps its piece's shape, its digits starred in place
		masked := strings.Split(wantInPlace(t, eng, "", c, "\n", ""), "\n")
		for k, m := range masked {
			if k < len(masked)-1 {
				m += `\n`
			}
			if !bytes.Contains(out.Bytes(), []byte(`"content":"`+m+`"`)) {
				t.Errorf("%s: %s not masked as %q in its event: %s", c.name, c.value, m, out.Bytes())
			}
		}
		res := mustInspect(t, eng, in.Bytes(), "text/event-stream", "", Redact)
		if !bytes.Equal(res.Body, out.Bytes()) {
			t.Errorf("%s: streamed\n%s\nbuffered\n%s", c.name, out.Bytes(), res.Body)
		}
	}
}

// TestSoftBreaksCleanCorpus: the real clean lines of the shared corpora,
// joined a few at a time by soft breaks (a Markdown paragraph, an LLM's
// reply), are not altered by the folded reading (the false-positive cost
// of reading them folded: none). Skipped without the corpora.
func TestSoftBreaksCleanCorpus(t *testing.T) {
	data, err := os.ReadFile("../../shared/corpora/realtext-dev/clean.txt")
	if err != nil {
		t.Skip("no shared corpora")
	}
	eng := testEngine(t)
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	groups, folded := 0, 0
	for _, n := range []int{2, 5} {
		for i := 0; i+n <= len(lines); i += n {
			text := strings.Join(lines[i:i+n], "\n")
			groups++
			if _, _, ok := decodeFoldedLines([]byte(text), foldSoft); ok {
				folded++
			}
			plain := mustInspect(t, eng, []byte(text), "text/csv", "", Redact)
			md := mustInspect(t, eng, []byte(text), "text/markdown", "", Redact)
			if !bytes.Equal(plain.Body, md.Body) {
				t.Errorf("folded reading altered %q: %q", text, md.Body)
			}
		}
	}
	t.Logf("%d groups, %d with a soft break read folded", groups, folded)
	if folded < groups/2 {
		t.Errorf("only %d of %d groups read folded: the test tests little", folded, groups)
	}
}

// TestStreamedLinesFolded: a text/plain, YAML or Markdown response
// streamed line by line (Incremental, no length) joins its lines' text
// across events, so a value over indented lines or soft breaks, which
// the buffered body of the type reads folded (text/plain: under a key
// line), is masked there too, each line's digits starred in place and
// the lines kept.
func TestStreamedLinesFolded(t *testing.T) {
	eng := testEngine(t)
	for _, c := range softBreakCases() {
		for _, tc := range []struct{ ct, sep string }{
			{"text/plain", "\n  "}, {"application/yaml", "\n  "}, {"text/markdown", "\n"}, {"text/markdown", "\n  "},
		} {
			body := "note: call " + strings.Join(c.pieces, tc.sep) + " end\n"
			if res := mustInspect(t, eng, []byte(body), tc.ct, "", Redact); !res.Changed {
				t.Fatalf("%s %s: the buffered body is not masked", c.name, tc.ct)
			}
			var out bytes.Buffer
			var fs []detect.Finding
			s := NewStream(eng, &out, StreamLines, StreamOptions{Mode: Redact, MediaType: tc.ct, OnFinding: func(f detect.Finding) { fs = append(fs, f) }})
			for _, line := range strings.SplitAfter(body, "\n") {
				if _, err := s.Write([]byte(line)); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if want := wantInPlace(t, eng, "note: call ", c, tc.sep, " end\n"); len(fs) == 0 || out.String() != want {
				t.Errorf("%s %s: streamed %q, want %q", c.name, tc.ct, out.String(), want)
			}
			if !strings.HasPrefix(out.String(), "note: call ") || !strings.HasSuffix(out.String(), " end\n") {
				t.Errorf("%s %s: the text around the value changed: %q", c.name, tc.ct, out.String())
			}
		}
	}
}
