package bodyformat

import (
	"bytes"
	"io"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestGB18030UnmappedFourByte: a four-byte code no character has is one
// U+FFFD (the WHATWG decoder), whole or cut across writes, and mapped to
// its four bytes; every four-byte code with a character, and the codes
// around the bounds of the ranges, read as x/text reads them.
func TestGB18030UnmappedFourByte(t *testing.T) {
	dec := func(b []byte) string {
		out, err := csGB18030.decode(b)
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	for in, want := range map[string]string{
		"\xfe\x39\xfe\x39":          "\uFFFD",
		"\x84\x31\xa5\x30":          "\uFFFD",
		"\xe3\x32\x9a\x36":          "\uFFFD",
		"\x84\x31\xa4\x39":          "\uFFFF",
		"\x84\x31\xa4\x37":          "\uFFFD", // U+FFFD's own code
		"\x90\x30\x81\x30":          "\U00010000",
		"\xe3\x32\x9a\x35":          "\U0010FFFF",
		"a\xfe\x39\xfe\x39\xa3\xb1": "a\uFFFD１",
		"\xfe\x39\xfe":              "\uFFFD9\uFFFD", // cut: a bad byte, a digit, a bad byte
	} {
		if got := dec([]byte(in)); got != want {
			t.Errorf("%x: %q, want %q", in, got, want)
		}
		// one byte a write
		r := transform.NewReader(&oneByteReader{b: []byte(in)}, csGB18030.enc.NewDecoder())
		var got bytes.Buffer
		if _, err := got.ReadFrom(r); err != nil || got.String() != want {
			t.Errorf("%x a byte at a time: %q (%v), want %q", in, got.String(), err, want)
		}
	}
	text, offs, _ := decodeCharsMapped([]byte("\xfe\x39\xfe\x39\xa3\xb1"), csGB18030.enc, nil)
	if string(text) != "\uFFFD１" || offs[0] != 0 || offs[3] != 4 {
		t.Errorf("mapped: %q %v", text, offs)
	}
	// every code of the lead bytes around the bounds of the ranges
	xdec := simplifiedchinese.GB18030.NewDecoder()
	for _, b1 := range []byte{0x81, 0x84, 0x85, 0x8f, 0x90, 0xe3, 0xe4, 0xfe} {
		for b2 := byte('0'); b2 <= '9'; b2++ {
			for b3 := byte(0x81); b3 <= 0xfe; b3++ {
				for b4 := byte('0'); b4 <= '9'; b4++ {
					code := []byte{b1, b2, b3, b4}
					got := dec(code)
					if gb18030Unmapped(code) {
						if got != "\uFFFD" {
							t.Fatalf("%x: %q", code, got)
						}
						continue
					}
					want, _ := xdec.Bytes(code)
					if got != string(want) || utf8.RuneCountInString(got) != 1 {
						t.Fatalf("%x: %q, x/text %q", code, got, want)
					}
				}
			}
		}
	}
}

// oneByteReader reads its bytes one at a time.
type oneByteReader struct{ b []byte }

func (r *oneByteReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	p[0], r.b = r.b[0], r.b[1:]
	return 1, nil
}

// TestGB18030UnmappedGluedMobile (found by legacyalign): a GB18030
// four-byte code no character has, glued to a full-width mobile, is one
// bad character to a browser (�１３８…): the mobile is masked in a buffered
// unlabelled body and in an unlabelled stream, where x/text's reading
// (a bad byte and a digit, twice) made a 13-digit run of it.
func TestGB18030UnmappedGluedMobile(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	wide, err := simplifiedchinese.GB18030.NewEncoder().String(fullWidth(m))
	if err != nil {
		t.Fatal(err)
	}
	middle := wide[6:14] // the GB18030 bytes of digits 4 to 7
	for _, bad := range []string{"\xfe\x39\xfe\x39", "\x84\x31\xa5\x30"} {
		body := "\xb5\xe7\xbb\xb0 " + bad + wide + " ok\n" // 电话 in GB18030
		for _, ct := range []string{"text/plain", "text/html", ""} {
			res, err := Inspect(eng, []byte(body), ct, "", Redact, Limits{})
			if err == nil && bytes.Contains(res.Body, []byte(middle)) {
				t.Errorf("buffered %q %x: went out as %q", ct, bad, res.Body)
			}
			mt := ct
			for _, chunk := range []int{1, 5, 64} {
				out, err, _ := streamTyped(t, StreamLines, mt, body, chunk)
				if err == nil && bytes.Contains([]byte(out), []byte(middle)) {
					t.Errorf("stream %q %x writes of %d: went out as %q", mt, bad, chunk, out)
				}
			}
		}
	}
}
