package bodyformat

import (
	"bytes"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// symbolSpellings spell an ASCII number in digits the engine reads
// (engineDigit) but isDigitRune does not: circled, superscript, tag
// (U+E0030–E0039) and Roman (no zero: a number spelled so has none).
var symbolSpellings = map[string][10]rune{
	"circled":     {'⓪', '①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨'},
	"superscript": {'⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'},
	"tag":         {0xE0030, 0xE0031, 0xE0032, 0xE0033, 0xE0034, 0xE0035, 0xE0036, 0xE0037, 0xE0038, 0xE0039},
	"roman":       {0, 0x2160, 0x2161, 0x2162, 0x2163, 0x2164, 0x2165, 0x2166, 0x2167, 0x2168},
}

// spellIn writes the ASCII digits of v in the runes of digits.
func spellIn(v string, digits [10]rune) []rune {
	rs := make([]rune, len(v))
	for i := range v {
		rs[i] = digits[v[i]-'0']
	}
	return rs
}

// sendDeltas streams pieces as OpenAI-style server-sent events, one
// delta.content a piece, each released by a pause (ReleaseHeld) before
// the next comes when paused, and returns the content the client shows.
func sendDeltas(t *testing.T, pieces []string, paused bool) string {
	t.Helper()
	var out bytes.Buffer
	s := NewStream(testEngine(t), &out, StreamEvents, StreamOptions{Mode: Redact})
	for _, p := range pieces {
		ev := `data: {"choices":[{"delta":{"content":` + jsonString(p) + "}}]}\n\n"
		if _, err := s.Write([]byte(ev)); err != nil {
			t.Fatal(err)
		}
		if paused {
			if err := s.ReleaseHeld(); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	var shown strings.Builder
	for line := range strings.SplitSeq(out.String(), "\n") {
		if k := strings.Index(line, `"content":"`); k >= 0 {
			v, _, _ := strings.Cut(line[k+len(`"content":"`):], `"`)
			shown.WriteString(v)
		}
	}
	return shown.String()
}

// asciiPieces respells the pieces' digits of digits in ASCII.
func asciiPieces(pieces []string, digits [10]rune) []string {
	out := make([]string, len(pieces))
	for k, p := range pieces {
		out[k] = strings.Map(func(r rune) rune {
			for d, s := range digits {
				if r == s {
					return '0' + rune(d)
				}
			}
			return r
		}, p)
	}
	return out
}

// engineDigitsShown returns the digits the engine reads in s, as ASCII.
func engineDigitsShown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if d, ok := detect.DigitRune(r); ok {
			b.WriteByte(d)
		}
	}
	return b.String()
}

// TestStreamSymbolDigitsPausedMasked: a mobile spelled in circled
// (①③⑧…), superscript (¹³⁸…), tag or Roman (ⅠⅢⅧ…) digits, streamed a few characters an
// event with a pause after each, shows no more of itself than the same
// mobile in ASCII digits (at most four digits when paused, the partial
// mask's seven when not): the release of an open
// tail counts and masks every digit the engine reads, not only those of
// isDigitRune, which left the whole tail of such a number to go out.
// Streamed without pauses, the joined text masks it as it masks ASCII.
func TestStreamSymbolDigitsPausedMasked(t *testing.T) {
	r := rng(t.Name())
	for range 3 {
		for name, digits := range symbolSpellings {
			mobile := synth.CNMobile(r)
			if digits[0] == 0 {
				mobile = strings.ReplaceAll(mobile, "0", "5") // still 1[3-9]x + 8 digits
			}
			spelled := spellIn(mobile, digits)
			for n := 1; n <= 4; n++ {
				var pieces []string
				pieces = append(pieces, "手机 ")
				for i := 0; i < len(spelled); i += n {
					pieces = append(pieces, string(spelled[i:min(i+n, len(spelled))]))
				}
				pieces = append(pieces, " 好")
				for _, paused := range []bool{false, true} {
					shown := sendDeltas(t, pieces, paused)
					seen := engineDigitsShown(shown)
					// the same mobile in ASCII, sent the same way
					ascii := engineDigitsShown(sendDeltas(t, asciiPieces(pieces, digits), paused))
					if strings.Contains(shown, string(spelled)) || len(seen) > len(ascii) || len(ascii) > 7 || paused && len(seen) > 4 {
						t.Errorf("%s, %d a event, paused %v: client shows %q (digits %s of %s; in ASCII %s)", name, n, paused, shown, seen, mobile, ascii)
					}
					if !strings.HasPrefix(shown, "手机 ") || !strings.HasSuffix(shown, " 好") {
						t.Errorf("%s, %d a event, paused %v: words around the number changed: %q", name, n, paused, shown)
					}
				}
			}
		}
	}
}
