package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestDecodeFoldedLines: a line break followed by indentation, with the
// blanks before it, reads as one space mapped to the fold's first byte,
// between digits or characters beyond ASCII; a break with no indentation
// after it stays.
func TestDecodeFoldedLines(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"1\n  2", "1 2"},
		{"138  \t\r\n\t 1234\nc", "138 1234\nc"},
		{"张\n  三", "张 三"},
		{"1\n\n  2", ""},  // an empty line: a line break to YAML
		{"a\n  b", ""},    // words: nothing a fold joins into a value
		{"1\n  b: 2", ""}, // a key after the break
		{"   x", ""},
		{"1\n2\r\n3", ""}, // no indentation
	} {
		dec, offs, ok := decodeFoldedLines([]byte(c.in), foldIndented)
		if !ok {
			if c.want != "" {
				t.Errorf("%q: no reading", c.in)
			}
			continue
		}
		if string(dec) != c.want || len(offs) != len(dec)+1 || int(offs[len(dec)]) != len(c.in) {
			t.Errorf("%q: %q %v, want %q", c.in, dec, offs, c.want)
			continue
		}
		for k := range dec {
			if dec[k] != ' ' && c.in[offs[k]] != dec[k] || dec[k] == ' ' && !isSpaceByte(c.in[offs[k]]) {
				t.Errorf("%q: byte %d (%q) mapped to %d", c.in, k, dec[k], offs[k])
			}
		}
	}
}

// TestFoldedLinesByType: a mobile spread over a YAML scalar's indented
// lines (plain, double-quoted, folded) is one spaced mobile to a YAML
// parser: masked in a body of a YAML type and of text/plain; a body of
// another type (HTML has its own reading) and lines that are not indented
// (a list, the values of keys) are read as they are.
func TestFoldedLinesByType(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng("folded lines"))
	folded := []string{
		"note: call " + m[:3] + "\n  " + m[3:7] + "\n  " + m[7:] + "\n",
		"note: \"call " + m[:3] + "\n    " + m[3:7] + "\n    " + m[7:] + "\"\n",
		"note: >\n  call " + m[:3] + "  \r\n  " + m[3:7] + "\r\n  " + m[7:] + "\r\n",
	}
	for _, ct := range []string{"application/yaml", "application/x-yaml", "text/yaml", "application/vnd.api+yaml", "text/plain"} {
		for _, body := range folded {
			res := mustInspect(t, eng, []byte(body), ct, "", Redact)
			if strings.Contains(string(res.Body), m[3:7]) {
				t.Errorf("%s: %q kept as %q", ct, body, res.Body)
			}
		}
	}
	for _, c := range []struct{ ct, body string }{
		{"text/csv", folded[0]},
		{"application/yaml", "a: call " + m[:3] + "\nb: " + m[3:7] + "\nc: " + m[7:] + "\n"},
		{"application/yaml", "- " + m[:3] + "\n- x" + m[3:7] + "\n"},
	} {
		if res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact); res.Changed {
			t.Errorf("%s: %q altered: %q", c.ct, c.body, res.Body)
		}
	}
}

// TestContinuationBlanks: TOML trims the blanks between a line-ending
// backslash and the break, and every blank and break after it; a
// backslash and a space with no break after them is a space.
func TestContinuationBlanks(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"138\\ \t\n  \n   12345678", "13812345678"},
		{"138\\\r\n\t12345678", "13812345678"},
		{"138\\\r12345678", "13812345678"},
		{"138\\ 12345678", "138 12345678"},
		{"138\\  x", "138  x"},
	} {
		if dec, _, _ := decodeEscapes([]byte(c.in), nil, nil); string(dec) != c.want {
			t.Errorf("%q: %q, want %q", c.in, dec, c.want)
		}
	}
}

// TestFoldedLinesBreaks: every line break YAML reads (LF, CRLF, a lone
// CR; NEL, LS and PS as YAML 1.1 parsers read them) folds with the
// indentation after it; Markdown's (LF, CRLF, CR) fold as soft breaks,
// NEL, LS and PS being no line break to it.
func TestFoldedLinesBreaks(t *testing.T) {
	for _, brk := range []string{"\n", "\r\n", "\r", "\u0085", "\u2028", "\u2029"} {
		in := "138" + brk + "  1234" + brk + "\t5678"
		if dec, offs, ok := decodeFoldedLines([]byte(in), foldIndented); !ok || string(dec) != "138 1234 5678" || int(offs[len(dec)]) != len(in) {
			t.Errorf("YAML %q: %q %v", in, dec, ok)
		}
		soft := "138" + brk + "1234"
		dec, _, ok := decodeFoldedLines([]byte(soft), foldSoft)
		if markdown := brk == "\n" || brk == "\r\n" || brk == "\r"; ok != markdown || ok && string(dec) != "138 1234" {
			t.Errorf("Markdown %q: %q %v", soft, dec, ok)
		}
	}
}

// TestFoldedLinesKeyed: text/plain folds the indented lines of a scalar a
// key line opens, its value begun on it (plain, quoted, a block scalar's
// opener, a sequence entry, a key nested deeper), and no others: not a
// column under a heading with no value, at the top, under a comment, nor
// a line no deeper than the key's.
func TestFoldedLinesKeyed(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"note: call 1\n  2\n  3", "note: call 1 2 3"},
		{"note: \"1\r\n    2\"", "note: \"1 2\""},
		{"note: >-\n  1\n  2", "note: >-\n  1 2"},
		{"- 1\n  2", "- 1 2"},
		{"a:\n  b: 1\n    2\nc: 3\n  4", "a:\n  b: 1 2\nc: 3 4"},
		{"a: 1\n\n  2\n  3", "a: 1\n\n  2 3"}, // an empty line within the scalar
		{"Totals:\n  1\n  2", ""},
		{"  1\n  2", ""},
		{"# a: 1\n  2", ""},
		{"a: # 1\n  2\n  3", ""},
		{"a:\n  b: 1\n  2", ""},
		{"time 10:30\n  2", ""},
	} {
		dec, _, ok := decodeFoldedLines([]byte(c.in), foldKeyed)
		if ok != (c.want != "") || ok && string(dec) != c.want {
			t.Errorf("%q: %q %v, want %q", c.in, dec, ok, c.want)
		}
	}
}

// TestFoldedMaskKeepsLines: a mobile over a scalar's folded lines is
// masked in place, each line's digits starred where they stand and the
// line breaks and indentation kept as written, in a YAML body and in
// text/plain; under a label mask (no digits to spread) the label is
// written over the value's first line and its later lines follow it,
// their digits starred (no line left empty).
func TestFoldedMaskKeepsLines(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	for _, brk := range []string{"\n", "\r\n", "\r", "\u0085"} {
		body := "note: call " + m[:3] + brk + "    " + m[3:7] + brk + "    " + m[7:] + " end\n"
		want := "note: call " + m[:3] + brk + "    ****" + brk + "    " + m[7:] + " end\n"
		for _, ct := range []string{"application/yaml", "text/plain"} {
			if ct == "text/plain" && brk == "\u0085" {
				continue // (text/plain's lines end in LF, CRLF or CR)
			}
			res := mustInspect(t, testEngine(t), []byte(body), ct, "", Redact)
			if string(res.Body) != want {
				t.Errorf("%s %q: %q, want %q", ct, body, res.Body, want)
			}
		}
		label := detect.MustCompile(detect.Policy{FingerprintKey: testKey, Mask: detect.MaskLabel})
		res := mustInspect(t, label, []byte(body), "application/yaml", "", Redact)
		if want := "note: call " + detect.CNMobile.Label() + brk + "    ****" + brk + "    **** end\n"; string(res.Body) != want {
			t.Errorf("label %q: %q, want %q", body, res.Body, want)
		}
	}
}

// TestLabelledColumnMaskKeepsLines: a mobile written one group a line
// under a label (read joined by the delimited reading, in text/plain) is
// masked keeping its lines: the groups' digits starred where they stand
// (ASCII digits), or the mask written where the value starts and the line
// breaks it spanned after it (full-width digits). It went out as one line
// ("phone:⏎    138****5678⏎").
func TestLabelledColumnMaskKeepsLines(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 4 {
		m := synth.CNMobile(r)
		for _, label := range []string{"phone:", "手机："} {
			body := label + "\n    " + m[:3] + "\n    " + m[3:7] + "\n    " + m[7:] + "\n"
			res := mustInspect(t, eng, []byte(body), "text/plain", "", Redact)
			if want := label + "\n    " + m[:3] + "\n    ****\n    " + m[7:] + "\n"; string(res.Body) != want {
				t.Errorf("%q: %q, want %q", body, res.Body, want)
			}
			wide := label + "\n" + fullWidth(m[:3]) + "\n" + fullWidth(m[3:7]) + "\n" + fullWidth(m[7:]) + "\n"
			res = mustInspect(t, eng, []byte(wide), "text/plain", "", Redact)
			if !res.Changed || strings.Count(string(res.Body), "\n") != 4 || strings.Contains(string(res.Body), fullWidth(m[3:7])) {
				t.Errorf("%q: %q", wide, res.Body)
			}
		}
	}
}
