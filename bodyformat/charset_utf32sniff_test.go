package bodyformat

import (
	"bytes"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestUnlabelledUTF32OpenedASCII: a body in UTF-32 (or UTF-16) without a
// byte-order mark or a label whose first character is ASCII but most of
// the rest are not (a JSON string of full-width digits) is read in that
// charset, as JSON readers tell it by the NUL pattern of its first code
// unit (Python's json.loads of bytes, requests' Response.json(),
// Jackson). The value is masked there and the body written back in it.
func TestUnlabelledUTF32OpenedASCII(t *testing.T) {
	r := rng(t.Name())
	mobile, id := synth.CNMobile(r), synth.CNID18(r)
	for _, c := range []struct {
		name, ct, text, raw string
		cs                  *charset
	}{
		{"utf-32le object", "application/json", `{"a":"` + fullWidth(mobile) + `"}`, fullWidth(mobile), csUTF32LE},
		{"utf-32le tel key", "application/json", `{"tel":"` + fullWidth(mobile) + `"}`, fullWidth(mobile), csUTF32LE},
		{"utf-32le string id", "application/json", `"` + fullWidth(id) + `"`, fullWidth(id), csUTF32LE},
		{"utf-32be object", "application/json", `{"a":"` + fullWidth(mobile) + `"}`, fullWidth(mobile), csUTF32BE},
		{"utf-32le text", "text/plain", "tel " + fullWidth(mobile), fullWidth(mobile), csUTF32LE},
		{"utf-32le untyped", "", `{"a":"` + fullWidth(mobile) + `"}`, fullWidth(mobile), csUTF32LE},
		{"utf-16be string", "application/json", `"` + fullWidth(mobile) + `"`, fullWidth(mobile), csUTF16BE},
	} {
		body, err := c.cs.encode([]byte(c.text), nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := sniffWide(body, 0); got != c.cs {
			t.Errorf("%s: sniffed as %v, want %s", c.name, got, c.cs.name)
		}
		res, err := Inspect(testEngine(t), body, c.ct, "", Redact, Limits{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		rawIn, _ := c.cs.encode([]byte(c.raw), nil)
		if bytes.Contains(res.Body, rawIn) {
			t.Errorf("%s: the value went out in %s: %q", c.name, c.cs.name, res.Body)
		}
		text, err := c.cs.decode(res.Body)
		if err != nil || !wideValid(res.Body, c.cs) {
			t.Fatalf("%s: the output is not %s: %q", c.name, c.cs.name, res.Body)
		}
		if strings.Contains(string(text), c.raw) || !strings.Contains(string(text), c.text[:1]) {
			t.Errorf("%s: read back in %s: %q", c.name, c.cs.name, text)
		}
		if len(res.Findings) == 0 {
			t.Errorf("%s: no finding", c.name)
		}
	}
}

// TestOpenedASCIINotLoose: the first-unit rule of sniffWide, which tells
// whether bytes are text at all (sniffText), asks, like the rest of the
// NUL pattern, that every character of the head be text: binary data
// whose first bytes happen to read as an ASCII character in UTF-16 or
// UTF-32 is not sniffed, nor is a head of one character. (A JSON reader's
// NUL pattern, read in addition to UTF-8, is nulPatternCharset's:
// TestNULPatternOddCharInHead.)
func TestOpenedASCIINotLoose(t *testing.T) {
	for _, head := range []string{
		"{\x00\x00\x00\x01\x00\x00\x00\x02\x00\x00\x00", // controls after it
		"a\x00\x00\x00\x00\x00\x11\x00",                 // beyond Unicode in UTF-32
		"a\x00\x00\xdc\x00\x00",                         // a lone low surrogate in UTF-16
		"{\x00\x00\x00",                                 // one character
		"a\x00\xfe\xff\x00\x00\x11\xff\x00\x00\x11\xff", // a noncharacter
	} {
		if cs := sniffWide([]byte(head), 0); cs != nil {
			t.Errorf("sniffWide(%q) = %s, want none", head, cs.name)
		}
	}
}
