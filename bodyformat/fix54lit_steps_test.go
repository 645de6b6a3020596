//go:build detectsteps

package bodyformat

import (
	"strings"
	"testing"
)

// TestComplexityFix54LitReadings checks that the readings fix54lit
// widened stay linear: the numbers reading on literals in base 16, 8 and 2
// with numeric separators (read, too long, glued to a name, a mark with
// no digit), and the escapes reading on Python's named escapes (decoded,
// unknown, unclosed), Java's many-u escapes and Perl's braced \x, and
// the concat reading on SQL's || joints.
func TestComplexityFix54LitReadings(t *testing.T) {
	readingLinear(t, decodeNumbers, map[string]string{
		"binary":          "0b1100110111101000111011001000110 ",
		"separators":      "0x337_A53EE0 0b1010_1010_1 ",
		"too long":        "0b" + strings.Repeat("1_", 60) + "1 ",
		"glued":           "0b0b0b0o0x0b1n ",
		"marks only":      "0b 0o 0x 1b 2o ",
		"octal and names": "0o146_7 a0o1467 ",
	})
	readingLinear(t, func(b []byte) ([]byte, []int32, bool) { return decodeEscapes(b, nil, nil) }, map[string]string{
		"named":       `\N{DIGIT ONE}\N{fullwidth digit nine}`,
		"unknown":     `\N{BLACK STAR}\N{DIGIT TEN}`,
		"unclosed":    `\N{DIGIT ONE ` + strings.Repeat("X", 30),
		"many u":      `\uuuuuuuuuuuuuuuuuuuuuuuu0031\uuuu0031`,
		"perl braces": `\x{31}\x{}\x{110000}\x{31`,
	})
	readingLinear(t, decodeConcat, map[string]string{
		"sql pipes":    `'1' || '2' ||`,
		"pipes apart":  `'1' ||| '2' | '3' ||`,
		"pipes, plus":  `'1' || + '2' /* || */ `,
		"unclosed sql": `'1' ||`,
	})
}
