package scancmd

import (
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// textReadingCase is an input pii-scan reads as text in which a synthetic
// mobile is written in a form only one of bodyformat's readings sees.
type textReadingCase struct {
	name, file, text string
	raw              []string // spellings of the value that must not survive
	keep             []string // what stands around it, which must survive
}

// textReadingCases builds the cases, each from its own synthetic mobile.
func textReadingCases() []textReadingCase {
	r := rand.New(rand.NewPCG(91, 9))
	var cases []textReadingCase
	add := func(name, file string, build func(m string) (string, []string), keep ...string) {
		m := synth.CNMobile(r)
		text, raw := build(m)
		cases = append(cases, textReadingCase{name, file, text, raw, keep})
	}
	add("bar-split", "notes.txt", func(m string) (string, []string) {
		split := m[:3] + "|" + m[3:7] + "|" + m[7:]
		return "客户登记\n手机 " + split + "\n备注：无\n", []string{split, m}
	}, "客户登记\n手机 ", "\n备注：无\n")
	add("svg-data-url", "site.css", func(m string) (string, []string) {
		css := ".banner {\n  background: url(\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'><text>Call " +
			m[:3] + "<tspan>" + m[3:7] + "</tspan>" + m[7:] + "</text></svg>\");\n}\n"
		return css, []string{m[3:7] + "</tspan>" + m[7:], m}
	}, ".banner {\n  background: url(\"data:image/svg+xml,", "\");\n}\n")
	add("joined-array", "app.js", func(m string) (string, []string) {
		js := "const tel = [\"" + m[:3] + "\",\"" + m[3:7] + "\",\"" + m[7:] + "\"].join(\"\");\nshow(tel);\n"
		return js, []string{m[3:7] + `","` + m[7:], m}
	}, "const tel = [\"", "\"].join(\"\");\nshow(tel);\n")
	add("hex-text", "dump.log", func(m string) (string, []string) {
		h := hex.EncodeToString([]byte(m))
		return "payload " + h + "\n", []string{h, m}
	}, "payload ")
	add("u-escaped", "chat.log", func(m string) (string, []string) {
		u := uEscaped(m)
		return "msg=联系我 " + u + " 谢谢\n", []string{u, m}
	}, "msg=联系我 ", " 谢谢\n")
	return cases
}

// TestTextReadings: an input read as text, sniffed or by --format text,
// goes through bodyformat's readings as the handler reads a text body: a
// mobile split by bars behind a label, inside an SVG data: URL in CSS, in
// a joined script array, spelled in hex or in \u escapes is found, in the redacted output
// and with --check, and the rest of the input is left as it was.
func TestTextReadings(t *testing.T) {
	for _, tc := range textReadingCases() {
		for _, format := range []string{"auto", "text"} {
			t.Run(tc.name+"/"+format, func(t *testing.T) {
				src := writeFile(t, tc.file, tc.text)
				r := run(t, Options{Format: format, Mask: "full"}, []string{src}, "")
				if r.code != ExitFound {
					t.Fatalf("status %d (%v), want %d; output:\n%s", r.code, r.err, ExitFound, r.stdout)
				}
				assertRedacted(t, r.stdout, tc.raw...)
				// only the value is masked: every line and what stands
				// around the value are as they were
				if strings.Count(r.stdout, "\n") != strings.Count(tc.text, "\n") {
					t.Errorf("lines changed:\n%q\nfrom\n%q", r.stdout, tc.text)
				}
				for _, k := range tc.keep {
					if !strings.Contains(r.stdout, k) {
						t.Errorf("output lost %q:\n%q", k, r.stdout)
					}
				}

				report := filepath.Join(t.TempDir(), "r.jsonl")
				c := run(t, Options{Format: format, Check: true, Report: report}, []string{src}, "")
				if c.code != ExitFound {
					t.Fatalf("--check: status %d (%v), want %d", c.code, c.err, ExitFound)
				}
				if c.stdout != "" {
					t.Errorf("--check wrote output: %q", c.stdout)
				}
				lines := readReport(t, report)
				if len(lines) == 0 {
					t.Fatal("--check: no report line")
				}
				for _, l := range lines {
					if l.Category != "cn_mobile" {
						t.Errorf("category %s, want cn_mobile", l.Category)
					}
					// its span, in bytes of the file, covers where the value is
					at := strings.Index(tc.text, tc.raw[0])
					if l.Start < 0 || l.End > len(tc.text) || l.Start > at || l.End < at+len(tc.raw[0]) {
						t.Errorf("finding at [%d,%d), the value at [%d,%d)", l.Start, l.End, at, at+len(tc.raw[0]))
					}
					for _, v := range tc.raw {
						if strings.Contains(l.Masked, v) {
							t.Errorf("report holds the value: %+v", l)
						}
					}
				}
			})
		}
	}
}

// TestTextReadingsLookalikes: the same shapes holding no identifier (a
// version string, a colour table, a hex digest, a short array) stay byte
// for byte as they were, with status 0.
func TestTextReadingsLookalikes(t *testing.T) {
	clean := []struct{ file, text string }{
		{"notes.txt", "版本 1.2|3.4|5.6\n手机 未填写\n"},
		{"site.css", ".logo { background: url(\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'><rect width='100' height='20'/></svg>\"); color: #13a4f0; }\n"},
		{"app.js", "const sizes = [\"12\",\"24\",\"48\"].join(\",\");\n"},
		{"dump.log", "sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n"},
	}
	for _, tc := range clean {
		for _, format := range []string{"auto", "text"} {
			t.Run(tc.file+"/"+format, func(t *testing.T) {
				src := writeFile(t, tc.file, tc.text)
				r := run(t, Options{Format: format}, []string{src}, "")
				if r.code != ExitClean {
					t.Fatalf("status %d (%v), want %d; output:\n%s", r.code, r.err, ExitClean, r.stdout)
				}
				if r.stdout != tc.text {
					t.Errorf("clean input altered:\n%q\nwant\n%q", r.stdout, tc.text)
				}
			})
		}
	}
}

// TestTextReadingsOnStdin: standard input sniffed as text takes the same
// road as a file.
func TestTextReadingsOnStdin(t *testing.T) {
	for _, tc := range textReadingCases() {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, Options{Mask: "full"}, nil, tc.text)
			if r.code != ExitFound {
				t.Fatalf("status %d (%v), want %d", r.code, r.err, ExitFound)
			}
			assertRedacted(t, r.stdout, tc.raw...)
		})
	}
}

// TestTextReadingsAcrossChunks: a value in one of these forms is found
// wherever it falls among the 64 KiB pieces text is read in, the piece's
// end included.
func TestTextReadingsAcrossChunks(t *testing.T) {
	for _, tc := range textReadingCases() {
		for _, at := range []int{defaultChunkSize - 20, defaultChunkSize + 4<<10 - 30, defaultChunkSize + 4<<10 - 3, 2*defaultChunkSize + 8<<10 - 50} {
			t.Run(fmt.Sprintf("%s/%d", tc.name, at), func(t *testing.T) {
				in := filler(at) + tc.text + filler(3000)
				r := run(t, Options{Mask: "full", Format: "text"}, nil, in)
				if r.code != ExitFound {
					t.Fatalf("status %d (%v), want %d", r.code, r.err, ExitFound)
				}
				assertRedacted(t, r.stdout, tc.raw...)
				if !strings.HasPrefix(r.stdout, filler(at)) || !strings.HasSuffix(r.stdout, filler(3000)) {
					t.Error("the text around the value changed")
				}
			})
		}
	}
}

// TestFoldedLines: indented lines a YAML parser folds into one (call
// 138⏎ 1234⏎ 5678, a spaced mobile to it) are read folded in a file and
// on standard input, as the handler reads a text/plain or YAML body: the
// mobile is masked and reported, what stands around it kept byte for
// byte. A file named .yaml or .yml is read as YAML, its lines under a key
// with no value on its line folded too; text leaves such a column alone.
func TestFoldedLines(t *testing.T) {
	m := synth.CNMobile(rand.New(rand.NewPCG(31, 7)))
	before, after := "note: call ", " end\nnext: ok\n"
	text := before + m[:3] + "\n " + m[3:7] + "\n " + m[7:] + after
	for _, name := range []string{"notes.yaml", "notes.txt", ""} {
		var r result
		if name == "" {
			r = run(t, Options{}, nil, text)
		} else {
			r = run(t, Options{}, []string{writeFile(t, name, text)}, "")
		}
		if r.code != ExitFound {
			t.Fatalf("%q: status %d (%v), want %d; output:\n%s", name, r.code, r.err, ExitFound, r.stdout)
		}
		assertRedacted(t, r.stdout, m[3:7])
		if !strings.HasPrefix(r.stdout, before) || !strings.HasSuffix(r.stdout, after) {
			t.Errorf("%q: the text around the mobile changed: %q", name, r.stdout)
		}
	}
	// a key whose line holds no value: a YAML file folds the lines under
	// it, text does not (a heading over a column)
	under := "note:\n  " + m[:3] + "\n  " + m[3:7] + "\n  " + m[7:] + "\n"
	for _, name := range []string{"notes.yaml", "notes.YML"} {
		if r := run(t, Options{}, []string{writeFile(t, name, under)}, ""); r.code != ExitFound || strings.Contains(r.stdout, m[3:7]) || strings.Count(r.stdout, "\n") != 4 {
			t.Errorf("%q: status %d, %q", name, r.code, r.stdout)
		}
	}
	if r := run(t, Options{}, []string{writeFile(t, "notes.txt", under)}, ""); r.code != ExitClean || r.stdout != under {
		t.Errorf("a column under a heading in text: status %d, %q", r.code, r.stdout)
	}
	clean := "years:\n 2019\n 2020\n 2021\n"
	if r := run(t, Options{}, nil, clean); r.code != ExitClean || r.stdout != clean {
		t.Errorf("a column of years: status %d, %q", r.code, r.stdout)
	}
}

// TestMarkdownSoftBreaks: a Markdown file (named .md, or --format
// markdown on any input) is read as the handler reads a text/markdown
// body: a mobile over soft line breaks, one line on the screen, is
// masked; a plain text file keeps its lines as they are, and so does a
// Markdown file whose value stands on lines of its own (hard breaks).
func TestMarkdownSoftBreaks(t *testing.T) {
	m := synth.CNMobile(rand.New(rand.NewPCG(31, 8)))
	before, after := "# Contact\n\ncall ", " today\n"
	text := before + m[:3] + "\n" + m[3:7] + "\n" + m[7:] + after
	for _, c := range []struct {
		name, format, stdin string
		files               []string
	}{
		{"file.md", "", "", []string{writeFile(t, "README.md", text)}},
		{"file.markdown --format auto", "auto", "", []string{writeFile(t, "notes.markdown", text)}},
		{"stdin --format markdown", "markdown", text, nil},
	} {
		r := run(t, Options{Format: c.format}, c.files, c.stdin)
		if r.code != ExitFound {
			t.Fatalf("%s: status %d (%v), want %d; output:\n%s", c.name, r.code, r.err, ExitFound, r.stdout)
		}
		assertRedacted(t, r.stdout, m[3:7])
		if !strings.HasPrefix(r.stdout, before) || !strings.HasSuffix(r.stdout, after) {
			t.Errorf("%s: the text around the mobile changed: %q", c.name, r.stdout)
		}
	}
	hard := before + m[:3] + "  \n" + m[3:7] + "  \n" + m[7:] + after
	for _, c := range []struct{ file, text string }{{"notes.txt", text}, {"README.md", hard}} {
		if r := run(t, Options{}, []string{writeFile(t, c.file, c.text)}, ""); r.code != ExitClean || r.stdout != c.text {
			t.Errorf("%s: status %d, %q", c.file, r.code, r.stdout)
		}
	}
}
