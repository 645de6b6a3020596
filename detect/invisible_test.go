package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestInvisiblesBetweenDigits: characters shown as nothing that are not
// format characters (U+034F, U+115F, U+3164, U+FFA0, …) and combining
// marks drawn on a digit (1̲3̲8̲) leave the digits read as one number.
func TestInvisiblesBetweenDigits(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 41))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for _, mark := range []string{"\u034f", "\u115f", "\u1160", "\u17b4", "\u17b5", "\u3164", "\uffa0", "\u0301", "\u0332", "\u20dd", "\ufe20"} {
		m := synth.CNMobile(r)
		text := "tel " + strings.Join(strings.Split(m, ""), mark) + mark
		if fs := e.Find([]byte(text)); !hasCategory(fs, detect.CNMobile) {
			t.Errorf("%U after each digit: %v", []rune(mark)[0], fs)
		}
	}
}

// TestNULBetweenDigits: a NUL byte between digits is dropped by the HTML
// tree builder (in body text) and shown as nothing by a terminal, so the
// digits around it read as one number.
func TestNULBetweenDigits(t *testing.T) {
	r := rand.New(rand.NewPCG(43, 43))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	m := synth.CNMobile(r)
	for _, text := range []string{
		"tel " + m[:3] + "\x00" + m[3:],
		"tel " + strings.Join(strings.Split(m, ""), "\x00"),
	} {
		if fs := e.Find([]byte(text)); !hasCategory(fs, detect.CNMobile) {
			t.Errorf("%q: %v", text, fs)
		}
	}
}

// TestInvisiblesInEmail: a zero-width character or soft hyphen after every
// character of an address, the dot before its top-level domain included,
// leaves it one address, found whole.
func TestInvisiblesInEmail(t *testing.T) {
	r := rand.New(rand.NewPCG(47, 47))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for _, mark := range append(synth.ZeroWidthChars, '\u00ad') {
		v := synth.SeparatorEvery(synth.Email(r), string(mark))
		for _, text := range []string{"email: " + v, "请发到" + v + "，谢谢"} {
			fs := e.Find([]byte(text))
			if len(fs) != 1 || fs[0].Category != detect.Email || !strings.Contains(v, text[fs[0].Start:fs[0].End]) || fs[0].End-fs[0].Start < len(v)-len(string(mark)) {
				t.Errorf("%U after each character: %q gave %v", mark, text, fs)
			}
		}
	}
}
