package bodyformat

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// triggersEveryByte is triggers as it was before its runs were counted by
// automata (triggerruns.go), and before it stopped counting them once
// both were found: every run counted with branches to the end of text.
func triggersEveryByte(text []byte) trigger {
	var t, prev trigger
	run, hexRun := 0, 0
	gap, digit := 0, false
	prevByte := byte(0)
	for _, c := range text {
		k := triggerOf[c]
		t |= k
		if k&lookalikeByte != 0 && prev&trigDigit != 0 {
			t |= trigLookalike
		}
		prev = k
		switch {
		case k&base64Run != 0:
			gap = 0
			digit = digit || k&trigDigit != 0 || c >= 'A' && c <= 'Z' && prevByte >= 'a' && prevByte <= 'z'
			if run++; run == minBase64Token {
				t |= trigBase64
			}
		case (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '*') && run > 0 && digit && gap < 2:
			gap++
		default:
			run, gap, digit = 0, 0, false
		}
		prevByte = c
		if k&hexByte != 0 {
			if hexRun++; hexRun == minHexText {
				t |= trigHexRun
			}
		} else if k&hexSep == 0 {
			hexRun = 0
		}
	}
	if t&trigDigit == 0 {
		t |= trigNoDigit
	}
	return t &^ byteMarks
}

// TestTriggersStopCountingRuns checks triggers gives what counting every
// run to the end gives, on random texts of the bytes triggers tells
// apart (a lookalike right after where both runs are found among them)
// and on every synth shape.
func TestTriggersStopCountingRuns(t *testing.T) {
	r := rng(t.Name())
	atoms := []string{"MTM4MTIzNDU2Nzg=", "31333831323334", "1", "l", "O", "o", "I", " ", "\n", "\\", "&", "%", "<", "\u202e",
		"手", "é", "\x1b", "*", "\"", "e", ".", "x", "-", "=", "deadbeef", "ab", "Zz", "\xff"}
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(16) {
			b.WriteString(atoms[r.IntN(len(atoms))])
		}
		text := []byte(b.String())
		if got, want := triggers(text), triggersEveryByte(text); got != want {
			t.Fatalf("%q: %b, want %b", text, got, want)
		}
	}
	for _, s := range synth.Shapes {
		text := s.Gen(rand.New(rand.NewPCG(1, 2)), 64<<10)
		if got, want := triggers(text), triggersEveryByte(text); got != want {
			t.Fatalf("%s: %b, want %b", s.Name, got, want)
		}
	}
}

// TestTriggersWideBytesUnmarked checks what triggers' run of bytes
// outside ASCII counts on: no such byte has a byte mark (a base64 or hex
// byte, a gap, a separator, a look-alike), so each ends both runs.
func TestTriggersWideBytesUnmarked(t *testing.T) {
	for c := utf8.RuneSelf; c < 256; c++ {
		if m := triggerOf[c] & byteMarks; m != 0 {
			t.Fatalf("%#x: byte marks %b", c, m)
		}
	}
}
