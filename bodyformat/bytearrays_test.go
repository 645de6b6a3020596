package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestByteArraysRead: text a program builds from an array of byte values
// (new Uint8Array([49,51,…]), Buffer.from([…]), Python's bytes([…]),
// Java's and Go's byte arrays) is read as the text the bytes are.
func TestByteArraysRead(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 3 {
		for _, v := range []string{synth.CNMobile(r), synth.CNID18X(r), synth.UnionPayCard(r), "手机：" + synth.CNMobile(r)} {
			ident := v[len(v)-11:]
			dec, hx := codes(v, false), codes(v, true)
			for _, body := range []string{
				`const b = new Uint8Array([` + dec + `]);`,
				`new TextDecoder().decode(Uint8Array.from([` + hx + `]))`,
				`const b = Uint8Array.of(` + dec + `);`,
				`Buffer.from([` + strings.ReplaceAll(dec, " ", "") + `]).toString()`,
				`data = bytes([` + dec + `]).decode()`,
				`data = bytearray([` + dec + `,])`,
				"byte[] b = new byte[] {\n  " + dec + "\n};",
				`b := []byte{` + dec + `}`,
			} {
				res := mustInspect(t, eng, []byte(body), "application/javascript", "", Redact)
				if !res.Changed || strings.Contains(string(res.Body), codes(ident[3:9], false)) || strings.Contains(string(res.Body), codes(ident[3:9], true)) {
					t.Errorf("leaks:\nin:  %q\nout: %q", body, res.Body)
				}
			}
		}
	}
}

// TestByteArraysLookalikesIntact: arrays of numbers that are no byte
// array a program decodes stay as they are, byte for byte: bare arrays
// (ages, scores, temperatures in the range of digits' codes), byte
// arrays of binary data or of text with no identifier, typed arrays of
// other sizes.
func TestByteArraysLookalikesIntact(t *testing.T) {
	eng := testEngine(t)
	for _, clean := range []string{
		`{"ages":[49,51,56,49,50,51,52,53,54,55,56]}`,
		`scores = [49, 51, 56, 49, 50, 51, 52, 53, 54, 55, 56]`,
		`const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82]);`,
		`const b = Buffer.from([104, 101, 108, 108, 111, 32, 119, 111, 114, 108, 100, 32, 50, 48, 50, 54]);`,
		`const w = new Uint16Array([49, 51, 56, 49, 50, 51, 52, 53, 54, 55, 56]);`,
		`const f = new Float32Array([49, 51, 56, 49, 50, 51, 52, 53, 54, 55, 56]);`,
		`x = bytes([300, 51, 56, 49, 50, 51, 52, 53, 54, 55, 56])`,
	} {
		if res := mustInspect(t, eng, []byte(clean), "application/javascript", "", Redact); res.Changed {
			t.Errorf("%q -> %q", clean, res.Body)
		}
	}
}

// TestDecodeByteArraysMaps: a byte array reads as a string literal of its
// bytes, each mapped to its value; a byte that is no UTF-8 reads as
// U+FFFD; an array that does not parse is kept as it is.
func TestDecodeByteArraysMaps(t *testing.T) {
	in := "a new Uint8Array([ 49 ,0x32, 255])b Buffer.from([1, x]) bytes([51])"
	dec, offs, ok := decodeCharCodes([]byte(in))
	if want := "a new \"12\ufffd\")b Buffer.from([1, x]) \"3\")"; !ok || string(dec) != want || len(offs) != len(dec)+1 {
		t.Fatalf("%q %v %v, want %q", dec, offs, ok, want)
	}
	if o := offs[strings.IndexByte(string(dec), '2')]; in[o:o+4] != "0x32" {
		t.Errorf("2 maps to %d", o)
	}
}
