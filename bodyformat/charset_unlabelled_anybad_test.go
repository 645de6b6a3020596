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

// TestUnlabelledAnyBadBytes: an unlabelled GBK, Big5 or Shift_JIS body
// shows its full-width mobile in a browser of that locale whatever number
// of stray bytes or control characters it holds (U+FFFD for each); the
// fallback reading is no longer turned off by them (attack pass 24). The
// same bodies without the mobile go out byte for byte.
func TestUnlabelledAnyBadBytes(t *testing.T) {
	eng := testEngine(t)
	mob := synth.CNMobile(rng(t.Name()))
	pad := strings.Repeat("今天天气很好，我们一起去公园散步吧。", 40) // 720 characters
	for _, e := range []struct {
		label string
		enc   encoding.Encoding
	}{
		{"gbk", simplifiedchinese.GBK},
		{"big5", traditionalchinese.Big5},
		{"shift_jis", japanese.ShiftJIS},
	} {
		for _, tc := range []struct {
			name  string
			text  string
			stray int
			ctrl  string
		}{
			{"short, 2 stray", "電話 %s 謝謝", 2, ""},
			{"short, 3 stray", "電話 %s 謝謝", 3, ""},
			{"long, old bound+1", pad + "電話 %s", 13, ""},
			{"long, old bound+4", pad + "電話 %s", 16, ""},
			{"long, every other byte", pad + "電話 %s", 400, ""},
			{"1 stray + ESC", "電話 %s 謝謝", 1, "\x1b"},
			{"1 stray + BEL", "電話 %s 謝謝", 1, "\x07"},
		} {
			for _, secret := range []bool{true, false} {
				val := "一二三"
				if secret {
					val = fullWidth(mob)
				}
				body, err := encoding.ReplaceUnsupported(e.enc.NewEncoder()).Bytes([]byte(strings.Replace(tc.text, "%s", val, 1)))
				if err != nil {
					t.Fatal(err)
				}
				body = append(body, tc.ctrl...)
				body = append([]byte(strings.Repeat("\xff", tc.stray)), body...)
				res := mustInspect(t, eng, body, "text/plain", "", Redact)
				shown, _ := e.enc.NewDecoder().Bytes(res.Body)
				switch {
				case secret && strings.Contains(asciiDigits(string(shown)), mob):
					t.Errorf("%s %s: the mobile shows in %s: %q", e.label, tc.name, e.label, res.Body)
				case !secret && !bytes.Equal(res.Body, body):
					t.Errorf("%s %s clean: altered: %q", e.label, tc.name, res.Body)
				}
			}
		}
	}
}

// TestUnlabelledValidUTF8ShownInBig5: a body with no charset that is
// valid UTF-8 but that Big5 shows as full-width digits between U+FFFD
// (F0 9F A2 B0+d: an unassigned character to UTF-8). Firefox and Chrome
// do not take an unlabelled http page for UTF-8 because it is valid
// UTF-8; in a Traditional Chinese locale they show it in Big5. The mobile
// is masked there; valid UTF-8 Chinese text goes out as it came.
func TestUnlabelledValidUTF8ShownInBig5(t *testing.T) {
	eng := testEngine(t)
	mob := synth.CNMobile(rng(t.Name()))
	var sb strings.Builder
	sb.WriteString("tel ")
	for _, c := range mob {
		sb.WriteString("\xf0\x9f\xa2")
		sb.WriteByte(byte(0xaf + c - '0'))
	}
	body := []byte(sb.String())
	if shownIn, _ := traditionalchinese.Big5.NewDecoder().Bytes(body); !strings.Contains(asciiDigits(string(shownIn)), mob) {
		t.Fatalf("Big5 does not show the digits: %q", shownIn)
	}
	for _, ct := range []string{"text/plain", "text/html", ""} {
		res := mustInspect(t, eng, body, ct, "", Redact)
		if shown, _ := traditionalchinese.Big5.NewDecoder().Bytes(res.Body); strings.Contains(asciiDigits(string(shown)), mob) {
			t.Errorf("%q: Big5 shows %q", ct, shown)
		}
		clean := []byte("今天天气很好，一二三，第 42 号 🢯🢰")
		if res := mustInspect(t, eng, clean, ct, "", Redact); !bytes.Equal(res.Body, clean) {
			t.Errorf("%q clean UTF-8: altered: %q", ct, res.Body)
		}
	}
}
