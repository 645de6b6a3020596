package detect_test

import (
	"fmt"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// Numbers that other validators accept and people write behind a label,
// too ambiguous to find without one: local landline numbers, area codes
// with a placeholder-like local number, the trunk 0 before a mobile, the
// all-digit passport series, Hong Kong and Macau passport series, dotted
// SSNs and ITINs; and the 2022 new-energy plate serials.
func TestLabelledNumberSpellings(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := seeded(seedOf("labelled numbers"))
	for range 50 {
		local8 := fmt.Sprint(2+r.IntN(8)) + digitsOf(r, 7)
		local7 := fmt.Sprint(2+r.IntN(8)) + digitsOf(r, 6)
		one8 := "1" + digitsOf(r, 7)
		m := synth.CNMobile(r)
		pass := fmt.Sprint(14+r.IntN(2)) + digitsOf(r, 7)
		hk := string("KHM"[r.IntN(3)]) + string("ABJN"[r.IntN(4)]) + digitsOf(r, 7)
		plate := "京" + string("ABCEGHJK"[r.IntN(8)]) + string("ABCEGHJK"[r.IntN(8)]) + digitsOf(r, 5)
		itin := fmt.Sprintf("9%02d-%02d-%04d", r.IntN(100), 70+r.IntN(19), 1+r.IntN(9999))
		ssn := synth.USSSN(r)
		dotted := ssn[:3] + "." + ssn[4:6] + "." + ssn[7:]
		for _, c := range []struct{ text, want string }{
			{"电话：" + local8, "cn_landline:" + local8},
			{"座机：" + local7, "cn_landline:" + local7},
			{"编号：" + local8, ""},
			{"电话：010-" + one8, "cn_landline:010-" + one8},
			{"电话：010" + one8, "cn_landline:010" + one8},
			{"电话：010 " + one8, ""}, // a space: an area code, then another number
			{"电话：020-" + local7, "cn_landline:020-" + local7},
			{"电话：(0755)" + local8 + "-12", "cn_landline:(0755)" + local8 + "-12"},
			{"电话：010-" + local8 + "1", ""}, // one digit too many
			{"手机：0" + m, "cn_mobile:0" + m},
			{"编号：0" + m, ""},
			{"护照号码：" + pass, "cn_passport:" + pass},
			{"编号：" + pass, ""},
			{"护照：" + hk, "cn_passport:" + hk},
			{"护照号码：dc" + digitsOf(r, 7), ""},
			{"车牌号：" + plate, "cn_plate:" + plate},
			{"车牌号：京AI" + digitsOf(r, 5), ""},
			{"ITIN: " + itin, "us_ssn:" + itin},
			{"个税号 " + itin, ""},
			{"SSN: " + dotted, "us_ssn:" + dotted},
			{"SSN: " + ssn[:3] + "-" + ssn[4:6] + "." + ssn[7:], ""},
			{"SSN: 078-05-1120", ""},
			{"SSN: 123-45-6789", ""},
		} {
			if got := findingsOf(e, c.text); got != c.want {
				t.Errorf("%q: got %q, want %q", c.text, got, c.want)
			}
		}
	}
}

// A local landline number read without its area code keeps only its last
// four digits in the partial mask, hiding at least four.
func TestLocalLandlineMask(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	for _, c := range []struct{ text, want string }{
		{"电话：22033212", "电话：****3212"},
		{"电话：2203321", "电话：****321"},
	} {
		if out, _ := e.Redact([]byte(c.text)); string(out) != c.want {
			got := string(out)
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
}
