package bodyformat

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// legacyAlignPads are lines of text in a fallback charset with no ASCII
// character: what goes out of a long line ahead of a value, whose trail
// bytes a reading that starts inside one of its characters takes for lead
// bytes (in GB18030 four-byte characters too, mixed with two-byte ones:
// the second and fourth bytes of a four-byte character are ASCII digits,
// which the stream's UTF-8 reading reads as a run of digits and masks,
// asciiDigits, so that text does not go out byte for byte), or raw bytes
// a browser reads as bad characters of two bytes each (a lead byte and a
// byte past ASCII that is no trail of it).
var legacyAlignPads = []legacyAlignPad{
	{"gbk", simplifiedchinese.GBK, "啊", false, nil},
	{"gb18030", simplifiedchinese.GB18030, "\U00020000啊", true, nil},
	{"big5", traditionalchinese.Big5, "中", false, nil},
	{"shift_jis", japanese.ShiftJIS, "漢", false, nil},
	{"big5 bad pairs", traditionalchinese.Big5, "", false, []byte{0xf0, 0x9f}},
	{"shift_jis bad pairs", japanese.ShiftJIS, "", false, []byte{0x81, 0xfd}},
}

// legacyAlignPad is a row of legacyAlignPads: text in enc (pad) or raw
// bytes (raw).
type legacyAlignPad struct {
	label       string
	enc         encoding.Encoding
	pad         string
	asciiDigits bool
	raw         []byte
}

// unit returns the bytes of the pad.
func (p legacyAlignPad) unit() ([]byte, error) {
	if p.raw != nil {
		return p.raw, nil
	}
	return p.enc.NewEncoder().Bytes([]byte(p.pad))
}

// TestStreamUnlabelledLongLineAligned: a line of double-byte text longer
// than the guard holds (past 4 KiB, and past the 64 KiB the stream cuts
// an over-long line at), with a mobile in full-width digits glued to it
// (no space, no ASCII byte before it), written in chunks of 1, 7, 4096
// and 65537 bytes, after no, one or three single bytes (so the cuts fall
// on either byte of a character): the mobile does not show in that
// charset. The guard starts each charset's reading of the context it
// kept at a character of that charset, so its reading is the browser's.
func TestStreamUnlabelledLongLineAligned(t *testing.T) {
	mob := synth.CNMobile(rng(t.Name()))
	sizes := []int{5 << 10, 70 << 10}
	chunks := []int{1, 7, 4096, 65537}
	if testing.Short() {
		chunks = []int{7, 4096, 65537}
	}
	for _, e := range legacyAlignPads {
		enc := e.enc.NewEncoder()
		unit, err := e.unit()
		if err != nil || len(unit) < 2 {
			t.Fatalf("%s: pad %x %v", e.label, unit, err)
		}
		digits, err := enc.Bytes([]byte(fullWidth(mob)))
		if err != nil {
			t.Fatal(err)
		}
		for _, size := range sizes {
			for _, lead := range []string{"", "a", "abc"} {
				for _, end := range []string{"\n", ""} {
					body := append([]byte(lead), bytes.Repeat(unit, size/len(unit))...)
					body = append(append(body, digits...), end...)
					for _, chunk := range chunks {
						if raceEnabled && chunk < 4096 && size > 5<<10 {
							continue // short writes: the short line's runs
						}
						name := fmt.Sprintf("%s size %d lead %q end %q chunk %d", e.label, size, lead, end, chunk)
						out, err := streamChunked(t, StreamLines, body, chunk)
						if err != nil {
							t.Errorf("%s: %v", name, err)
							continue
						}
						if shown, _ := e.enc.NewDecoder().Bytes(out); strings.Contains(asciiDigits(string(shown)), mob) {
							t.Errorf("%s: the mobile shows", name)
						}
						// the mask stars the mobile's bytes in place (two stars
						// a digit): the rest goes out byte for byte, and the
						// line keeps its length
						at := len(body) - len(digits) - len(end)
						if e.asciiDigits {
							continue
						}
						stars := bytes.Repeat([]byte("*"), len(digits))
						if len(out) != len(body) || !bytes.Equal(out[:at], body[:at]) || !bytes.Equal(out[at:at+len(digits)], stars) || string(out[len(out)-len(end):]) != end {
							t.Errorf("%s: bytes besides the mobile's changed (%d bytes out of %d)", name, len(out), len(body))
						}
					}
				}
			}
		}
	}
}

// TestStreamUnlabelledPauseAligned: a line of double-byte text longer
// than the stream holds (its start goes out in pieces), paused
// (ReleaseHeld: the guard writes all it holds, which may end inside a
// character) after any number of its bytes: the mobile in full-width
// digits glued to it after the pause does not show in that charset, and
// nothing else of the line changes.
func TestStreamUnlabelledPauseAligned(t *testing.T) {
	mob := synth.CNMobile(rng(t.Name()))
	for _, e := range legacyAlignPads {
		enc := e.enc.NewEncoder()
		unit, err := e.unit()
		if err != nil {
			t.Fatal(err)
		}
		digits, err := enc.Bytes([]byte(fullWidth(mob)))
		if err != nil {
			t.Fatal(err)
		}
		pad := bytes.Repeat(unit, (70<<10)/len(unit))
		for _, lead := range []string{"", "a"} {
			line := append([]byte(lead), pad...)
			for _, at := range []int{len(line) - 301, len(line) - 300, len(line) - 1, len(line)} {
				name := fmt.Sprintf("%s lead %q pause at %d of %d", e.label, lead, at, len(line))
				var out bytes.Buffer
				s := NewStream(testEngine(t), &out, StreamLines, StreamOptions{Mode: Redact, Unlabelled: true})
				_, err := s.Write(line[:at])
				if err == nil {
					err = s.ReleaseHeld()
				}
				if err == nil {
					_, err = s.Write(append(append(line[at:len(line):len(line)], digits...), '\n'))
				}
				if err == nil {
					err = s.Close()
				}
				if err != nil {
					t.Errorf("%s: %v", name, err)
					continue
				}
				if shown, _ := e.enc.NewDecoder().Bytes(out.Bytes()); strings.Contains(asciiDigits(string(shown)), mob) {
					t.Errorf("%s: the mobile shows", name)
				}
				if !e.asciiDigits && !bytes.Equal(out.Bytes(), append(append(line, bytes.Repeat([]byte("*"), len(digits))...), '\n')) {
					t.Errorf("%s: %q went out", name, out.Bytes()[max(0, out.Len()-40):])
				}
			}
		}
	}
}

// TestStreamUnlabelledMaskInPlace: a mask a fallback reading writes stars
// the bytes of the characters of the value only (a double-byte full-width
// digit: two stars); bytes the charset cannot read (a stray 0xFF or 0x80,
// a lead byte before a line end), which a reading shows as U+FFFD, and
// the rest of the line go out as they came, where writing the reading
// back in the charset made them '?' or dropped them.
func TestStreamUnlabelledMaskInPlace(t *testing.T) {
	mob := synth.CNMobile(rng(t.Name()))
	for _, e := range legacyEncodings {
		enc := e.enc.NewEncoder()
		word, err := enc.Bytes([]byte("電話"))
		if err != nil {
			t.Fatal(err)
		}
		digits, err := enc.Bytes([]byte(fullWidth(mob)))
		if err != nil {
			t.Fatal(err)
		}
		for _, stray := range []string{"\xff", "\x80", "\xff\x80\xff"} {
			var body, want []byte
			body = append(append(append([]byte(stray), word...), stray...), ' ')
			want = append(want, body...)
			body = append(append(body, digits...), " \x81\n"...)
			want = append(append(want, bytes.Repeat([]byte("*"), len(digits))...), " \x81\n"...)
			for chunk := 1; chunk <= 7; chunk++ {
				out, err := streamChunked(t, StreamLines, body, chunk)
				if err != nil {
					t.Errorf("%s stray %q chunk %d: %v", e.label, stray, chunk, err)
					continue
				}
				if !bytes.Equal(out, want) {
					t.Errorf("%s stray %q chunk %d: %q went out, want %q", e.label, stray, chunk, out, want)
				}
			}
		}
	}
}
