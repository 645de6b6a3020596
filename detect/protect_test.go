package detect_test

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// protectedFinding returns the protected finding of text, or fails.
func protectedFinding(t *testing.T, e *detect.Engine, text string) detect.Finding {
	t.Helper()
	var got []detect.Finding
	for _, f := range e.Find([]byte(text)) {
		if f.Evidence&detect.EvProtected != 0 {
			got = append(got, f)
		}
	}
	if len(got) != 1 {
		t.Fatalf("%q: %d protected findings, want 1: %s", text, len(got), describe(text, e.Find([]byte(text))))
	}
	return got[0]
}

// protect returns a set keyed by key holding the identifiers of values.
func protect(t *testing.T, key []byte, values ...string) *detect.ProtectedSet {
	t.Helper()
	p := detect.NewProtectedSet(key)
	var fps []string
	for _, v := range values {
		_, fp, err := p.Identify("", v)
		if err != nil {
			t.Fatalf("Identify: %v", err)
		}
		fps = append(fps, fp)
	}
	if err := p.Replace(fps); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestProtectedInAnySpelling checks that a protected identifier is a
// finding in every spelling the engine reads, without label or context,
// and even when the engine does not detect its category, while the same
// text with an identifier not protected is read as without a set.
func TestProtectedInAnySpelling(t *testing.T) {
	r := seeded(seedOf(t.Name()))
	key := []byte(strings.Repeat("p", 32))
	mobile, other, id15, card := synth.CNMobile(r), synth.CNMobile(r), synth.CNID15(r), synth.UnionPayCard(r)
	set := protect(t, key, mobile, id15, card)
	// the engine only looks for e-mails: the protected numbers are found anyway
	e := newEngine(t, detect.Policy{Categories: []detect.Category{detect.Email}, Protected: set})
	plain := newEngine(t, detect.Policy{Protected: set})
	for _, tc := range []struct {
		text string
		cat  detect.Category
	}{
		{"call " + mobile + " now", detect.CNMobile},
		{"call " + synth.FullWidthAll(mobile) + " now", detect.CNMobile},
		{"call " + synth.SeparatorEvery(mobile, " ") + " now", detect.CNMobile},
		{"call " + synth.ChineseNumerals(mobile) + " now", detect.CNMobile},
		{"call " + synth.Grouped(mobile, " ", 3, 2, 2, 4) + " now", detect.CNMobile}, // not a mobile's shape
		{"ref=uid" + mobile + "&x=1", detect.CNMobile},                               // glued to a word
		{`{"note":"+86 ` + mobile + `"}`, detect.CNMobile},
		{"// " + id15 + " fixture", detect.CNID}, // 15 digits without a label are dropped otherwise
		{"<!-- " + synth.Grouped(card, "-", 4) + " -->", detect.BankCard},
	} {
		for _, eng := range []*detect.Engine{e, plain} {
			f := protectedFinding(t, eng, tc.text)
			if f.Category != tc.cat {
				t.Errorf("%q: category %s, want %s", tc.text, f.Category, tc.cat)
			}
		}
	}
	for _, text := range []string{
		"call " + synth.Grouped(other, " ", 3, 2, 2, 4) + " now",
		"// " + synth.CNID15(r) + " fixture",
		"call " + other + " now",
	} {
		for _, f := range plain.Find([]byte(text)) {
			if f.Evidence&detect.EvProtected != 0 {
				t.Errorf("%q: a value not protected has a protected finding", text)
			}
		}
	}
}

// TestProtectedEmail checks that findings of the other categories are
// offered to the set too.
func TestProtectedEmail(t *testing.T) {
	r := seeded(seedOf(t.Name()))
	addr := synth.Email(r)
	set := protect(t, []byte(strings.Repeat("q", 32)), addr)
	e := newEngine(t, detect.Policy{Protected: set})
	for _, spelled := range synth.EmailAtForms(addr) {
		if f := protectedFinding(t, e, "mail "+spelled+" please"); f.Category != detect.Email {
			t.Fatalf("%q: category %s", spelled, f.Category)
		}
	}
}

// TestProtectedSetReplace checks the generation, Has and Len, and that a
// malformed fingerprint changes nothing.
func TestProtectedSetReplace(t *testing.T) {
	p := detect.NewProtectedSet([]byte(strings.Repeat("r", 32)))
	g := p.Generation()
	if err := p.Replace([]string{"0123456789abcdef"}); err != nil {
		t.Fatal(err)
	}
	g1 := p.Generation()
	if g1 == g || p.Len() != 1 || !p.Has("0123456789abcdef") || p.Has("fedcba9876543210") {
		t.Fatalf("after Replace: generation %d, len %d", p.Generation(), p.Len())
	}
	for _, bad := range []string{"0123", "0123456789abcdeg"} {
		if err := p.Replace([]string{bad}); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	if p.Len() != 1 || p.Generation() != g1 {
		t.Fatal("a failed Replace changed the set")
	}
	if _, _, err := p.Identify("", "no identifier here"); err == nil {
		t.Fatal("Identify of plain text: no error")
	}
}

// TestProtectedScanAllocatesNothing checks that a scan for categories pays
// no allocation for the protected set, empty or not.
func TestProtectedScanAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector drops pooled scanners at random")
	}
	r := seeded(seedOf(t.Name()))
	text := []byte(strings.Repeat("order "+synth.CNMobile(r)+" ref "+synth.Grouped(synth.CNMobile(r), " ", 3, 2, 2, 4)+"\n", 50))
	empty := detect.NewProtectedSet([]byte(strings.Repeat("s", 32)))
	full := protect(t, []byte(strings.Repeat("s", 32)), synth.CNMobile(r))
	for name, set := range map[string]*detect.ProtectedSet{"empty": empty, "full": full} {
		e := newEngine(t, detect.Policy{Protected: set})
		e.Categories(text, 0) // warm the pool
		if n := testing.AllocsPerRun(20, func() { e.Categories(text, 0) }); n != 0 {
			t.Errorf("%s set: %v allocations a scan", name, n)
		}
	}
}

// TestProtectedBehindOtherLabels: a protected mobile read as another
// category's value (after a QQ label or key) is still refused.
func TestProtectedBehindOtherLabels(t *testing.T) {
	r := seeded(seedOf(t.Name()))
	key := []byte(strings.Repeat("p", 32))
	mobile := synth.CNMobile(r)
	set := protect(t, key, mobile)
	e := newEngine(t, detect.Policy{Protected: set})
	for _, text := range []string{"QQ " + mobile, "qq号码：" + mobile, "扣扣 " + mobile, `{"qq":"` + mobile + `"}`, "qq=" + mobile} {
		protectedFinding(t, e, text)
	}
}

// TestProtectedNamedCategory: a mobile given under another category name
// ("phone", "cn_landline") is stored as the mobile it is, so it matches.
func TestProtectedNamedCategory(t *testing.T) {
	r := seeded(seedOf(t.Name()))
	key := []byte(strings.Repeat("p", 32))
	mobile := synth.CNMobile(r)
	for _, c := range []detect.Category{detect.Phone, detect.CNLandline} {
		p := detect.NewProtectedSet(key)
		cat, fp, err := p.Identify(c, "+86"+mobile)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Replace([]string{fp}); err != nil {
			t.Fatal(err)
		}
		e := newEngine(t, detect.Policy{Protected: p})
		if f := protectedFinding(t, e, "call "+mobile); f.Category != detect.CNMobile || cat != detect.CNMobile {
			t.Errorf("%s: stored as %s, found as %s", c, cat, f.Category)
		}
	}
}
