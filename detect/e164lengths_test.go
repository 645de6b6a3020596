package detect_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// phoneFound reports whether the engine finds an international phone in
// text.
func phoneFound(e *detect.Engine, text string) bool {
	for _, f := range e.Find([]byte(text)) {
		if f.Category == detect.Phone {
			return true
		}
	}
	return false
}

// A number after '+' is an international phone only when its national
// part has a length its country gives: build+20240101 is no Egyptian
// number (+20 and six digits), while numbers of every length a known
// country uses are still found.
func TestE164NationalLengths(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("intl")})
	r := rand.New(rand.NewPCG(37, 1))
	for range 50 {
		date := fmt.Sprintf("20%02d%02d%02d", r.IntN(30), 1+r.IntN(12), 1+r.IntN(28))
		for _, text := range []string{"q=build+" + date, "v=" + date + "+" + date[2:] + " x+" + date} {
			if phoneFound(e, text) {
				t.Errorf("%q: a date after '+' read as a phone", text)
			}
		}
	}
	lengths := map[string][2]int{
		"20": {8, 10}, "33": {9, 9}, "44": {9, 10}, "49": {6, 13}, "61": {9, 9},
		"65": {8, 8}, "81": {9, 10}, "91": {10, 10}, "852": {8, 8}, "886": {8, 9},
	}
	for cc, l := range lengths {
		for n := l[0] - 2; n <= l[1]+2; n++ {
			if len(cc)+n < 8 || len(cc)+n > 15 {
				continue // no E.164 number at all
			}
			for range 20 {
				nat := string(byte('2'+r.IntN(6))) + digitsOf(r, n-1)
				text := fmt.Sprintf("call +%s %s now", cc, nat)
				want := n >= l[0] && n <= l[1]
				if got := phoneFound(e, text); got != want {
					t.Errorf("%q (%d national digits): phone found %v, want %v", text, n, got, want)
				}
			}
		}
	}
}

// A doubled plus sign before China's calling code is read as one, as a
// dialer reads it (libphonenumber takes a run of plus signs for one) and a
// reader does: ++86-755-…, ++86 138 … are masked whole, signs and code
// included.
func TestDoubledPlusChinaCode(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("intl")})
	r := rand.New(rand.NewPCG(37, 2))
	for range 100 {
		local := string(byte('2'+r.IntN(8))) + digitsOf(r, 7)
		mobile := "13" + digitsOf(r, 9)
		for _, c := range []struct{ text, secret string }{
			{"call ++86-755-" + local + " now", local[2:6]},
			{"call ++86 755 " + local + " now", local[2:6]},
			{"tel:++86.755." + local, local[2:6]},
			{"call +++86-755-" + local + " now", local[2:6]},
			{"call ++86 " + mobile[:3] + " " + mobile[3:7] + " " + mobile[7:] + " now", mobile[3:7]},
			{"call ++86" + mobile + " now", mobile[3:7]},
		} {
			out, _ := e.Redact([]byte(c.text))
			if strings.Contains(string(out), c.secret) || strings.Contains(string(out), "++") {
				t.Errorf("%q: redacted to %q", c.text, out)
			}
		}
	}
}

// A trunk 0 written in an international number (+44 (0)20 …, +33 0 6 …)
// and Mexico's former mobile 1 (+52 1 55 …) are no national digits: the
// number is found, masked whole with its '+' and prefix, and the country's
// lengths still hold for the digits after them. Australia's 13 and
// 1300/1800 numbers are business lines, no one's personal number.
func TestE164TrunkPrefixLengths(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("intl")})
	r := rand.New(rand.NewPCG(39, 1))
	for range 30 {
		tail := digitsOf(r, 4)
		for _, c := range []struct {
			text string
			want bool
		}{
			{"+44 (0)20 " + digitsOf(r, 4) + " " + tail, true},
			{"+44 020 " + digitsOf(r, 4) + " " + tail, true},
			{"+33 (0)6 " + digitsOf(r, 4) + " " + tail, true},
			{"+33 (0)6 " + digitsOf(r, 3) + " " + tail, false}, // 8 national digits
			{"+33 (0)6 " + digitsOf(r, 5) + " " + tail, false}, // 10
			{"+91 (0)98 " + digitsOf(r, 4) + " " + tail, true},
			{"+91 (0)98 " + digitsOf(r, 5) + " " + tail, false}, // 11
			{"+52 1 55 " + digitsOf(r, 4) + " " + tail, true},
			{"+52 55 " + digitsOf(r, 4) + " " + tail, true},
			{"+52 2 55 " + digitsOf(r, 4) + " " + tail, false}, // 11, no mobile 1
			{"+52 1 55 " + digitsOf(r, 5) + " " + tail, false}, // 12
			{"+61 13 " + digitsOf(r, 2) + " " + tail[:2], false},
			{"+61 1300 " + digitsOf(r, 3) + " " + tail[:3], false},
			{"+61 1800 " + digitsOf(r, 3) + " " + tail[:3], false},
		} {
			text := "call " + c.text + " now"
			if got := phoneFound(e, text); got != c.want {
				t.Errorf("%q: phone found %v, want %v", text, got, c.want)
				continue
			}
			if !c.want {
				continue
			}
			out, _ := e.Redact([]byte(text))
			if strings.Contains(string(out), "(0)") || strings.Contains(string(out), " 55 ") || !strings.HasPrefix(string(out), "call +") {
				t.Errorf("%q: redacted to %q, not masked whole", text, out)
			}
		}
	}
}
