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
// Its base64 run is read as base64Token joins pieces, in its own words:
// the pieces of a run, each with its letters and digits, joined across
// one or two white space characters ending in a line break after a run as
// long as a token (and any white space after that join), or between two
// pieces of mixed alphabets (which sets trigBase64); a run as long as a
// token of mixed alphabets, its pieces together, sets trigBase64.
func triggersEveryByte(text []byte) trigger {
	var t, prev trigger
	hexRun := 0
	type piece struct{ n, upper, lower, digit int }
	var pieces []piece // the run's pieces, the last one being read
	gap := 0           // white space after the last piece
	probe := false     // the last piece joins only if of mixed alphabets
	joined := false    // a piece joined the first across a line break
	nl := false        // the last white space is a line break
	lookalike, numberMark := false, false
	mixed := func(p piece) bool {
		return p.upper > 0 && p.lower > 0 || (p.upper > 0 || p.lower > 0) && p.digit > 0
	}
	for i, c := range text {
		k := triggerOf[c]
		t |= k
		if c == 0xC2 && i+1 < len(text) && text[i+1] >= 0x80 && text[i+1] < 0xA0 {
			t |= trigControl // a C1 control in UTF-8
		}
		if k&lookalikeByte != 0 && prev&trigDigit != 0 {
			lookalike = true
		}
		if strings.IndexByte(".eExXoObB", c) >= 0 && prev&trigDigit != 0 {
			numberMark = true // a digit, then a fraction's, an exponent's or a radix literal's mark (x, o, b)
		}
		prev = k
		n := 0
		for _, q := range pieces {
			n += q.n
		}
		switch {
		case base64Bytes[c] || c == '=':
			switch {
			case gap > 0 && !probe && (joined || nl):
				pieces, joined = append(pieces, piece{}), true // a wrapped token's next line
			case gap > 0 || len(pieces) == 0:
				pieces = []piece{{}}
			}
			gap = 0
			p := &pieces[len(pieces)-1]
			p.n++
			switch {
			case c >= 'A' && c <= 'Z':
				p.upper++
			case c >= 'a' && c <= 'z':
				p.lower++
			case c >= '0' && c <= '9':
				p.digit++
			}
			if probe && mixed(*p) {
				t |= trigBase64
			}
			n, all := 0, piece{}
			for _, q := range pieces {
				n, all = n+q.n, piece{0, all.upper + q.upper, all.lower + q.lower, all.digit + q.digit}
			}
			if n >= minBase64Token && mixed(all) {
				t |= trigBase64
			}
		case (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '*') && (len(pieces) > 0 || probe) && gap < 2:
			switch {
			case gap > 0: // (a second white space character)
				gap, nl = gap+1, c == '\n'
			case n >= minBase64Token:
				probe, gap, nl = false, 1, c == '\n'
			case len(pieces) == 1 && !probe && pieces[0].n >= 4 && mixed(pieces[0]):
				// what the next piece joins to holds no digit: the next
				// piece counts on its own, and only its letters
				pieces, probe, gap = nil, true, 1
			default:
				pieces, gap, probe, joined, nl = nil, 0, false, false, false
			}
		default:
			pieces, gap, probe, joined, nl = nil, 0, false, false, false
		}
		if k&hexByte != 0 {
			if hexRun++; hexRun == minHexText {
				t |= trigHexRun
			}
		} else if k&hexSep == 0 {
			hexRun = 0
		}
	}
	t &^= trigLookalike | trigNumberMark
	if lookalike {
		t |= trigLookalike
	}
	if numberMark {
		t |= trigNumberMark
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
