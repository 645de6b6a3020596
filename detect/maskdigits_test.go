package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// countDigits counts the ASCII digits of s.
func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

// A partial mask never leaves an identifier guessable: of every number at
// least four digits stay hidden, and of an e-mail address everything of
// the local part but its first character.
func TestPartialMasksHideFourDigits(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("masks")})
	r := rand.New(rand.NewPCG(11, 14))
	for _, c := range detect.Categories() {
		if len(c.Labels) == 0 {
			t.Errorf("%s: no label in the registry", c.Category)
			continue
		}
		label := labelled(c.Labels[0], "")
		for _, k := range synth.ByCategory[string(c.Category)].Valid {
			for range 50 {
				v := k.Gen(r)
				fs := e.Find([]byte(label + v))
				if len(fs) == 0 {
					t.Errorf("%s/%s: %q not found", c.Category, k.Name, label+v)
					continue
				}
				f := fs[len(fs)-1]
				if c.Category == detect.Email {
					first, _ := utf8.DecodeRuneInString(v)
					at := strings.LastIndexByte(v, '@')
					if want := strings.ToLower(string(first)) + "***" + strings.ToLower(v[at:]); f.Masked != want {
						t.Errorf("%s: %q masked %q, want %q", c.Category, v, f.Masked, want)
					}
					continue
				}
				if c.Category == detect.CNPlate {
					// a plate's serial mixes letters and digits: four of its
					// five characters are hidden, whichever they are
					if strings.Count(f.Masked, "*") < 4 {
						t.Errorf("%s: %q masked %q: fewer than four characters hidden", c.Category, v, f.Masked)
					}
					continue
				}
				if d := countDigits(v); d >= 4 && countDigits(f.Masked) > d-4 {
					t.Errorf("%s/%s: %q masked %q: fewer than four digits hidden", c.Category, k.Name, v, f.Masked)
				}
			}
		}
	}
}

// A landline with a seven-digit local number keeps at most three of them.
func TestLandlineMaskSevenDigits(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("masks")})
	r := rand.New(rand.NewPCG(11, 15))
	for range 100 {
		area := []string{"0755", "0571", "0431", "0898"}[r.IntN(4)]
		local := string(rune('2'+r.IntN(8))) + digitsOf(r, 6)
		text := "电话：" + area + "-" + local
		fs := e.Find([]byte(text))
		if len(fs) != 1 || fs[0].Category != detect.CNLandline {
			t.Errorf("%q: %v", text, fs)
			continue
		}
		if want := area + "-****" + local[4:]; fs[0].Masked != want {
			t.Errorf("%q masked %q, want %q", text, fs[0].Masked, want)
		}
	}
}

// A landline's extension is part of the finding, so the mask hides it.
func TestLandlineExtension(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("masks")})
	r := rand.New(rand.NewPCG(11, 16))
	for range 100 {
		num := "021-" + string(rune('2'+r.IntN(8))) + digitsOf(r, 7)
		ext := digitsOf(r, 1+r.IntN(4))
		text := "电话：" + num + "-" + ext + " 找王经理"
		start := len("电话：")
		if fs := e.Find([]byte(text)); !covers(fs, detect.CNLandline, start, start+len(num)+1+len(ext)) {
			t.Errorf("%q: extension not covered: %v", text, fs)
		}
	}
}
