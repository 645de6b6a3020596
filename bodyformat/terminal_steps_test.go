//go:build detectsteps

package bodyformat

import (
	"strings"
	"testing"
)

// maxTerminalStepsPerByte bounds the terminal reading's steps per byte of
// text: a step a byte read, at most one for each blank drawn (no more
// than the text's length) and one for each cell written out.
const maxTerminalStepsPerByte = 4

// TestComplexityTerminalScreen checks that drawing a line cell by cell
// stays linear in the text, for the shapes that make the most work: long
// lines overwritten again and again by carriage returns, backspaces and
// moves back; moves far past the line's end (blanks); erasures of the
// start of a long line; and a long line with one escape. Steps per byte
// are bounded, and the same at 64 KiB as at 8 KiB.
func TestComplexityTerminalScreen(t *testing.T) {
	long := strings.Repeat("1", 4096)
	shapes := map[string]string{
		"returns":    long + "\r" + strings.Repeat("2\r", 1<<10),
		"backspaces": long + strings.Repeat("3\b\b", 1<<10),
		"back":       long + strings.Repeat("4\x1b[999D", 1<<10),
		"forward":    strings.Repeat("5\x1b[999999C", 1<<10),
		"column":     strings.Repeat("6\x1b[999999G\x1b[1G", 1<<10),
		"erase":      long + strings.Repeat("7\x1b[1K", 1<<10),
		"cleared":    long + strings.Repeat("\x1b[2K8", 1<<10),
		"plain":      long + "\x1b[0m" + long,
	}
	for name, unit := range shapes {
		perByte := func(n int) float64 {
			text := []byte(strings.Repeat(unit+"\n", n))
			resetTerminalSteps()
			if _, _, ok := decodeTerminal(text); !ok {
				t.Fatalf("%s: not read", name)
			}
			return float64(terminalSteps.Load()) / float64(len(text))
		}
		small, large := perByte(1), perByte(8)
		if large > maxTerminalStepsPerByte || large > 1.1*small {
			t.Errorf("%s: %.2f steps a byte at 1 unit, %.2f at 8", name, small, large)
		}
		t.Logf("%s: %.2f steps a byte", name, large)
	}
}
