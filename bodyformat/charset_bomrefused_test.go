package bodyformat

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// utf7Digits spells s in UTF-7's base64 form (+ADEAMwA4...-), as Python's
// utf-7 codec reads it.
func utf7Digits(s string) string {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 0, 2*len(u))
	for _, c := range u {
		b = append(b, byte(c>>8), byte(c))
	}
	return "+" + base64.RawStdEncoding.EncodeToString(b) + "-"
}

// ebcdic spells ASCII digits in EBCDIC (cp037: '0' is 0xF0).
func ebcdic(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= '0' && c <= '9' {
			b[i] = 0xf0 + c - '0'
		}
	}
	return string(b)
}

// jisDigits spells digits as JIS X 0208 full-width digits in 7-bit form
// (#1#3#8…), as ISO-2022-JP/KR and HZ write them.
func jisDigits(s string) string {
	var sb strings.Builder
	for _, c := range s {
		sb.WriteByte('#')
		sb.WriteRune(c)
	}
	return sb.String()
}

// TestBOMBeatsRefusedLabel: a body refused without a mark (UTF-7,
// HZ, ISO-2022-KR, an EBCDIC label) must not be read as UTF-8 alone when a
// UTF-8 byte-order mark is put before it: Python's requests decodes
// r.text in the label and shows the mobile.
func TestBOMBeatsRefusedLabel(t *testing.T) {
	eng := testEngine(t)
	mob := synth.CNMobile(rng(t.Name()))
	for _, c := range []struct{ label, body string }{
		{"utf-7", "tel " + utf7Digits(mob)},
		{"hz-gb-2312", "tel ~{" + jisDigits(mob) + "~}"},
		{"iso-2022-kr", "\x1b$)C tel \x0e" + jisDigits(mob) + "\x0f"},
		{"iso-2022-cn", "\x1b$)A tel \x0e" + jisDigits(mob) + "\x0f"},
		{"cp037", ebcdic(mob)},
		{"ibm037", ebcdic(mob)},
		{"iso-2022-jp", "tel \x1b$B" + jisDigits(mob) + "\x1b(B"},
	} {
		for _, bom := range []string{"", "\xef\xbb\xbf"} {
			body := []byte(bom + c.body)
			for _, ct := range []string{"text/plain", "application/json", "text/html"} {
				ct += "; charset=" + c.label
				res, err := Inspect(eng, body, ct, "", Redact, Limits{})
				if err != nil {
					continue // fails closed: secure
				}
				if strings.Contains(string(res.Body), c.body) {
					t.Errorf("%s bom=%v: went out unchanged (a reader of the label shows the mobile): %q", ct, bom != "", res.Body)
				}
			}
		}
	}
}

// TestBOMUnknownLabelUTF8Intact: a body with a UTF-8 byte-order mark, an
// unknown label and UTF-8 text after the mark is read as UTF-8 as before:
// clean text goes out byte for byte, a mobile in it is masked.
func TestBOMUnknownLabelUTF8Intact(t *testing.T) {
	eng := testEngine(t)
	mob := synth.CNMobile(rng(t.Name()))
	clean := []byte("\xef\xbb\xbf订单 20240101 已发货，谢谢")
	for _, label := range []string{"cp037", "x-unknown", "utf-8"} {
		ct := "text/plain; charset=" + label
		res := mustInspect(t, eng, clean, ct, "", Redact)
		if res.Body != nil && !bytes.Equal(res.Body, clean) {
			t.Errorf("%s: clean body altered: %q", ct, res.Body)
		}
		res = mustInspect(t, eng, []byte("\xef\xbb\xbftel "+mob), ct, "", Redact)
		if strings.Contains(string(res.Body), mob) || res.Body == nil {
			t.Errorf("%s: mobile not masked: %q", ct, res.Body)
		}
	}
}
