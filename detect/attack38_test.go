package detect_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestAttack38E164TrunkPrefix: nationalLengthOK (e164lengths.go) counts
// the trunk prefix a number is written with, "(0)", as a national digit,
// so the common international form "+44 (0)20 …", "+33 (0)6 …",
// "+81 (0)90-…" is one digit too long for its country and no longer a
// phone: masked before the per-country lengths (e457166), now sent as it
// is. Mexico's mobile "+52 1 55 …" (the '1' a dialer still accepts) too.
func TestAttack38E164TrunkPrefix(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("intl")})
	r := rand.New(rand.NewPCG(38, 21))
	d := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + r.IntN(10))
		}
		return string(b)
	}
	for _, f := range []string{
		"+44 (0)20 %s %s", "+44(0)20%s%s",
		"+33 (0)6 %s %s", "+61 (0)4 %s %s", "+91 (0)98765 %s%s",
		"+886 (0)912 %s %s", "+886 (0)2 %s %s", "+81 (0)90-%s-%s", "+82 (0)10-%s-%s",
		"+52 1 55 %s %s", "+521 55 %s %s",
	} {
		var text string
		switch f {
		case "+91 (0)98765 %s%s":
			text = fmt.Sprintf(f, d(3), d(2))
		case "+886 (0)912 %s %s":
			text = fmt.Sprintf(f, d(3), d(3))
		default:
			text = fmt.Sprintf(f, d(4), d(4))
		}
		t.Run(f, func(t *testing.T) {
			if !phoneFound(e, "call "+text+" now") {
				t.Errorf("%q: no phone found (found before e164lengths)", text)
			}
		})
	}
}

// TestAttack38CNLandlineTrunkZero: a mainland landline written
// internationally with its trunk zero kept, "+86 (0)10 …", "+86 0755 …",
// "0086 (0)21 …" (a business card's common form, dialled as it is by
// many phones), is no landline and no phone: sent unmasked, while
// "010 …" and "+86 10 …" are found. (As before this session.)
func TestAttack38CNLandlineTrunkZero(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("cn")})
	r := rand.New(rand.NewPCG(38, 22))
	d := func(n int) string {
		b := make([]byte, n)
		b[0] = byte('2' + r.IntN(7))
		for i := 1; i < n; i++ {
			b[i] = byte('0' + r.IntN(10))
		}
		return string(b)
	}
	for _, f := range []string{"+86 (0)10 %s %s", "+86 (0)21 %s %s", "+86 (0)755 %s %s", "+86 0755 %s %s", "0086 (0)10 %s %s", "++86 (0)10 %s %s"} {
		text := fmt.Sprintf(f, d(4), d(4))
		t.Run(f, func(t *testing.T) {
			if fs := e.Find([]byte("call " + text + " now")); len(fs) == 0 {
				t.Errorf("%q: nothing found", text)
			}
		})
	}
}

// A mainland landline after +86 with its trunk zero kept is masked whole,
// the country code and "(0)" with it, and is one value however it is
// written: its fingerprint is that of 010-…, +86 10 ….
func TestCNLandlineTrunkZeroMaskedWhole(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("cn")})
	r := rand.New(rand.NewPCG(39, 2))
	for range 50 {
		local := string(byte('2'+r.IntN(8))) + digitsOf(r, 7)
		for _, area := range []string{"10", "21", "755"} {
			want := ""
			for _, f := range []string{
				"0%s-%s", "+86 %s %s", "+86 (0)%s %s", "+86(0)%s-%s", "+86 0%s %s",
				"0086 (0)%s %s", "++86 (0)%s %s", "(+86) (0)%s %s", "+86 (0) %s %s",
			} {
				text := "call " + fmt.Sprintf(f, area, local[:4]+" "+local[4:]) + " now"
				fs := e.Find([]byte(text))
				if len(fs) != 1 || fs[0].Category != detect.CNLandline {
					t.Errorf("%q: found %+v, want one landline", text, fs)
					continue
				}
				if fs[0].Start != len("call ") || fs[0].End != len(text)-len(" now") {
					t.Errorf("%q: span %d..%d, not the whole number", text, fs[0].Start, fs[0].End)
				}
				if want == "" {
					want = fs[0].Fingerprint
				} else if fs[0].Fingerprint != want {
					t.Errorf("%q: fingerprint differs from 0%s-…", text, area)
				}
			}
		}
	}
}
