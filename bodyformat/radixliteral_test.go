package bodyformat

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestRadixLiteralNumbers: a mobile written as a script's literal in base
// 2 or 8 (0b…, 0o…), or in base 16 or 2 with numeric separators
// (0x337_…, 0b…_…), is the number a page shows (attack54a F2, F7): the
// numbers reading decodes it as it decodes 0x…, and the literal goes out
// masked; a short literal, one glued to a name and a clean script are
// kept byte for byte.
func TestRadixLiteralNumbers(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(54, 12))
	m := synth.CNMobile(r)
	n, _ := strconv.ParseInt(m, 10, 64)
	hex, oct, bin := strconv.FormatInt(n, 16), strconv.FormatInt(n, 8), strconv.FormatInt(n, 2)
	for _, lit := range []string{
		"0b" + bin, "0B" + bin, "0o" + oct, "0O" + oct, "0x" + hex,
		"0x" + hex[:3] + "_" + hex[3:], "0b" + bin[:8] + "_" + bin[8:16] + "_" + bin[16:],
	} {
		for _, ct := range []string{"application/javascript", "text/html"} {
			in := "var tel = " + lit + ";\n"
			if ct == "text/html" {
				in = "<script>" + in + "</script>"
			}
			res := mustInspect(t, eng, []byte(in), ct, "", Redact)
			if strings.Contains(string(res.Body), lit[2:]) || !res.Changed {
				t.Errorf("%s: %q went out raw: %q", ct, in, res.Body)
			}
		}
	}
	for _, in := range []string{
		"var flags = 0b1011_0110;\n",
		"var mode = 0o755;\n",
		"var x = 0b" + bin + "n1;\n",
		"var x = 0b" + bin + "__1;\n",
		"if (a0b" + bin + ") {}\n",
	} {
		res := mustInspect(t, eng, []byte(in), "application/javascript", "", Redact)
		if string(res.Body) != in {
			t.Errorf("%q changed: %q", in, res.Body)
		}
	}
}
