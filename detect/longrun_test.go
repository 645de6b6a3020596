package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// Runs of separated digits longer than the engine collects at a time are
// read in overlapping pieces: no panic, and no identifier hidden behind
// junk digits.
func TestLongSeparatedRuns(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("long")})
	for _, n := range []int{63, 64, 65, 66, 127, 128, 129, 1000} {
		for _, sep := range []string{" ", "-", "\u3000", "\u200b", "&#32;"} {
			text := strings.Repeat("1"+sep, n)
			if _, fs := e.Redact([]byte(text)); len(fs) != 0 {
				t.Errorf("%d ones separated by %q: %d findings, want none", n, sep, len(fs))
			}
		}
	}
	r := rand.New(rand.NewPCG(9, 9))
	for junk := 40; junk <= 140; junk += 7 {
		mobile := synth.CNMobile(r)
		spelled := []string{
			synth.SeparatorEvery(mobile, " "),
			synth.SeparatorEvery(synth.FullWidth(mobile), " "),
			synth.SeparatorEvery(synth.ChineseNumerals(mobile), " "),
		}
		for _, m := range spelled {
			text := "手机：" + strings.Repeat("0 ", junk) + "， " + m
			out, _ := e.Redact([]byte(text))
			if strings.Contains(string(out), m) {
				t.Errorf("a mobile after %d junk digits was not redacted: %q", junk, out)
			}
			text = strings.Repeat("0 ", junk) + m + " 姓名张三"
			out, _ = e.Redact([]byte(text))
			if strings.Contains(string(out), m) {
				t.Errorf("a mobile glued to %d junk digits was not redacted", junk)
			}
		}
	}
}

// The next piece of a cut run starts after a separator: the digits before
// it are its own run's, not glue. Mobiles joined by '-' inside a run of
// more than 64 digits are each redacted, wherever the cut falls.
func TestCutRunPiecesAreNotGlued(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("cut")})
	r := rand.New(rand.NewPCG(11, 11))
	for lead := 20; lead <= 60; lead++ {
		a, b := synth.CNMobile(r), synth.CNMobile(r)
		for _, shape := range []string{
			strings.Repeat("0", lead) + " " + a + "-" + b + " " + strings.Repeat("0", 10),
			"A" + strings.Repeat("0", lead) + " " + a + " " + b + " " + strings.Repeat("0", 9),
		} {
			out, _ := e.Redact([]byte(shape))
			if strings.Contains(string(out), a) || strings.Contains(string(out), b) {
				t.Errorf("%d leading digits: a mobile was left in %q", lead, out)
			}
		}
	}
}
