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
		{`\u{000000031}`, "1", true}, // any leading zeros, as in JavaScript
		{`\U00000031\U0001F600`, "1\U0001F600", true},
		{`\061\70\0`, "18\x00", true},      // octal
		{`\400`, " 0", true},               // at most \377: \40, then '0'
		{"13\\\n81\\\r\n2", "13812", true}, // line continuations stand for nothing
		{`\8\9`, "89", true},               // identity escapes
		{`\'a\'`, "'a'", true},
		{`\uff1a138`, "：138", true},
		{`C:\q\w`, `C:qw`, true}, // a reader that keeps \q as it is: find reads the text as written too
		{`\u12 \x3`, `u12 x3`, true},
		{`\u{d800}`, `u{d800}`, true}, // no surrogate code points
		{`\q\u0031`, `q1`, true},
		{`\\u0031`, `\u0031`, true}, // an escaped backslash, then text
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
