package bodyformat

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// screenOf returns what a terminal shows of text: the reading that draws
// escape sequences as nothing and moves the cursor for carriage returns,
// backspaces and cursor moves, or text itself when it holds none.
func screenOf(text []byte) string {
	if dec, _, ok := decodeTerminal(text); ok {
		return string(dec)
	}
	return string(text)
}

// TestTerminalOverwritesRead: a number a terminal shows only after a
// carriage return, backspaces or cursor moves (ESC[nD, ESC[nC, ESC[nG)
// wrote part of it over other characters is found in plain text and in a
// JSON log line; the redacted body shows no identifier on the screen
// either, and a second redaction changes nothing.
func TestTerminalOverwritesRead(t *testing.T) {
	r := rng(t.Name())
	for range 10 {
		m, id := synth.CNMobile(r), synth.CNID18(r)
		for _, c := range []struct {
			text   string
			cat    detect.Category
			secret string
		}{
			{"xx00000" + m[7:] + "\r" + m[:7], detect.CNMobile, m},                // a carriage return
			{"tel " + m[:7] + "ab\b\b" + m[7:] + " ok", detect.CNMobile, m},       // backspaces
			{m[:3] + "9\b" + m[3:], detect.CNMobile, m},                           // one digit taken back
			{"tel " + m[:7] + "99\x1b[2D" + m[7:], detect.CNMobile, m},            // cursor left
			{"\x1b[7C" + m[7:] + "\r" + m[:7], detect.CNMobile, m},                // cursor right
			{"\x1b[8G" + m[7:] + "\x1b[1G" + m[:7] + "\n", detect.CNMobile, m},    // cursor to a column
			{"id: \x1b[9C" + id[9:] + "\x1b[18D" + id[:9], detect.CNID, id},       // left over the line
			{"1" + m[1:5] + "xxxxxx\r\x1b[5C" + m[5:] + "\n", detect.CNMobile, m}, // cursor right over what was drawn
			{"abcd" + m[4:] + "\x1b[7D\x1b[4D" + m[:4], detect.CNMobile, m},
			{"xx00000" + m[7:] + "999\x1b[3D\x1b[K\r" + m[:7], detect.CNMobile, m}, // erased to the line's end // two moves
		} {
			if strings.Contains(c.text, c.secret) {
				t.Fatalf("fixture %q holds the identifier whole", c.text)
			}
			if !strings.Contains(screenOf([]byte(c.text)), c.secret) {
				t.Errorf("fixture %q: the screen %q shows no identifier", c.text, screenOf([]byte(c.text)))
			}
			res := mustInspect(t, testEngine(t), []byte(c.text), "text/plain", "", Redact)
			if !hasCategory(res.Findings, c.cat) || strings.Contains(screenOf(res.Body), c.secret) {
				t.Errorf("%q: %+v -> %q (screen %q)", c.text, res.Findings, res.Body, screenOf(res.Body))
				continue
			}
			assertStable(t, testEngine(t), res, "text/plain")
			body := `{"log":` + jsonString(c.text) + `}`
			res = mustInspect(t, testEngine(t), []byte(body), ctJSON, "", Redact)
			var v struct{ Log string }
			if err := json.Unmarshal(res.Body, &v); err != nil || !hasCategory(res.Findings, c.cat) || strings.Contains(screenOf([]byte(v.Log)), c.secret) {
				t.Errorf("%s: %+v -> %s (%v)", body, res.Findings, res.Body, err)
			}
			scan := mustInspect(t, testEngine(t), []byte(c.text), "text/plain", "", Scan)
			if !hasCategory(scan.Findings, c.cat) || scan.Changed {
				t.Errorf("scan %q: %+v", c.text, scan.Findings)
			}
		}
	}
}
