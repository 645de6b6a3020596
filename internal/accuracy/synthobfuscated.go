package accuracy

import (
	"math/rand/v2"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// spelling rewrites a value to evade detection.
type spelling struct {
	name string
	do   func(r *rand.Rand, v string) string
}

// digitSpellings are the README's evasions of a number.
var digitSpellings = []spelling{
	{"sep_space", func(_ *rand.Rand, v string) string { return synth.SeparatorEvery(v, " ") }},
	{"sep_dash", func(_ *rand.Rand, v string) string { return synth.SeparatorEvery(v, "-") }},
	{"sep_dot", func(_ *rand.Rand, v string) string { return synth.SeparatorEvery(v, ".") }},
	{"sep_slash", func(_ *rand.Rand, v string) string { return synth.SeparatorEvery(v, "/") }},
	{"sep_newline", func(_ *rand.Rand, v string) string { return synth.SeparatorEvery(v, "\n") }},
	{"sep_emoji", func(r *rand.Rand, v string) string {
		return synth.SeparatorEvery(v, pick(r, []string{"😀", "🔥", "⭐", "❤️"}))
	}},
	{"zero_width", func(r *rand.Rand, v string) string { return synth.ZeroWidth(v, pick(r, synth.ZeroWidthChars)) }},
	{"soft_hyphen", func(_ *rand.Rand, v string) string { return synth.SoftHyphen(v) }},
	{"chinese_numerals", func(r *rand.Rand, v string) string {
		if r.IntN(2) == 0 {
			return synth.ChineseNumeralsCircle(v)
		}
		return synth.ChineseNumerals(v)
	}},
	{"radio_reading", func(_ *rand.Rand, v string) string { return synth.RadioReading(v) }},
	{"circled", func(_ *rand.Rand, v string) string { return synth.CircledDigits(v) }},
	{"fullwidth", func(_ *rand.Rand, v string) string { return synth.FullWidthAll(v) }},
	{"fullwidth_spaced", func(_ *rand.Rand, v string) string { return synth.SeparatorEvery(synth.FullWidth(v), " ") }},
	{"html_decimal", func(_ *rand.Rand, v string) string { return synth.HTMLDecimal(v) }},
	{"html_hex", func(_ *rand.Rand, v string) string { return synth.HTMLHex(v) }},
}

// emailSpellings are the README's evasions of an e-mail address.
var emailSpellings = func() []spelling {
	var out []spelling
	for _, f := range synth.AtForms {
		out = append(out, spelling{"at_" + f.String(), func(_ *rand.Rand, v string) string { return synth.EmailAt(v, f) }})
	}
	return append(out,
		spelling{"fullwidth", func(_ *rand.Rand, v string) string { return synth.FullWidthAll(v) }},
		spelling{"zero_width", func(r *rand.Rand, v string) string { return synth.ZeroWidth(v, pick(r, synth.ZeroWidthChars)) }},
		spelling{"html_decimal", func(_ *rand.Rand, v string) string { return synth.HTMLDecimal(v) }},
		spelling{"html_hex", func(_ *rand.Rand, v string) string { return synth.HTMLHex(v) }},
	)
}()

// mixedSpellings combine two evasions.
var mixedSpellings = []spelling{
	{"fullwidth_zero_width", func(r *rand.Rand, v string) string {
		return synth.ZeroWidth(synth.FullWidth(v), pick(r, synth.ZeroWidthChars))
	}},
	{"numerals_spaced", func(r *rand.Rand, v string) string {
		return synth.SeparatorEvery(synth.ChineseNumerals(v), pick(r, []string{" ", "-", "\u3000"}))
	}},
	{"radio_zero_width", func(r *rand.Rand, v string) string {
		return synth.ZeroWidth(synth.RadioReading(v), pick(r, synth.ZeroWidthChars))
	}},
}

// wideSpellings are the evasions of a value with letters in it, or with
// separators of its own.
var wideSpellings = []spelling{
	{"fullwidth", func(_ *rand.Rand, v string) string { return synth.FullWidthAll(v) }},
	{"zero_width", func(r *rand.Rand, v string) string { return synth.ZeroWidth(v, pick(r, synth.ZeroWidthChars)) }},
	{"html_decimal", func(_ *rand.Rand, v string) string { return synth.HTMLDecimal(v) }},
	{"html_hex", func(_ *rand.Rand, v string) string { return synth.HTMLHex(v) }},
}

// obfuscatedKinds are the values spelled: the categories that evasions are
// written for, in prose when they stand alone, behind a label always.
var obfuscatedKinds = []struct {
	cat       string
	gen       func(*rand.Rand) string
	spellings []spelling
	labelOnly bool
}{
	{"cn_mobile", synth.CNMobile, append(digitSpellings, mixedSpellings...), false},
	{"cn_id", synth.CNID18, append(digitSpellings, mixedSpellings...), false},
	{"bank_card", synth.AnyCard, digitSpellings, false},
	{"email", synth.Email, emailSpellings, false},
	{"cn_landline", synth.CNLandline, wideSpellings, false},
	{"us_ssn", synth.USSSN, wideSpellings, false},
	{"qq", synth.QQNumber, digitSpellings, true},
	{"cn_passport", synth.CNPassport, wideSpellings, true},
	{"hk_id", synth.HKID, wideSpellings, false},
}

// obfuscatedCases writes valid values in every evasion, behind a label or
// in prose, and under a JSON key written with \u escapes.
func obfuscatedCases(r *rand.Rand) []SynthCase {
	var out []SynthCase
	for _, k := range obfuscatedKinds {
		for range perForm {
			for _, s := range k.spellings {
				v := s.do(r, k.gen(r))
				c, ok := labelled(r, SetObfuscated, k.cat, s.name, pick(r, []string{"zh", "tw", "en"}), v)
				if !ok {
					c, _ = labelled(r, SetObfuscated, k.cat, s.name, "en", v)
				}
				out = append(out, c)
				if !k.labelOnly {
					f := pick(r, proseFrames)
					out = append(out, inText(SetObfuscated, k.cat, s.name+"_prose", f[0], v, f[1]))
				}
			}
			out = append(out, inJSON(SetObfuscated, k.cat, "json_escapes", pick(r, keysOf[k.cat]), k.gen(r), true))
		}
	}
	return out
}
