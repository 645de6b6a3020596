package bodyformat

import (
	"bytes"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestGBKLabelFourByte (attack pass 29, F2): WHATWG's GBK decoder (labels gbk,
// gb2312, x-gbk, chinese …) is the gb18030 decoder: it reads four-byte
// codes, one character (or one U+FFFD) for four bytes. A body labelled
// GBK with a four-byte code glued to or inside a full-width mobile shows
// the mobile in a browser; it must not pass.
func TestGBKLabelFourByte(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	enc := simplifiedchinese.GB18030.NewEncoder()
	wide, err := enc.String(fullWidth(m))
	if err != nil {
		t.Fatal(err)
	}
	zwsp, err := enc.String("\u200b")
	if err != nil || len(zwsp) != 4 {
		t.Fatalf("U+200B in GB18030: %x %v", zwsp, err)
	}
	middle := wide[6:14]
	label := "\xb5\xe7\xbb\xb0 " // 电话
	for _, c := range []struct{ name, body string }{
		{"unmapped glued", label + "\xfe\x39\xfe\x39" + wide + " ok"},
		{"unmapped glued 2", label + "\x84\x31\xa5\x30" + wide + " ok"},
		{"U+0080 glued", label + "\x81\x30\x81\x30" + wide + " ok"},
		{"zwsp inside", label + wide[:6] + zwsp + wide[6:] + " ok"},
	} {
		for _, cs := range []string{"gbk", "gb2312", "x-gbk", "cp936", "chinese", "GB_2312-80", "iso-ir-58", "csgb2312"} {
			for _, ct := range []string{"text/plain; charset=" + cs, "text/html; charset=" + cs} {
				res, err := Inspect(eng, []byte(c.body), ct, "", Redact, Limits{})
				if err == nil && bytes.Contains(res.Body, []byte(middle)) {
					t.Errorf("%s, %s: went out as %q", c.name, ct, res.Body)
				}
			}
		}
	}
}

// TestGBKFourByteCodeStrictReading (attack pass 32, F15): a body labelled
// charset=gbk is read through the WHATWG gb18030 decoder (charset_gbk.go),
// where 81 3x 82 3y is one four-byte character. GBK as a server decodes
// it (Python's gbk codec behind Django's request.encoding, Java's GBK
// charset) has no four-byte codes: 81 and 82 are lead bytes whose trail
// (an ASCII digit) is invalid, and the digits after them are digits:
// "tel 138\x811\x822345678" reads "tel 138�1�2345678" there ("tel
// 13812345678" with errors="ignore"). The body is read so too
// (strictGBKView): the mobile is starred over the four-byte codes it
// holds, the bytes around it go out as they came, and the body is found
// with the mobile once in Scan mode. A GBK body whose four-byte code
// stands apart from any number (an emoji after a name) is left alone.
func TestGBKFourByteCodeStrictReading(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	failed := 0
	for range 20 {
		m := synth.CNMobile(r)
		body := append([]byte("\xb5\xe7\xbb\xb0 tel "+m[:3]), 0x81, m[3], 0x82, m[4])
		body = append(body, m[5:]+" ok\n"...)
		res := mustInspect(t, eng, body, "text/plain; charset=gbk", "", Redact)
		if !res.Changed {
			failed++
			if failed <= 3 {
				t.Errorf("passes: %q", body)
			}
			continue
		}
		out := res.Body
		const head, tail = len("\xb5\xe7\xbb\xb0 tel "), len(" ok\n")
		if len(out) != len(body) || !bytes.Equal(out[:head], body[:head]) || !bytes.Equal(out[len(out)-tail:], body[len(body)-tail:]) {
			t.Errorf("%q went out as %q: not byte for byte outside the mask", body, out)
		}
		if view, _ := strictGBKView(out); bytes.Contains(view, []byte(m)) || bytes.ContainsAny(out[head:len(out)-tail], "\x81\x82") {
			t.Errorf("%q went out as %q: the mobile or a half of its four-byte codes is left", body, out)
		}
		if scan := mustInspect(t, eng, body, "text/plain; charset=gbk", "", Scan); scan.Summary.Counts[detect.CNMobile] != 1 {
			t.Errorf("%q: Scan counts %d mobiles", body, scan.Summary.Counts[detect.CNMobile])
		}
	}
	if failed > 0 {
		t.Errorf("%d of 20 mobiles with two digits in a GB18030 four-byte code pass", failed)
	}
	// U+1F600 in GB18030 (95 32 82 36) after a name, no number near it
	clean := []byte("\xd5\xc5\xc8\xfd \x95\x32\x82\x36 ok\n")
	if res := mustInspect(t, eng, clean, "text/plain; charset=gbk", "", Redact); res.Changed {
		t.Errorf("%q went out as %q", clean, res.Body)
	}
}
