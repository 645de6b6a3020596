package bodyformat

import (
	"strings"
	"testing"
)

// TestTriggersCoverReadings checks that a reading skipped for want of its
// trigger would have decoded nothing: over random texts made of the bytes
// readings look for (escapes, references, percent escapes, numbers,
// overrides, base64), every reading that decodes something finds its
// triggers set, and a base64 token readBase64 would read sets trigBase64
// (hex text read by decodeHexText sets trigHexRun in the same test).
func TestTriggersCoverReadings(t *testing.T) {
	r := rng(t.Name())
	atoms := []string{`\`, `u0031`, `\31 `, `&#92;`, `&#37;`, `&amp;`, `%31`, `%`, `+`, "1", "3", "8", ".", "e", "E", "x", "0x1F",
		"-", "\u202e", "\u202c", "\n", " ", "a", "Z", "=", "手", "<b>", `"`, "0.13812345678e11", "&#x5c;u0031",
		"3133383132333435363738", "31333831323334", "3a", "31 33 38 31 32 33 34 35", `\x31\x33`, "0x", ":", "yāo", "sān", "wǔ",
		"\U000E0031", "\U000E0020", "\U000E0100", "\xF3\xA0", "String.fromCharCode(49,51,", "56)", "Buffer.from([49,", "bytes([49,", "new Uint8Array([49,", "[]byte{49,", "50}", "])"}
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(12) {
			b.WriteString(atoms[r.IntN(len(atoms))])
		}
		text := []byte(b.String())
		trig := triggers(text)
		for k, rd := range textReadings {
			var firsts firstReadings
			if _, _, ok, _ := firsts.read(&inspector{}, text, rd); ok && trig&rd.needs != rd.needs {
				t.Fatalf("reading %d decodes %q, triggers %b lack %b", k, text, trig, rd.needs)
			}
		}
		if _, _, ok := decodeHexText(text, new(hexDump)); ok && trig&(trigDigit|trigHexRun) != trigDigit|trigHexRun {
			t.Fatalf("the hex reading decodes %q, triggers %b", text, trig)
		}
	}
	for _, c := range []struct {
		text string
		want bool
	}{
		{"MTM4MTIzNDU2Nzg=", true},
		{"MTM4MTIzNDU2Nzg", true},
		{"MTM4MTIzNDU2Nz", false},
		{"abc MTM4MTIzNDU2Nzg=", true},
		{"手机MTM4MTIzNDU2Nzg=手机", true},
		{"MTM4MTIz NDU2Nzg=", true}, // pieces readBase64 joins
		{"Hello world this is prose", false},
		{"MTM4MTIz  \n NDU2Nzg=", false},
	} {
		if got := triggers([]byte(c.text))&trigBase64 != 0; got != c.want {
			t.Errorf("%q: trigBase64 %v, want %v", c.text, got, c.want)
		}
	}
}
