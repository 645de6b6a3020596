package bodyformat

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// craftedBodies are bodies of n bytes whose every few bytes open a
// reading of the format layer (attack pass 37), each beside an ordinary
// body of its type: elements between digits in HTML, reference links in
// Markdown, char code calls that do not parse in a script.
func craftedBodies(n int) []struct {
	name, ct string
	body     []byte
} {
	prose := synth.Clean(rand.New(rand.NewPCG(5, 5)), n)
	var html, md bytes.Buffer
	for line := range bytes.Lines(prose) {
		fmt.Fprintf(&html, "<p class=x>%s</p>\n", bytes.TrimSpace(line))
		fmt.Fprintf(&md, "- %s [more](/x)\n", bytes.TrimSpace(line))
	}
	return []struct {
		name, ct string
		body     []byte
	}{
		{"html", "text/html", synth.Fit(html.Bytes(), n)},
		{"html-decoy-spans", "text/html", []byte(repeatTo(n, "1<span class=x>1</span>"))},
		{"markdown", "text/markdown", synth.Fit(md.Bytes(), n)},
		{"markdown-ref-links", "text/markdown", []byte(repeatTo(n, "[1][a]"))},
		{"markdown-delimiter-soup", "text/markdown", delimiterSoup(n)},
		{"js-charcode-calls", "application/javascript", []byte(repeatTo(n, "String.fromCharCode(49,"))},
		{"js-byte-calls", "application/javascript", []byte(repeatTo(n, "Uint8Array.of(1,"))},
	}
}

// delimiterSoup is n bytes of Markdown delimiters (*, _, ~, **, __,
// backticks, brackets and parentheses) in no order, between words and runs
// of one to four digits: every few bytes open or close an emphasis, a code
// span or a link that the Markdown reading has to pair.
func delimiterSoup(n int) []byte {
	r := rand.New(rand.NewPCG(44, 44))
	tokens := []string{"*", "_", "~", "**", "__", "~~", "`", "``", "[", "]", "(", ")", "](", " ", " ", "word", "text", "\n"}
	out := make([]byte, 0, n+8)
	for len(out) < n {
		if r.IntN(3) == 0 {
			out = fmt.Appendf(out, "%d", r.IntN(10000)>>(4*r.IntN(4)))
			continue
		}
		out = append(out, tokens[r.IntN(len(tokens))]...)
	}
	return out[:n]
}

// BenchmarkInspectCrafted inspects the crafted bodies and the ordinary
// ones beside them at 16 KiB, 256 KiB and 1 MiB: the crafted ones should
// cost a small multiple of the ordinary ones a byte.
//
//	go test -bench InspectCrafted -benchmem -run '^$' ./bodyformat/
func BenchmarkInspectCrafted(b *testing.B) {
	for _, size := range []int{16 << 10, 256 << 10, 1 << 20} {
		for _, c := range craftedBodies(size) {
			b.Run(fmt.Sprintf("%s/%dK", c.name, size>>10), func(b *testing.B) { benchInspect(b, c.body, c.ct, "") })
		}
	}
}
