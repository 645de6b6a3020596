package bodyformat

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// TestDecodeEscapesLenient checks the escapes a lenient reader decodes
// beyond strict JSON, each on its own.
func TestDecodeEscapesLenient(t *testing.T) {
	for _, c := range []struct {
		raw, want string
		decoded   bool
	}{
		{`plain`, "plain", false},
		{`\x31\x33`, "13", true},
		{`\u{31}\u{1F600}`, "1\U0001F600", true},
		{`\'a\'`, "'a'", true},
		{`\uff1a138`, "：138", true},
		{`C:\q\w`, `C:\q\w`, false}, // not escapes: kept as they are
		{`\u12 \x3 \u{} \u{110000}`, `\u12 \x3 \u{} \u{110000}`, false},
		{`\u{d800}`, `\u{d800}`, false}, // no surrogate code points
		{`\q\u0031`, `\q1`, true},       // a bad escape leaves the next one decoded
		{`\\u0031`, `\u0031`, true},     // an escaped backslash, then text
		{`50% \x`, `50% \x`, false},
		{`end\`, `end\`, false},
	} {
		dec, offs, decoded := decodeEscapes([]byte(c.raw), nil, nil)
		if string(dec) != c.want || decoded != c.decoded {
			t.Errorf("decodeEscapes(%q) = %q, %v; want %q, %v", c.raw, dec, decoded, c.want, c.decoded)
		}
		if len(offs) != len(dec)+1 || offs[len(dec)] != int32(len(c.raw)) {
			t.Errorf("decodeEscapes(%q): %d offsets for %d bytes", c.raw, len(offs), len(dec))
		}
	}
}

// FuzzDecodeEscapes checks the decoder's invariants on any input: offsets
// rise and stay inside raw, text without a backslash comes back as it is,
// and a strict JSON string decodes as encoding/json decodes it.
func FuzzDecodeEscapes(f *testing.F) {
	for _, s := range []string{``, `a\u0031`, `\ud83d\ude00`, `\ud83d`, `\x41\u{42}`, `\\\"`, "\xff\\u0030"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		dec, offs, _ := decodeEscapes(raw, nil, nil)
		if len(offs) != len(dec)+1 || offs[len(dec)] != int32(len(raw)) {
			t.Fatalf("%d offsets for %d bytes", len(offs), len(dec))
		}
		for k := 1; k < len(offs); k++ {
			if offs[k] < offs[k-1] || offs[k] > int32(len(raw)) {
				t.Fatalf("offsets out of order at %d: %v", k, offs)
			}
		}
		quoted := append(append([]byte{'"'}, raw...), '"')
		if end, _, ok := scanJSONString(quoted, 0); ok && end == len(quoted)-1 && utf8.Valid(raw) {
			var std string
			if err := json.Unmarshal(quoted, &std); err == nil && std != string(dec) {
				t.Fatalf("JSON string %q: encoding/json gives %q, decodeEscapes %q", raw, std, dec)
			}
		}
	})
}
