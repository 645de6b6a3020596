package accuracy

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode/utf16"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// SynthCase is one value of the held-out synthetic corpus in the text it is
// written in. The value comes from internal/synth's generators, never from
// the engine, so what is expected is known before the engine reads it.
type SynthCase struct {
	Set      string // SetStructured, SetObfuscated, SetNames or SetLookAlike
	Category string // the category the value is, or imitates (a look-alike)
	Form     string // how it is written: label_zh, grouped, zero_width, …
	Text     string // the text scanned, or the JSON body inspected
	JSON     bool   // Text is a JSON body holding the value as its one string
	Value    string // the value as the engine reads it: in Text, or the decoded JSON string
	Start    int    // where Value starts in Text (for JSON: 0, in the decoded string)
}

// The sets of the synthetic corpus.
const (
	SetStructured = "structured" // valid identifiers in every documented spelling
	SetObfuscated = "obfuscated" // valid identifiers spelled to evade detection
	SetNames      = "names"      // names behind a label, under a key, next to other personal data
	SetLookAlike  = "lookalike"  // invalid values and look-alikes, which must not be found
)

// synthSeed is the seed of the synthetic corpus. No test of the engine
// uses it: the corpus is held out from what the engine was tuned on.
const synthSeed = 0x5c0de11

// perForm is how many values each category, kind and form gets.
const perForm = 24

// SynthCorpus returns the held-out synthetic corpus, the same cases in the
// same order on every call.
func SynthCorpus() []SynthCase {
	var out []SynthCase
	out = append(out, structuredCases(rand.New(rand.NewPCG(synthSeed, 1)))...)
	out = append(out, obfuscatedCases(rand.New(rand.NewPCG(synthSeed, 2)))...)
	out = append(out, nameCases(rand.New(rand.NewPCG(synthSeed, 3)))...)
	out = append(out, lookAlikeCases(rand.New(rand.NewPCG(synthSeed, 4)))...)
	return out
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// categories returns the names of synth.ByCategory, sorted.
func categories() []string {
	var cs []string
	for c := range synth.ByCategory {
		cs = append(cs, c)
	}
	slices.Sort(cs)
	return cs
}

// inText places value between before and after.
func inText(set, cat, form, before, value, after string) SynthCase {
	return SynthCase{Set: set, Category: cat, Form: form, Text: before + value + after, Value: value, Start: len(before)}
}

// inJSON places value as the string of key in a JSON object; escaped
// writes every character of it as a \u escape.
func inJSON(set, cat, form, key, value string, escaped bool) SynthCase {
	k, _ := json.Marshal(key)
	v, _ := json.Marshal(value)
	if escaped {
		var b strings.Builder
		b.WriteByte('"')
		for _, c := range value {
			if c > 0xFFFF {
				hi, lo := utf16.EncodeRune(c)
				fmt.Fprintf(&b, `\u%04x\u%04x`, hi, lo)
				continue
			}
			fmt.Fprintf(&b, `\u%04x`, c)
		}
		b.WriteByte('"')
		v = []byte(b.String())
	}
	return SynthCase{Set: set, Category: cat, Form: form, Text: `{"id":7,` + string(k) + ":" + string(v) + "}", JSON: true, Value: value}
}

// labelled writes value after one of the category's labels in the given
// script ("zh", "tw" or "en"), and a tail after it.
func labelled(r *rand.Rand, set, cat, form, script, value string) (SynthCase, bool) {
	ls := labelsOf[cat]
	words := map[string][]string{"zh": ls.zh, "tw": ls.tw, "en": ls.en}[script]
	if len(words) == 0 {
		return SynthCase{}, false
	}
	sep := pick(r, labelSeps)
	if script == "en" {
		sep = pick(r, englishSeps[cat])
	}
	return inText(set, cat, form, pick(r, words)+sep, value, pick(r, labelTails)), true
}

// englishSeps join an English label to its value: a colon, or a space
// before a number; before a name, an address or a WeChat ID, which are
// words, an English label without a colon is prose ("the name 张伟 is
// common"), not a label.
var englishSeps = func() map[string][]string {
	m := map[string][]string{}
	for c := range labelsOf {
		m[c] = []string{": ", ":", " "}
	}
	for _, c := range []string{"cn_name", "cn_address", "wechat"} {
		m[c] = []string{": ", ":"}
	}
	return m
}()

// proseFrames put a value in a sentence with no label.
var proseFrames = [][2]string{
	{"请核对 ", " 是否正确"}, {"刚收到", "，稍后处理。"}, {"记一下：", "\n"},
	{"Please double-check ", " before Friday."}, {"（", "）"}, {"", ""},
}

// standsAlone lists the categories the README documents as found without
// a label, and the kinds of them that still need one.
var standsAlone = map[string][]string{
	"cn_id": nil, "cn_mobile": nil, "cn_landline": nil, "bank_card": {"uatp", "unionpay_81"}, "email": nil,
	"cn_plate": nil, "us_ssn": {"itin"}, "phone": nil, "iban": nil, "hk_id": nil,
	"geo": {"coordinates"}, // a bare pair needs personal data nearby
}

// grouped returns the groupings of a value the README documents for its
// category (with their form names), or none.
func grouped(r *rand.Rand, cat, kind, v string) map[string]string {
	switch cat {
	case "cn_mobile":
		return map[string]string{
			"grouped_344": synth.Grouped(v, pick(r, []string{" ", "-"}), 3, 4, 4),
			"grouped_38":  v[:3] + " " + v[3:],
			"plus86":      pick(r, []string{"+86 ", "+86", "+86-", "0086 ", "0086", "(+86)"}) + v,
			"trunk0":      "0" + v,
		}
	case "cn_id":
		if kind == "cnid18_x" {
			return map[string]string{"grouped_684": synth.Grouped(v, " ", 6, 8, 4), "lower_x": strings.ToLower(v)}
		}
		return map[string]string{"grouped_684": synth.Grouped(v, " ", 6, 8, 4)}
	case "bank_card":
		return map[string]string{"grouped_4": synth.Grouped(v, pick(r, []string{" ", "-"}), 4)}
	case "cn_landline":
		return map[string]string{"contiguous": synth.CNLandlineContiguous(r)}
	case "us_ssn":
		return map[string]string{"grouped_space": strings.ReplaceAll(v, "-", " "), "dotted": strings.ReplaceAll(v, "-", ".")}
	case "hk_id":
		return map[string]string{"unbracketed": strings.NewReplacer("(", "", ")", "").Replace(v)}
	}
	return nil
}

// labelOnly are the grouped forms that the README documents only after a
// label (an unseparated landline, a bare HKID, a dotted SSN, a mobile with
// its trunk 0).
var labelOnly = map[string]bool{"contiguous": true, "unbracketed": true, "dotted": true, "trunk0": true}

// structuredCases writes every valid kind of every category behind its
// labels in each script, under its keys, full-width, in its groupings and,
// where the README says it stands alone, in prose.
func structuredCases(r *rand.Rand) []SynthCase {
	var out []SynthCase
	for _, cat := range categories() {
		if cat == "cn_name" {
			continue // the names set
		}
		kinds := synth.ByCategory[cat].Valid
		if cat == "email" {
			kinds = append(kinds, synth.Kind{Name: "email_intl", Gen: synth.EmailIntl})
		}
		if cat == "cn_id" {
			kinds = append(kinds, synth.Kind{Name: "cnid15", Gen: synth.CNID15})
		}
		switch cat {
		case "cn_address":
			kinds = append(kinds, synth.Kind{Name: "address_spaced", Gen: synth.CNAddressSpaced})
		case "us_ssn":
			kinds = append(kinds, synth.Kind{Name: "itin", Gen: synth.ITIN})
		case "geo":
			kinds = append(kinds, synth.Kind{Name: "coordinates_marked", Gen: synth.CoordinatesMarked})
		}
		for _, k := range kinds {
			for range perForm {
				v := k.Gen(r)
				for _, script := range []string{"zh", "tw", "en"} {
					if c, ok := labelled(r, SetStructured, cat, "label_"+script, script, v); ok {
						out = append(out, c)
					}
				}
				out = append(out, inJSON(SetStructured, cat, "json_key", pick(r, keysOf[cat]), v, false))
				if fw := synth.FullWidth(v); fw != v {
					c, _ := labelled(r, SetStructured, cat, "fullwidth", pick(r, []string{"zh", "tw", "en"}), fw)
					if c.Text == "" {
						c, _ = labelled(r, SetStructured, cat, "fullwidth", "en", fw)
					}
					out = append(out, c)
				}
				if k.Name == "cnid15" {
					continue // only after a label
				}
				if cat == "cn_address" {
					// next to other personal data, with no label
					m := synth.CNMobile(r)
					out = append(out, inText(SetStructured, cat, "phone_before", m+pick(r, []string{" ", "，"}), v, pick(r, labelTails)),
						inText(SetStructured, cat, "name_phone_before", synth.CNName(r)+" "+m+" ", v, ""))
				}
				for form, g := range sortedForms(grouped(r, cat, k.Name, v)) {
					if c, ok := labelled(r, SetStructured, cat, form, "zh", g); ok {
						out = append(out, c)
					} else {
						c, _ := labelled(r, SetStructured, cat, form, "en", g)
						out = append(out, c)
					}
					if except, ok := standsAlone[cat]; ok && !labelOnly[form] && !slices.Contains(except, k.Name) {
						f := pick(r, proseFrames)
						out = append(out, inText(SetStructured, cat, form+"_prose", f[0], g, f[1]))
					}
				}
				if except, ok := standsAlone[cat]; ok && !slices.Contains(except, k.Name) {
					f := pick(r, proseFrames)
					out = append(out, inText(SetStructured, cat, "prose", f[0], v, f[1]))
				}
			}
		}
	}
	return out
}

// sortedForms returns m's entries in the order of their names, so the
// random choices that follow come in one order.
func sortedForms(m map[string]string) func(yield func(string, string) bool) {
	return func(yield func(string, string) bool) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if !yield(k, m[k]) {
				return
			}
		}
	}
}
