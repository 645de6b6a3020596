package bodyformat

import (
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// wordLines writes s as od and hexdump write little-endian words of size
// bytes (2: od -x, hexdump; 4: od -t x4, xxd -e), perLine bytes a line,
// each line after its offset (written with offset, a format of one
// number) and the words set apart by sep; the last word padded with
// zero bytes, and a last line with the length, as od and hexdump end.
func wordLines(s string, size, perLine int, offset, sep string) string {
	var b strings.Builder
	for off := 0; off < len(s); off += perLine {
		line := s[off:min(off+perLine, len(s))]
		fmt.Fprintf(&b, offset, off)
		var words []string
		for k := 0; k < len(line); k += size {
			w := []byte(line[k:min(k+size, len(line))])
			for len(w) < size {
				w = append(w, 0)
			}
			var x strings.Builder
			for i := len(w) - 1; i >= 0; i-- {
				fmt.Fprintf(&x, "%02x", w[i])
			}
			words = append(words, x.String())
		}
		b.WriteString(strings.Join(words, sep) + "\n")
	}
	if !strings.Contains(offset, ":") {
		fmt.Fprintf(&b, strings.TrimSpace(offset)+"\n", len(s))
	}
	return b.String()
}

// TestHexWordDumpsRead: text dumped as little-endian words, in the shapes
// od and hexdump write them (a 7-digit offset, octal or hex, then words
// of 4 or 8 digits: od -x, od -t x4, hexdump, hexdump -x's wider gaps),
// and xxd -e's 32-bit words (which xxd -g4 writes big endian in the same
// shape: both read), with or without its ASCII column; and a dump whose
// first byte stands alone before groups of two (a dump from an odd
// offset). What it spells is masked, over lines too.
func TestHexWordDumpsRead(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		mob, id := synth.CNMobile(r), synth.CNID18X(r)
		for _, v := range []string{mob, mob + "\n", id, "手机号码：" + mob, "tel " + mob + " ok"} {
			h := hexGroups(v, 2, " ", "")
			bytesHex := strings.Split(h, " ")
			for _, body := range []string{
				wordLines(v, 2, 16, "%07o ", " "),
				wordLines(v, 2, 16, "%07x ", " "),
				wordLines(v, 2, 8, "%07x ", " "),
				wordLines(v, 2, 16, "%07x    ", "    "),
				wordLines(v, 4, 16, "%07o ", " "),
				wordLines(v, 4, 16, "%08x: ", " "),
				wordLines(v, 4, 8, "%08x: ", " "),
				"00000000: " + hexGroups(v, 8, " ", ""), // xxd -g4
				"data: " + bytesHex[0] + " " + hexGroups(v[1:], 4, " ", "") + "\n",
			} {
				res := mustInspect(t, eng, []byte(body), "text/plain", "", Redact)
				if !res.Changed {
					t.Errorf("kept:\nin:  %q\nout: %q", body, res.Body)
				}
			}
		}
	}
}

// TestHexWordDumpsClean: word dumps of text that holds no identifier
// (prose, dates, a file's header), od's and hexdump's offsets followed by
// no words, and two-digit numbers set apart by commas (prose, a script's
// array literal) come out byte for byte.
func TestHexWordDumpsClean(t *testing.T) {
	eng := testEngine(t)
	vals := []string{"31", "35", "36", "34", "32", "33", "35", "37", "36", "34", "33"}
	for _, clean := range []string{
		wordLines("Hello, world! 2026-12-05 total 1380.50\n", 2, 16, "%07o ", " "),
		wordLines("Hello, world! 2026-12-05 total 1380.50\n", 2, 16, "%07x ", " "),
		wordLines("Hello, world! 2026-12-05 total 1380.50\n", 4, 16, "%08x: ", " "),
		wordLines("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00", 2, 16, "%07x ", " "),
		"0000000 1234 5678 9012 3456\n0000010 7890 1234 5678 9012\n",
		"1234567 2024 2025 2026\n",
		"Highs: " + strings.Join(vals, ", ") + ".\n",
		"<script>new Chart(el,{data:{datasets:[{label:'High',data:[" + strings.Join(vals, ",") + "]}]}});</script>",
		"var highs = [" + strings.Join(vals, ", ") + "];",
	} {
		ct := "text/plain"
		if strings.HasPrefix(clean, "<") {
			ct = "text/html"
		}
		if res := mustInspect(t, eng, []byte(clean), ct, "", Redact); res.Changed {
			t.Errorf("%q -> %q", clean, res.Body)
		}
	}
}

// TestHexNumberJoinsClean: the join of a JSON array's numbers is read as
// numbers, not as hex: eleven daily highs between 30 and 39 ([31,35,…],
// which read as hex spell a mobile) come out byte for byte; the same
// values as strings of hex bytes (["31","33",…]) are still read as hex.
func TestHexNumberJoinsClean(t *testing.T) {
	eng := testEngine(t)
	vals := []string{"31", "35", "36", "34", "32", "33", "35", "37", "36", "34", "33"}
	for _, clean := range []string{
		`{"highs":[` + strings.Join(vals, ",") + `]}`,
		`{"highs":[` + strings.Join(vals, ", ") + `]}`,
		`[[` + strings.Join(vals, "],[") + `]]`,
	} {
		if res := mustInspect(t, eng, []byte(clean), "application/json", "", Redact); res.Changed {
			t.Errorf("%q -> %q", clean, res.Body)
		}
	}
	r := rng(t.Name())
	mob := synth.CNMobile(r)
	quoted := `{"b":["` + strings.Join(strings.Split(hexGroups(mob, 2, " ", ""), " "), `","`) + `"]}`
	if res := mustInspect(t, eng, []byte(quoted), "application/json", "", Redact); !res.Changed {
		t.Errorf("%q kept", quoted)
	}
}
