package bodyformat

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestNULPatternOddCharInHead: JSON readers pick UTF-32/UTF-16 from the
// NUL pattern of the first code unit alone (Python's json.loads of bytes
// decodes with surrogatepass; a JSON string may hold C1 controls and
// noncharacters). One such character in the head, which makes sniffWide
// call the body no text, must not let the full-width mobile after it go
// out: it is masked and the body written back in its charset.
func TestNULPatternOddCharInHead(t *testing.T) {
	r := rng(t.Name())
	mobile := synth.CNMobile(r)
	fw := fullWidth(mobile)
	for _, c := range []struct {
		name, text string
		cs         *charset
	}{
		{"utf-32le baseline", `{"a":"` + fw + `"}`, csUTF32LE},
		{"utf-32le C1 control", "{\"a\":\"\u0085" + fw + `"}`, csUTF32LE},
		{"utf-32le noncharacter", "{\"a\":\"\uffff" + fw + `"}`, csUTF32LE},
		{"utf-32be noncharacter", "{\"a\":\"\ufffe" + fw + `"}`, csUTF32BE},
		{"utf-16le C1 control", "\"\u0080" + fw + `"`, csUTF16LE},
		{"utf-16be noncharacter", "\"\uffff" + fw + `"`, csUTF16BE},
		{"utf-32le DEL", "{\"a\":\"\u007f" + fw + `"}`, csUTF32LE},
		{"utf-16le control in a key", "{\"\u0001\":\"" + fw + `"}`, csUTF16LE},
		{"utf-16le ASCII digits, read both ways", "\"\u0085" + mobile + `"`, csUTF16LE},
	} {
		body, err := c.cs.encode([]byte(c.text), nil)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := nulPatternCharset(body); got != c.cs {
			t.Errorf("%s: the NUL pattern reads as %v, want %s", c.name, got, c.cs.name)
		}
		for _, mode := range []Mode{Redact, Scan} {
			res, err := Inspect(testEngine(t), body, "application/json", "", mode, Limits{})
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if len(res.Findings) != 1 {
				t.Errorf("%s (mode %v): %d findings, want the mobile once", c.name, mode, len(res.Findings))
			}
			if mode == Scan {
				if !bytes.Equal(res.Body, body) {
					t.Errorf("%s: Scan changed the body", c.name)
				}
				continue
			}
			value := fw
			if !strings.Contains(c.text, fw) {
				value = mobile
			}
			raw, _ := c.cs.encode([]byte(value), nil)
			if bytes.Contains(res.Body, raw) {
				t.Errorf("%s: the full-width mobile went out in %s", c.name, c.cs.name)
			}
			text, err := c.cs.decode(res.Body)
			if err != nil || len(res.Body) != len(body) || !strings.HasPrefix(string(text), c.text[:strings.Index(c.text, value)]) {
				t.Errorf("%s: not written back in %s: %q", c.name, c.cs.name, text)
			}
		}
	}
}

// TestNULPatternLoneSurrogate: a UTF-16LE JSON body with a lone surrogate
// in a string (Python's json.loads decodes it with surrogatepass;
// JavaScript strings hold them) before a full-width mobile, or between
// its digits: the surrogate reads as U+FFFD, which the engine reads
// through, and the mobile is masked.
func TestNULPatternLoneSurrogate(t *testing.T) {
	mobile := synth.CNMobile(rng(t.Name()))
	fw := fullWidth(mobile)
	enc := func(s string) []byte {
		b, err := csUTF16LE.encode([]byte(s), nil)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cut := len(fullWidth(mobile[:3]))
	for name, body := range map[string][]byte{
		"before":      slicesConcat(enc(`{"a":"`), []byte{0x00, 0xdc}, enc(fw+`"}`)),
		"between":     slicesConcat(enc(`{"a":"`+fw[:cut]), []byte{0x00, 0xdc}, enc(fw[cut:]+`"}`)),
		"high, alone": slicesConcat(enc(`{"a":"`), []byte{0x3d, 0xd8}, enc(fw+`"}`)),
	} {
		res, err := Inspect(testEngine(t), body, "application/json", "", Redact, Limits{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if bytes.Contains(res.Body, enc(fw)) || bytes.Contains(res.Body, enc(fw[cut:])) || len(res.Findings) == 0 {
			t.Errorf("%s: the full-width mobile went out in UTF-16LE after a lone surrogate: %q", name, res.Body)
		}
		if !wideValid(res.Body, csUTF16LE) || !bytes.HasPrefix(res.Body, enc(`{"a":"`)) || !bytes.HasSuffix(res.Body, enc(`"}`)) {
			t.Errorf("%s: not written back in UTF-16LE: %q", name, res.Body)
		}
	}
}

// TestNULPatternBinaryIntact: binary data whose first bytes a JSON reader
// takes for UTF-16 or UTF-32 (0A 00 …, an ASCII byte then NULs) is read in
// it as well, and goes on byte for byte as it came when nothing is found
// there; binary data opening with a control or a unit beyond ASCII (a
// TrueType font, an icon), or UTF-32 with a unit beyond Unicode (which no
// JSON reader decodes), is not taken for it at all. A value in such a
// body is masked and the body written back in its charset (what no
// character of it was, a lone surrogate, as U+FFFD).
func TestNULPatternBinaryIntact(t *testing.T) {
	r := rand.New(rand.NewPCG(29, 1))
	noise := make([]byte, 4096)
	for i := range noise {
		noise[i] = byte(r.IntN(256))
	}
	low := slices.Clone(noise) // every UTF-32 unit within Unicode
	for i := 2; i < len(low); i += 4 {
		low[i], low[i+1] = low[i]&0x0f, 0
	}
	for name, c := range map[string]struct {
		body []byte
		cs   *charset
	}{
		"0A 00 noise":      {append([]byte{0x0a, 0x00, 0x00, 0x00}, noise...), nil}, // beyond Unicode in UTF-32
		"0A 00 utf-32 low": {append([]byte{0x0a, 0x00, 0x00, 0x00}, low...), csUTF32LE},
		"0A 00 utf-16":     {append([]byte{0x0a, 0x00, 0x01, 0x00}, noise...), csUTF16LE},
		"00 7B utf-16be":   {append([]byte{0x00, 0x7b, 0xd8, 0x00}, noise...), csUTF16BE},
		"truetype font":    {append([]byte{0x00, 0x01, 0x00, 0x00, 0x00, 0x0a, 0x00, 0x80}, noise...), nil},
		"icon":             {append([]byte{0x00, 0x00, 0x01, 0x00, 0x01, 0x00}, noise...), nil},
		"png":              {append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), noise...), nil},
		"zip":              {append([]byte("PK\x03\x04\x14\x00\x00\x00"), noise...), nil},
		"a then NUL units": {[]byte("a\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"), csUTF32LE},
	} {
		if got := nulPatternCharset(c.body); got != c.cs {
			t.Errorf("%s: the NUL pattern reads as %v, want %v", name, got, c.cs)
		}
		for _, ct := range []string{"application/json", "text/plain", "application/octet-stream", ""} {
			res, err := Inspect(testEngine(t), c.body, ct, "", Redact, Limits{})
			if err != nil {
				t.Fatalf("%s %q: %v", name, ct, err)
			}
			if !bytes.Equal(res.Body, c.body) || len(res.Findings) != 0 {
				t.Errorf("%s %q: the binary body changed (%d findings)", name, ct, len(res.Findings))
			}
		}
	}
	// a value in such a body: masked in UTF-16LE, the noise kept
	mobile := synth.CNMobile(r)
	value, _ := csUTF16LE.encode([]byte(" "+fullWidth(mobile)+" "), nil)
	body := slicesConcat([]byte{0x0a, 0x00, 0x01, 0x00}, value, noise[:len(noise)&^1])
	res, err := Inspect(testEngine(t), body, "application/json", "", Redact, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := csUTF16LE.encode([]byte(fullWidth(mobile)), nil)
	if bytes.Contains(res.Body, raw) || len(res.Findings) == 0 || !wideValid(res.Body, csUTF16LE) || !bytes.HasPrefix(res.Body, body[:6]) {
		t.Errorf("the mobile in a binary body was not masked in UTF-16LE: %q", res.Body[:64])
	}
}

// TestNULPatternUTF8ReadingKept: a body whose first bytes have a JSON
// reader's NUL pattern is still read as UTF-8 after the wide reading: an
// ASCII mobile after them, which the wide reading sees as CJK, is masked,
// and so is one in the GBK fallback reading of bytes that are no UTF-8.
func TestNULPatternUTF8ReadingKept(t *testing.T) {
	mobile := synth.CNMobile(rng(t.Name()))
	for name, body := range map[string][]byte{
		"ascii":    slicesConcat([]byte{'{', 0x00, 0x01, 0x00}, []byte(" tel "+mobile+" ")),
		"gbk wide": slicesConcat([]byte{'{', 0x00, 0x01, 0x00}, []byte(" "+gbkOf(t, "电话 "+fullWidth(mobile))+" ")),
	} {
		if nulPatternCharset(body) != csUTF16LE {
			t.Fatalf("%s: not read in UTF-16LE", name)
		}
		res, err := Inspect(testEngine(t), body, "text/plain", "", Redact, Limits{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(res.Findings) == 0 || bytes.Contains(res.Body, []byte(mobile)) || bytes.Contains(res.Body, []byte(gbkOf(t, fullWidth(mobile)))) {
			t.Errorf("%s: the mobile went out: %q", name, res.Body)
		}
	}
}

// slicesConcat returns the parts joined into one new slice.
func slicesConcat(parts ...[]byte) []byte {
	return bytes.Join(parts, nil)
}

// TestNULPatternUntypedBody (attack pass 31, F7): Django's json.loads(request.body),
// Flask's get_json(force=True) and requests' Response.json() on an
// application/octet-stream answer (no charset: guess_json_utf) decode a
// body by its NUL pattern whatever its type. A UTF-16 or UTF-32 JSON
// body whose head holds one odd character (a C1 control, which
// sniffWide refuses) is read in its NUL pattern's charset when labelled
// JSON or text/plain, but untyped or application/octet-stream it goes on
// as binary: the full-width mobile passed. sniffText now calls a head
// that opens a JSON document in its NUL pattern's charset text
// (nulPatternJSON), so it is masked under both types, as the same body
// without the odd character is; a binary format's head (a magic number)
// is still no text.
func TestNULPatternUntypedBody(t *testing.T) {
	mobile := synth.CNMobile(rng(t.Name()))
	fw := fullWidth(mobile)
	for _, cs := range []*charset{csUTF16LE, csUTF16BE, csUTF32LE} {
		raw, _ := cs.encode([]byte(fw), nil)
		for _, ct := range []string{"application/octet-stream", ""} {
			base, _ := cs.encode([]byte(`{"a":"`+fw+`"}`), nil)
			if res, err := Inspect(testEngine(t), base, ct, "", Redact, Limits{}); err != nil || bytes.Contains(res.Body, raw) {
				t.Fatalf("%s %q control: the body without an odd character passes too (%v)", cs.name, ct, err)
			}
			body, _ := cs.encode([]byte("{\"a\":\"\u0085"+fw+`"}`), nil)
			if nulPatternCharset(body) != cs {
				t.Fatalf("%s: not the NUL pattern's charset", cs.name)
			}
			res, err := Inspect(testEngine(t), body, ct, "", Redact, Limits{})
			if err == nil && bytes.Contains(res.Body, raw) {
				t.Errorf("%s %q: a C1 control before the mobile and it goes out in %s", cs.name, ct, cs.name)
			}
		}
	}
	for name, head := range map[string]string{
		"png": "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "gzip": "\x1f\x8b\x08\x00\x00\x00\x00\x00",
		"zip": "PK\x03\x04\x14\x00\x00\x00", "truetype": "\x00\x01\x00\x00\x00\x0a\x00\x80",
		"opentype": "OTTO\x00\x0a\x00\x80", "woff": "wOFF\x00\x01\x00\x00", "icon": "\x00\x00\x01\x00\x01\x00\x10\x10",
		"tiff":                   "II*\x00\x08\x00\x00\x00",
		"utf-16le text, no JSON": "a\x00\x85\x00b\x00",
	} {
		if nulPatternJSON([]byte(head)) || sniffText([]byte(head)) {
			t.Errorf("%s: a binary head taken for text", name)
		}
	}
}
