package bodyformat

import (
	"bytes"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestTerminalEscapesRead: escape sequences a terminal draws nothing for
// (colours, cursor moves, a window title, a hyperlink) between the digits
// of a number are read through, in plain text, a JSON value and a JSON log
// line read as text; ordinary coloured output is left alone.
func TestTerminalEscapesRead(t *testing.T) {
	r := rng(t.Name())
	m, id := synth.CNMobile(r), synth.CNID18(r)
	for _, c := range []struct{ ct, body, raw string }{
		{"text/plain", "tel " + m[:3] + "\x1b[0m" + m[3:], m[3:]},
		{"text/plain", "\x1b[31m" + m[:3] + "\x1b[0m\x1b[1;32m" + m[3:7] + "\x1b[0m" + m[7:] + "\n", m[3:7]},
		{"text/plain", "id " + id[:6] + "\x1b]0;title\x07" + id[6:14] + "\x1b]8;;http://x\x1b\\" + id[14:], id[6:14]},
		{"text/plain", "tel " + m[:5] + "\x1b7\x1b8\x1b(B" + m[5:], m[5:]},
		{"application/json", `{"log":"tel ` + m[:3] + `\u001b[0m` + m[3:] + `"}`, m[3:]},
		{"text/event-stream", `data: {"msg":"tel ` + m[:3] + `\u001b[0m` + m[3:] + "\"\n\n", m[3:]},
	} {
		res := mustInspect(t, testEngine(t), []byte(c.body), c.ct, "", Redact)
		if !hasCategory(res.Findings, detect.CNMobile) && !hasCategory(res.Findings, detect.CNID) || strings.Contains(string(res.Body), c.raw) {
			t.Errorf("%s %q: %+v -> %q", c.ct, c.body, res.Findings, res.Body)
		}
	}
	for _, body := range []string{
		"\x1b[31mERROR\x1b[0m build 2024-12-05 took 138\x1b[0ms",
		"\x1b[1;32m  PASS\x1b[0m 1234 tests\n\x1b]0;done\x07",
		"\x1b[", "x\x1b]unterminated 13812",
	} {
		if res := mustInspect(t, testEngine(t), []byte(body), "text/plain", "", Redact); len(res.Findings) != 0 {
			t.Errorf("%q: %+v", body, res.Findings)
		}
	}
}

// TestDecodeTerminalOffsets: the reading maps every byte to where it
// stands in the text; an ESC that starts no sequence is dropped.
func TestDecodeTerminalOffsets(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"a\x1b[0mb", "ab"},
		{"a\x1b[0\x1bM", "a[0"},
		{"a\x1b]x\x1b\\b\x1b]y\x07c", "abc"},
		{"\x1b]\x1b]\x1b]\x07", "]]"},
		{"138\x1b\x1b[0m0", "1380"},
		{"a\x1bMb\x1b", "ab"},
	} {
		dec, offs, ok := decodeTerminal([]byte(c.in))
		if !ok || string(dec) != c.want || len(offs) != len(dec)+1 {
			t.Errorf("%q: %q %v %v, want %q", c.in, dec, offs, ok, c.want)
			continue
		}
		for k, o := range offs[:len(dec)] {
			if c.in[o] != dec[k] {
				t.Errorf("%q: byte %d from %d", c.in, k, o)
			}
		}
	}
}

// FuzzDecodeTerminal checks the reading's invariants on any input: no
// ESC is left; each byte of the reading is the byte of the text it maps
// to, or a blank a control sequence drew (mapped to its ESC); the reading
// is at most twice the text (the blanks are bounded by its length); and
// where the text holds no carriage return, backspace or cursor move that
// draws over what was drawn, offsets rise, as they did when the reading
// only dropped the escapes.
func FuzzDecodeTerminal(f *testing.F) {
	for _, s := range []string{"", "a\x1b[0mb", "\x1b]0;t\x07", "\x1b]x\x1b\\", "\x1b(B\x1b7", "\x1b\x1b[", "\x1b",
		"xx00005678\r1381234", "1\b2", "ab\x1b[2D1", "\x1b[5C1\r2", "\x1b[9G1\x1b[1G2", "abc\x1b[2D\x1b[K", "abc\x1b[1K", "ab\x1b[2Kc"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		// the flat text of a binary framing: escapes dropped, offsets rise
		if dec, offs, ok := decodeTerminalEscapes(text); ok {
			for k := range dec {
				if k > 0 && offs[k] <= offs[k-1] || text[offs[k]] != dec[k] {
					t.Fatalf("flat %q: byte %d maps to %d: %v", text, k, offs[k], offs)
				}
			}
		} else if hasControlSequence(text) {
			t.Fatalf("flat %q: a control sequence and no reading", text)
		}
		dec, offs, ok := decodeTerminal(text)
		if !ok {
			if hasControlSequence(text) || hasOverwrite(text) {
				t.Fatalf("%q: a control sequence and no reading", text)
			}
			return
		}
		if len(offs) != len(dec)+1 || offs[len(dec)] != int32(len(text)) || bytes.IndexByte(dec, esc) >= 0 || len(dec) > 2*len(text) {
			t.Fatalf("%q: %q %v", text, dec, offs)
		}
		moves := bytes.IndexAny(text, "\r\b") >= 0 || movesCursor(text)
		for k := range dec {
			if k > 0 && offs[k] <= offs[k-1] && !moves {
				t.Fatalf("%q: byte %d maps to %d: %v", text, k, offs[k], offs)
			}
			if o := offs[k]; text[o] != dec[k] && (dec[k] != ' ' || text[o] != esc) {
				t.Fatalf("%q: byte %d maps to %d: %v", text, k, offs[k], offs)
			}
		}
	})
}

// movesCursor reports whether text holds a CSI that moves the cursor
// along the line or erases it (D, C, G, K).
func movesCursor(text []byte) bool {
	for i := 0; i < len(text); i++ {
		if text[i] != esc {
			continue
		}
		if n := escapeLen(text[i:]); n > 2 && text[i+1] == '[' && bytes.IndexByte([]byte("DCGK"), text[i+n-1]) >= 0 {
			return true
		}
	}
	return false
}

// TestTerminalOverwriteKeepsLineEnd (attack pass 46, F10, within the
// text): an ID that ends a line a carriage return, a backspace or a
// cursor move overwrote the start of is masked alone, and what follows
// it on the line and after (the CR, the clean text drawn over the start)
// is kept byte for byte.
func TestTerminalOverwriteKeepsLineEnd(t *testing.T) {
	eng := testEngine(t)
	id := synth.CNID18(rng(t.Name()))
	masked := id[:4] + strings.Repeat("*", 10) + id[14:]
	for _, c := range [][2]string{
		{"note ", "\rok\nnext"},
		{"note ", "\x1b[0m\rok"},
		{"note ", "\x1b[3Dok\n"},
		{"a,", "\rb\r\nc,d\r\n"},
	} {
		body := c[0] + id + c[1]
		res := mustInspect(t, eng, []byte(body), "text/plain", "", Redact)
		if want := c[0] + masked + c[1]; string(res.Body) != want {
			t.Errorf("%q -> %q, want %q", body, res.Body, want)
		}
	}
}
