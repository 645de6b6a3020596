package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// attack54cGroups writes the mobile m in the short groups 3-2-2-2-2
// joined by sep.
func attack54cGroups(m, sep string) string {
	return strings.Join([]string{m[:3], m[3:5], m[5:7], m[7:9], m[9:]}, sep)
}

// TestAttack54cSecondMobileShortGroups (attack54c F5): a label followed by
// two mobiles (手机：A 或 B, A，B, A、B) where the second is written in
// short groups (138 57 20 48 17): mobileGroupsAt reads short groups right
// behind a mobile's label only, so the second number goes out raw while
// the first is masked; the same second number right behind its own label
// is masked. Should: both counted, no digits of either left in a row.
func TestAttack54cSecondMobileShortGroups(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: detect.MaskPartial})
	r := rand.New(rand.NewPCG(54, 6))
	for range 10 {
		a, b := synth.CNMobile(r), synth.CNMobile(r)
		for _, join := range []string{" 或 ", "，", "、", "; "} {
			text := "手机：" + a[:3] + " " + a[3:7] + " " + a[7:] + join + attack54cGroups(b, " ") + "\n"
			out, fs := e.Redact([]byte(text))
			if strings.Contains(digitsOnly(string(out)), b[3:9]) || countCategory(fs, detect.CNMobile) != 2 {
				t.Errorf("%q -> %q (%d findings): the second mobile goes out raw", text, out, len(fs))
			}
		}
	}
}

// TestAttack54cLabelledShortGroupsNearShapes (attack54c F6): shapes next
// to the labelled short groups fix54mobile reads go out raw: groups set
// off by two or three spaces (aligned columns, 139  57  20  48  16) or by
// " - ", where 139  5720  4816 and 139\t57\t20\t48\t16 are masked (one
// separator run stands throughout here too). Should: masked, one mobile
// counted.
func TestAttack54cLabelledShortGroupsNearShapes(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: detect.MaskPartial})
	r := rand.New(rand.NewPCG(54, 7))
	for range 10 {
		m := synth.CNMobile(r)
		for _, sep := range []string{"  ", " - ", "\t", "   "} {
			text := "手机：" + attack54cGroups(m, sep) + "\n"
			out, fs := e.Redact([]byte(text))
			if strings.Contains(digitsOnly(string(out)), m[3:9]) || countCategory(fs, detect.CNMobile) != 1 {
				t.Errorf("%q -> %q (%d findings): the mobile goes out raw", text, out, len(fs))
			}
		}
	}
}
