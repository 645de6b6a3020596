//go:build detectsteps

package bodyformat

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestComplexityArrayJoins checks that reading the strings of arrays
// joined keeps an inspection linear in the body, for the shapes that make
// the most joins: arrays of one-character strings, text parts of
// messages, split mobiles, long strings (read by their ends only), nested
// arrays, arrays of one-digit numbers, mobiles split into numbers, and
// numbers deep in arrays of arrays (each read by at most three joins). The engine's steps for 8n bytes are at most 8.8 times those for
// n, plus a step a byte.
func TestComplexityArrayJoins(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	m := synth.CNMobile(r)
	shapes := map[string]func(n int) []byte{
		"tiny": func(n int) []byte { return arrayOf(n, func(k int) string { return fmt.Sprintf(`"%d"`, k%10) }) },
		"parts": func(n int) []byte {
			return arrayOf(n, func(k int) string { return `{"type":"text","text":"` + m[k%2*5:5+k%2*6] + `"}` })
		},
		"split": func(n int) []byte {
			return arrayOf(n, func(k int) string { return `"` + m[k%2*5:5+k%2*6] + `"` })
		},
		"long": func(n int) []byte {
			return arrayOf(n, func(k int) string { return `"` + strings.Repeat("1 ", 400) + `"` })
		},
		"nested": func(n int) []byte {
			return arrayOf(n, func(k int) string { return `["` + m[:5] + `","` + m[5:] + `"]` })
		},
		"digits": func(n int) []byte { return arrayOf(n, func(k int) string { return fmt.Sprint(k % 10) }) },
		"numbers": func(n int) []byte {
			return arrayOf(n, func(k int) string { return `[` + m[:5] + `,` + m[5:] + `]` })
		},
		// text one object deeper (jsonjoin_deeper.go): read by its own
		// join and one of the array out, no more
		"output": func(n int) []byte {
			return arrayOf(n, func(k int) string {
				return `{"content":[{"text":"` + m[k%2*5:5+k%2*6] + `"},{"text":{"value":"` + m[k%2*5:5+k%2*6] + `"}}]}`
			})
		},
		"value": func(n int) []byte {
			return arrayOf(n, func(k int) string { return `{"text":{"value":"` + m[k%2*5:5+k%2*6] + `","text":"1"}}` })
		},
		// pairs past maxDeeperJoins in every object (attack pass 33,
		// F2/F5): their strings spill, each counted by its ends only
		"spill": func(n int) []byte {
			return arrayOf(n, func(k int) string {
				var b strings.Builder
				b.WriteString(`{"text":{"value":"` + m[k%2*5:5+k%2*6] + `"`)
				for p := range 2 * maxDeeperJoins {
					fmt.Fprintf(&b, `,"x%d_text":"%s"`, p, strings.Repeat("ab ", 1+p*60))
				}
				b.WriteString(`}}`)
				return b.String()
			})
		},
		// each digit three joins deep in arrays of arrays: read by its
		// own array's join, its parent's and the outermost's, no more
		"deep": func(n int) []byte {
			return arrayOf(n, func(k int) string { return strings.Repeat("[", 8) + fmt.Sprint(k%10) + strings.Repeat("]", 8) })
		},
	}
	for name, gen := range shapes {
		steps := func(n int) int64 {
			b := gen(n)
			detect.ResetSteps()
			if _, err := Inspect(eng, b, ctJSON, "", Redact, Limits{}); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			return detect.Steps()
		}
		const n = 32 << 10
		small, large := steps(n), steps(8*n)
		if float64(large) > 8.8*float64(small)+8*n {
			t.Errorf("%s: %d steps at 32 KiB, %d at 256 KiB: ×%.1f", name, small, large, float64(large)/float64(max(small, 1)))
		}
		t.Logf("%s: %.2f steps a byte at 256 KiB", name, float64(large)/(8*n))
		if perByte := float64(large) / (8 * n); perByte > maxEngineStepsPerByte {
			t.Errorf("%s: %.1f steps a byte", name, perByte)
		}
	}
}

// arrayOf returns a JSON array of about n bytes whose k-th element is
// elem(k).
func arrayOf(n int, elem func(k int) string) []byte {
	b := []byte{'['}
	for k := 0; len(b) < n; k++ {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, elem(k)...)
	}
	return append(b, ']')
}

// TestComplexityEmbeddedArrayJoins: a document whose arrays hold an
// identifier across strings is walked twice; a JSON document inside one
// of its strings, holding such an array and the next document in turn,
// is walked no more for that (once a level, not twice a level: 16 levels
// in 4 KiB took 9 million steps). A quote k levels deep is spelled
// \u005c…u0022, k*5 bytes, so the body grows as the square of the levels
// and the steps must grow no faster.
func TestComplexityEmbeddedArrayJoins(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	quote := func(k int) string {
		if k == 0 {
			return `"`
		}
		return `\` + strings.Repeat("u005c", k-1) + "u0022"
	}
	nested := func(levels int) []byte {
		var b strings.Builder
		for k := range levels {
			q := quote(k)
			b.WriteString(`[` + q + m[:3] + q + `,` + q + m[3:] + q + `,` + q)
		}
		b.WriteString(`[]`)
		for k := levels - 1; k >= 0; k-- {
			b.WriteString(quote(k) + `]`)
		}
		return []byte(b.String())
	}
	steps := func(b []byte) int64 {
		detect.ResetSteps()
		res, err := Inspect(eng, b, ctJSON, "", Redact, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(res.Body, []byte(m[3:7])) {
			t.Errorf("a level shows %s: %s", m[3:7], res.Body)
		}
		return detect.Steps()
	}
	small, large := nested(8), nested(16)
	s, l := steps(small), steps(large)
	if ratio := float64(len(large)) / float64(len(small)); float64(l) > 1.5*ratio*float64(s) {
		t.Errorf("%d levels (%d bytes): %d steps; %d levels (%d bytes): %d steps, ×%.1f for ×%.1f the bytes",
			8, len(small), s, 16, len(large), l, float64(l)/float64(s), ratio)
	}
}
