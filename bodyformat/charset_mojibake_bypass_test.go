package bodyformat

import (
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// mojibakeBig5Digits spells digits as valid UTF-8 that Big5 shows as full-width
// digits (F0 9F A2 AF+d: U+FFFD then the digit).
func mojibakeBig5Digits(digits string) string {
	var sb strings.Builder
	for _, c := range digits {
		sb.WriteString("\xf0\x9f\xa2")
		sb.WriteByte(byte(0xaf + c - '0'))
	}
	return sb.String()
}

// big5Shows is what a receiver reading the body in Big5 sees, as ASCII
// digits (markup and everything else dropped).
func big5Shows(b []byte) string {
	s, _ := traditionalchinese.Big5.NewDecoder().Bytes(b)
	return asciiDigits(string(s))
}

// TestMojibakeBypassesMasked: valid UTF-8 with no charset that Big5 shows
// as a mobile, split over lines, between markup, across separators
// (attack pass 27): Big5 no longer shows the mobile, or the body is
// refused.
func TestMojibakeBypassesMasked(t *testing.T) {
	eng := testEngine(t)
	mob := synth.CNMobile(rng(t.Name()))
	a, b := mob[:3], mob[3:]
	a5, b5 := mob[:5], mob[5:]
	for _, tc := range []struct {
		name, ct, body string
	}{
		{"control whole", "text/html", "tel " + mojibakeBig5Digits(mob)},
		{"split LF 3/8 html", "text/html", "tel " + mojibakeBig5Digits(a) + "\n" + mojibakeBig5Digits(b)},
		{"split LF 5/6 html", "text/html", "tel " + mojibakeBig5Digits(a5) + "\n" + mojibakeBig5Digits(b5)},
		{"split CRLF 3/8 html", "text/html", "tel " + mojibakeBig5Digits(a) + "\r\n" + mojibakeBig5Digits(b)},
		{"split LF 3/8 plain", "text/plain", "tel " + mojibakeBig5Digits(a) + "\n" + mojibakeBig5Digits(b)},
		{"split LF 3/8 none", "", "tel " + mojibakeBig5Digits(a) + "\n" + mojibakeBig5Digits(b)},
		{"split 4/4/3 html", "text/html", "tel " + mojibakeBig5Digits(mob[:4]) + "\n" + mojibakeBig5Digits(mob[4:8]) + "\n" + mojibakeBig5Digits(mob[8:])},
		{"tag between html", "text/html", "tel " + mojibakeBig5Digits(a) + "<b></b>" + mojibakeBig5Digits(b)},
		{"span between html", "text/html", "tel " + mojibakeBig5Digits(a) + "<span>" + mojibakeBig5Digits(b) + "</span>"},
		{"comment between html", "text/html", "tel " + mojibakeBig5Digits(a) + "<!-- x -->" + mojibakeBig5Digits(b)},
		{"entities then moj html", "text/html", "tel &#" + strconv.Itoa(int(a[0])) + ";&#" + strconv.Itoa(int(a[1])) + ";&#" + strconv.Itoa(int(a[2])) + ";" + mojibakeBig5Digits(b)},
		{"nbsp between html", "text/html", "tel " + mojibakeBig5Digits(a) + "&nbsp;" + mojibakeBig5Digits(b)},
		{"3 dashes gap plain", "text/plain", "tel " + mojibakeBig5Digits(a) + "---" + mojibakeBig5Digits(b)},
		{"gap 3 of (-) plain", "text/plain", "tel (" + mojibakeBig5Digits(a) + ") -" + mojibakeBig5Digits(b)},
	} {
		body := []byte(tc.body)
		res, err := Inspect(eng, body, tc.ct, "", Redact, Limits{})
		if err != nil {
			continue // refused
		}
		if strings.Contains(big5Shows(res.Body), mob) {
			t.Errorf("%s (%q): Big5 still shows the mobile; changed=%v", tc.name, tc.ct, res.Changed)
		}
	}
}
