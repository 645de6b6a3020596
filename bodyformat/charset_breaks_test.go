package bodyformat

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestLabelCharBreaksUTF8Digits: a body labelled GBK, GB18030, Big5 or
// Shift_JIS in which a CJK character of the label stands between 138
// and eight more digits (138号12345678) is no mobile to either reader:
// the label's shows the character, the UTF-8 one 138 and 12345678 a
// replacement character apart. It goes out byte for byte, in every type
// read in its label and then as UTF-8 and in JSON and event streams
// (read both ways), with nothing found. A mobile in plain sight beside
// it, and one whose digits each follow a byte 0x81 (GB18030 hides them,
// UTF-8 shows them), are still masked.
func TestLabelCharBreaksUTF8Digits(t *testing.T) {
	eng := testEngine(t)
	mob := synth.CNMobile(rng(t.Name()))
	for _, e := range []struct {
		label string
		enc   encoding.Encoding
		chars []string
	}{
		{"gb18030", simplifiedchinese.GB18030, []string{"号", "年", "番"}},
		{"gbk", simplifiedchinese.GBK, []string{"号", "年", "番"}},
		{"big5", traditionalchinese.Big5, []string{"號", "年", "番"}},
		{"shift_jis", japanese.ShiftJIS, []string{"号", "年", "番"}},
	} {
		for _, c := range e.chars {
			for _, tmpl := range []string{"138%s12345678", "电话138%s12345678谢谢", `{"a":"138%s12345678"}`, "data: 138%s12345678\n\n"} {
				b, err := e.enc.NewEncoder().Bytes([]byte(strings.Replace(tmpl, "%s", c, 1)))
				if err != nil {
					continue
				}
				if utf8Digits(b) != "13812345678" {
					continue // a character whose bytes read as UTF-8 are no replacement character (號 in GB18030 is U+0316)
				}
				for _, ct := range []string{"text/plain", "text/html", "application/json", "text/event-stream"} {
					ct += "; charset=" + e.label
					res := mustInspect(t, eng, b, ct, "", Redact)
					if !bytes.Equal(res.Body, b) || len(res.Findings) > 0 {
						t.Errorf("%s %q: altered: %q %d findings", ct, b, res.Body, len(res.Findings))
					}
				}
			}
			leak, err := e.enc.NewEncoder().Bytes([]byte("138" + c + "12345678 电话 " + mob))
			if err != nil {
				continue
			}
			res := mustInspect(t, eng, leak, "text/plain; charset="+e.label, "", Redact)
			if strings.Contains(utf8Digits(res.Body), mob) || !bytes.HasPrefix(res.Body, leak[:len(leak)-len(mob)]) {
				t.Errorf("%s: %q -> %q", e.label, leak, res.Body)
			}
		}
	}
	id := synth.CNID18(rng(t.Name()))
	hidden := []byte("\xba\xc5" + spaced81(id)) // 号 in GB18030, then the ID
	res := mustInspect(t, eng, hidden, "text/plain; charset=gb18030", "", Redact)
	if strings.Contains(utf8Digits(res.Body), id) || strings.Contains(gb18030Digits(t, res.Body), id) {
		t.Errorf("an ID hidden by 0x81 bytes after a GB18030 character went out: %q", res.Body)
	}
}

// TestLabelBreaksBytes: labelBreaks writes '?' for the bytes of a whole
// character of the label of two bytes or more, holding no ASCII digit,
// that are no valid UTF-8, and nothing else.
func TestLabelBreaksBytes(t *testing.T) {
	for _, tc := range []struct {
		name string
		cs   *charset
		b    string
		want string
	}{
		{"gbk two-byte", csGBK, "138\xba\xc512345678", "138??12345678"},
		{"gb18030 four-byte holds digits", csGB18030, "1\x815\x8113", "1\x815\x8113"},
		{"big5 ascii trail", csBig5, "138\xa6~1", "138?~1"},
		{"valid utf-8 kept", csGBK, "138\xcc\x961", "138\xcc\x961"},
		{"utf-8 text kept", csGBK, "电话 138", "电话 138"},
		{"lone lead byte", csGBK, "1\xba", "1\xba"},
		{"ascii", csGBK, "138 1234", "138 1234"},
	} {
		if got := string(labelBreaks([]byte(tc.b), tc.cs)); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
