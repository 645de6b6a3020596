package bodyformat

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestMayEndLine checks that a text mayEndLine passes over is one
// lineScan.end finds no line end in, on random texts of what end tells
// apart (every break, NEL and U+2028 whole and cut, JSON values, strings,
// escapes), and that a compact JSON document is passed over while each
// break alone is not.
func TestMayEndLine(t *testing.T) {
	r := rng(t.Name())
	atoms := []string{"{}", "[1]", `"a"`, `"`, `\`, " ", "x", "1", ":", "手", "\n", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e",
		"\u0085", "\u2028", "\u2029", "\xc2", "\x85", "\xe2\x80", "\xa8", "\xa9", "\xe2"}
	passed := 0
	for range 50000 {
		var b strings.Builder
		for range 1 + r.IntN(10) {
			b.WriteString(atoms[r.IntN(len(atoms))])
		}
		text := []byte(b.String())
		if mayEndLine(text) {
			continue
		}
		passed++
		var ls lineScan
		if e := ls.end(text); e >= 0 {
			t.Fatalf("%q: passed over, but a line ends at %d", text, e)
		}
	}
	if passed == 0 {
		t.Fatal("no text passed over")
	}
	for _, br := range []string{"\n", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\u0085", "\u2028", "\u2029"} {
		if !mayEndLine([]byte(`{"a":1}` + br + `{"a":2}`)) {
			t.Errorf("%q: passed over", br)
		}
	}
	doc := synth.CustomersJSON(rand.New(rand.NewPCG(1, 1)), 16<<10, true)
	if mayEndLine(doc) || jsonLines(doc) {
		t.Error("a compact JSON document: not passed over")
	}
}

// TestLineScanBackToBack checks that values back to back (white space
// aside) and the records of a JSON text sequence (RS before each) end
// their lines where a json.Decoder splits them, and that the same bytes
// inside a string or a line of text end nothing.
func TestLineScanBackToBack(t *testing.T) {
	for body, want := range map[string][]string{
		`{"a":1}{"b":2}`:                     {`{"a":1}`, `{"b":2}`},
		`{"a":1} ["b"]  "c"`:                 {`{"a":1} `, `["b"]  "c"`},
		"\x1e{\"a\":1}\n\x1e{\"b\":2}\n":     {"\x1e{\"a\":1}\n", "\x1e{\"b\":2}\n"},
		"\x1e{\"a\":1}\x1e{\"b\":2}":         {"\x1e{\"a\":1}\x1e", "{\"b\":2}"},
		`{"a":"}{ 1"}`:                       {`{"a":"}{ 1"}`},
		"word {\"a\":1}{\"b\":2}\n{\"c\":3}": {"word {\"a\":1}{\"b\":2}\n", `{"c":3}`},
	} {
		var ls lineScan
		var got []string
		for rest := []byte(body); len(rest) > 0; {
			n := ls.end(rest)
			if n < 0 {
				n = len(rest)
			}
			got = append(got, string(rest[:n]))
			rest = rest[n:]
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: lines %q, want %q", body, got, want)
		}
	}
}
