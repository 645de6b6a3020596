package fieldtext

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack39HostXBesideDigits: starDigits (host.go) reads a host's or a
// header name's digits alone but keeps an 'x' or 'X' right after a
// digit (a resident ID's check character), so an x glued to a mobile on
// either side makes the digits a run no rule reads: "u<mobile>x.example",
// "0x<mobile>.example", "u<mobile>xyz", and the header names
// "X-0x<mobile>", "X-u<mobile>x" pass RedactHost and RedactName
// unmasked, with no finding, while "x<mobile>.example" (the x before the
// digits) is masked (control). Expected to fail.
func TestAttack39HostXBesideDigits(t *testing.T) {
	find := testFinder()
	m := synth.CNMobile(rand.New(rand.NewPCG(39, 61)))
	if _, fs := RedactHost(find, "x"+m+".example"); len(fs) == 0 {
		t.Fatalf("control x%s.example: no finding", m)
	}
	for _, label := range []string{"0x" + m, "0X" + m, "1x" + m, "u" + m + "x", "u" + m + "xyz", "u" + m + "x1"} {
		t.Run(label, func(t *testing.T) {
			host := label + ".shop.example"
			if out, fs := RedactHost(find, host); len(fs) == 0 || strings.Contains(out, m[3:7]) {
				t.Errorf("RedactHost(%q) = %q, %d findings", host, out, len(fs))
			}
			name := "X-" + label
			if out, fs := RedactName(find, name); len(fs) == 0 || strings.Contains(out, m[3:7]) {
				t.Errorf("RedactName(%q) = %q, %d findings", name, out, len(fs))
			}
		})
	}
}
