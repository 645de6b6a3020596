package detect_test

import (
	"bytes"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// findExact finds text and returns the finding of c spanning s exactly.
func findExact(e *detect.Engine, s sample, c detect.Category) (detect.Finding, []detect.Finding, bool) {
	fs := e.Find([]byte(s.text))
	f, ok := exactly(fs, c, s.start, s.end)
	return f, fs, ok
}

// onlyRunes reports whether s is non-empty and made only of runes in set.
func onlyRunes(s, set string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune(set, c) {
			return false
		}
	}
	return true
}

// TestPartialMasks checks the Chinese display conventions of pii-rules.md:
// 138****5678, 1101**********123X, 6222 **** **** 1234, 张*/欧阳**,
// z***@example.com.
func TestPartialMasks(t *testing.T) {
	e := newEngine(t, detect.Policy{Mask: detect.MaskPartial})
	type maskCase struct {
		name  string
		cat   detect.Category
		gen   func(*rand.Rand) string
		label string
		// check returns "" when masked is right for value v.
		check func(v, masked string) string
	}
	want := func(w string) func(string, string) string {
		return func(_, masked string) string {
			if masked != w {
				return "want " + w
			}
			return ""
		}
	}
	cases := []maskCase{
		{"mobile", detect.CNMobile, synth.CNMobile, "手机：", func(v, m string) string { return want(v[:3]+"****"+v[7:])(v, m) }},
		{"cn_id", detect.CNID, synth.CNID18, "身份证号码：", func(v, m string) string { return want(v[:4]+strings.Repeat("*", 10)+v[14:])(v, m) }},
		{"cn_id_X", detect.CNID, synth.CNID18X, "身份证号码：", func(v, m string) string { return want(v[:4]+strings.Repeat("*", 10)+v[14:])(v, m) }},
		{"card_16", detect.BankCard, synth.Visa, "银行卡号：", func(v, m string) string { return want(v[:4]+" **** **** "+v[12:])(v, m) }},
		{"card_any_length", detect.BankCard, synth.UnionPayCard, "银行卡号：", func(v, m string) string {
			n := len(v)
			if !strings.HasPrefix(m, v[:4]) || !strings.HasSuffix(m, v[n-4:]) || len(m) < 9 ||
				!onlyRunes(m[4:len(m)-4], "* ") || !strings.Contains(m, "*") {
				return "want first 4 and last 4 digits around '*' (grouped by spaces)"
			}
			return ""
		}},
		{"name", detect.CNName, synth.CNName, "姓名：", nil},
		{"email", detect.Email, synth.Email, "Email: ", func(v, m string) string {
			at := strings.IndexByte(v, '@')
			if len(m) < len(v)-at+2 || m[:1] != v[:1] || !strings.HasSuffix(m, v[at:]) || !onlyRunes(m[1:len(m)-(len(v)-at)], "*") {
				return "want first character of the local part, '*'s, then @domain"
			}
			return ""
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := seeded(seedOf("partial" + c.name))
			var miss, bad failures
			for range perCase {
				check := c.check
				var v string
				if c.cat == detect.CNName {
					sur, given := synth.CNNameParts(r)
					v = sur + given
					check = want(sur + strings.Repeat("*", utf8.RuneCountInString(given)))
				} else {
					v = c.gen(r)
				}
				s := embed(c.label, v, "，请核对")
				f, fs, ok := findExact(e, s, c.cat)
				if !ok {
					miss.add("%q: got %s", s.text, describe(s.text, fs))
					continue
				}
				if msg := check(v, f.Masked); msg != "" {
					bad.add("%s masked as %q: %s", v, f.Masked, msg)
				}
			}
			miss.report(t, "value not found", perCase)
			bad.report(t, "partial mask", perCase)
		})
	}
}

// TestMaskStyles checks the label, full and hash styles on every category
// of the valid-value table.
func TestMaskStyles(t *testing.T) {
	label := newEngine(t, detect.Policy{Mask: detect.MaskLabel})
	full := newEngine(t, detect.Policy{Mask: detect.MaskFull})
	hash := newEngine(t, detect.Policy{Mask: detect.MaskHash})
	const n = 40
	for _, c := range validCases {
		t.Run(c.name, func(t *testing.T) {
			hashRE := regexp.MustCompile(`^\[` + strings.ToUpper(string(c.cat)) + `_[0-9a-f]{12}\]$`)
			r := seeded(seedOf("styles" + c.name))
			var miss, bl, bf, bh failures
			for range n {
				s := fillTemplate("{L}{V}，请核对。", pickOf(r, c.labels), c.gen(r))
				for _, x := range []struct {
					e     *detect.Engine
					bad   *failures
					check func(string) bool
				}{
					{label, &bl, func(m string) bool { return m == c.cat.Label() }},
					{full, &bf, func(m string) bool { return onlyRunes(m, "*") }},
					{hash, &bh, hashRE.MatchString},
				} {
					f, fs, ok := findExact(x.e, s, c.cat)
					if !ok {
						miss.add("%q: got %s", s.text, describe(s.text, fs))
						continue
					}
					if !x.check(f.Masked) {
						x.bad.add("%q masked as %q", s.text[s.start:s.end], f.Masked)
					}
				}
			}
			miss.report(t, "value not found", 3*n)
			bl.report(t, "label style (want "+c.cat.Label()+")", n)
			bf.report(t, "full style (want only '*')", n)
			bh.report(t, "hash style (want "+hashRE.String()+")", n)
		})
	}
}

// spellings are ways of writing one number that must share a fingerprint.
var spellings = []obfuscator{
	{"ascii", func(s string) string { return s }},
	{"fullwidth", synth.FullWidth},
	{"chinese_numerals", synth.ChineseNumerals},
	{"sep_space", func(s string) string { return synth.SeparatorEvery(s, " ") }},
	{"zwsp", func(s string) string { return synth.ZeroWidth(s, '\u200B') }},
	{"html_decimal", synth.HTMLDecimal},
}

// TestFingerprintsAcrossSpellings checks that the fingerprint and the hash
// mask of a number do not depend on its spelling, depend on the key and
// the value, and never contain the number.
func TestFingerprintsAcrossSpellings(t *testing.T) {
	hash := newEngine(t, detect.Policy{Mask: detect.MaskHash})
	hash2 := newEngine(t, detect.Policy{Mask: detect.MaskHash})
	other := newEngine(t, detect.Policy{Mask: detect.MaskHash, FingerprintKey: []byte("another-key")})
	for _, v := range []struct {
		name  string
		cat   detect.Category
		gen   func(*rand.Rand) string
		label string
	}{
		{"cn_id", detect.CNID, synth.CNID18, "身份证号码："},
		{"mobile", detect.CNMobile, synth.CNMobile, "手机："},
		{"card", detect.BankCard, synth.UnionPayCard, "银行卡号："},
	} {
		t.Run(v.name, func(t *testing.T) {
			r := seeded(seedOf("fingerprint" + v.name))
			var miss, unstable, leak, keyed, collide failures
			seen := map[string]string{}
			for range 50 {
				raw := v.gen(r)
				var fp0, mask0 string
				for i, sp := range spellings {
					s := embed(v.label, sp.f(raw), " 已登记")
					f, fs, ok := findExact(hash, s, v.cat)
					if !ok {
						miss.add("%s %q: got %s", sp.name, s.text, describe(s.text, fs))
						continue
					}
					if strings.Contains(f.Fingerprint, raw) || strings.Contains(f.Masked, raw) {
						leak.add("%s: fingerprint %q / mask %q contain the number", raw, f.Fingerprint, f.Masked)
					}
					if fp0 == "" {
						fp0, mask0 = f.Fingerprint, f.Masked
					} else if f.Fingerprint != fp0 || f.Masked != mask0 {
						unstable.add("%s: ascii gives %s %s, %s gives %s %s", raw, fp0, mask0, sp.name, f.Fingerprint, f.Masked)
					}
					if i == 0 {
						if f2, _, ok := findExact(hash2, s, v.cat); ok && f2.Fingerprint != f.Fingerprint {
							unstable.add("%s: two engines with one key disagree: %s vs %s", raw, f.Fingerprint, f2.Fingerprint)
						}
						if f3, _, ok := findExact(other, s, v.cat); ok && (f3.Fingerprint == f.Fingerprint || f3.Masked == f.Masked) {
							keyed.add("%s: another key gives the same fingerprint %s", raw, f.Fingerprint)
						}
					}
				}
				if fp0 != "" {
					if prev, dup := seen[fp0]; dup && prev != raw {
						collide.add("%s and %s share fingerprint %s", prev, raw, fp0)
					}
					seen[fp0] = raw
				}
			}
			miss.report(t, "spelling not found", 50*len(spellings))
			unstable.report(t, "fingerprint or hash mask differs across spellings", 50)
			leak.report(t, "fingerprint or mask contains the number", 50*len(spellings))
			keyed.report(t, "fingerprint independent of the key", 50)
			collide.report(t, "distinct values share a fingerprint", 50)
		})
	}
}

// TestRedactOutput checks, for every mask style, that redacting a mixed
// corpus gives valid UTF-8, that redacting the output again changes
// nothing, and (label style) that no planted value survives.
func TestRedactOutput(t *testing.T) {
	text, planted := synth.MixedCorpusPlanted(seeded(21), 128<<10)
	for _, style := range []detect.MaskStyle{detect.MaskPartial, detect.MaskFull, detect.MaskLabel, detect.MaskHash} {
		t.Run(string(style), func(t *testing.T) {
			e := newEngine(t, detect.Policy{Mask: style})
			out, fs := e.Redact(text)
			if len(fs) == 0 {
				t.Fatal("nothing found in the mixed corpus")
			}
			if !utf8.Valid(out) {
				t.Fatal("output is not valid UTF-8")
			}
			if !bytes.Equal(detect.Apply(text, fs), out) {
				t.Error("Redact output differs from Apply(text, findings)")
			}
			again, fs2 := e.Redact(out)
			if !bytes.Equal(again, out) {
				t.Errorf("redacting the output again changed it; findings: %s", clip(describe(string(out), fs2), 600))
			}
			if style == detect.MaskLabel {
				var leak failures
				for _, p := range planted {
					v := text[p.Start:p.End]
					if len(v) >= 8 && bytes.Contains(out, v) {
						leak.add("%s (%s) %q survives", p.Kind, p.Form, v)
					}
				}
				leak.report(t, "planted value survives label redaction", len(planted))
			}
		})
	}
}

// TestPolicyCategories checks that Categories and Ignore restrict what is
// reported.
func TestPolicyCategories(t *testing.T) {
	text := synth.MixedCorpus(seeded(31), 64<<10)
	all := newEngine(t, detect.Policy{}).Find(text)
	if len(ofCategory(all, detect.CNMobile)) == 0 || len(ofCategory(all, detect.Email)) == 0 {
		t.Fatalf("corpus should contain mobiles and e-mails; got %d findings", len(all))
	}
	for _, f := range newEngine(t, detect.Policy{Ignore: []detect.Category{detect.CNMobile}}).Find(text) {
		if f.Category == detect.CNMobile {
			t.Fatalf("Ignore cn_mobile still reports %s", describe(string(text), []detect.Finding{f}))
		}
	}
	only := newEngine(t, detect.Policy{Categories: []detect.Category{detect.Email}}).Find(text)
	for _, f := range only {
		if f.Category != detect.Email {
			t.Fatalf("Categories [email] reports %s", f.Category)
		}
	}
	if len(only) != len(ofCategory(all, detect.Email)) {
		t.Errorf("Categories [email] found %d e-mails, all categories %d", len(only), len(ofCategory(all, detect.Email)))
	}
}
