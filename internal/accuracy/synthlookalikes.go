package accuracy

import (
	"math/rand/v2"
	"strings"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// The look-alike categories that are no category of the engine.
const (
	machineNumbers = "machine_numbers" // order numbers, timestamps, hashes, prices …
	proseNumbers   = "prose_numbers"   // numbers in prose: counts, days, ordinals, clean lines
)

// lookAlikeCases writes what no detector may report: every category's
// invalid values and values of a wrong length, behind the category's
// labels and in prose; machine and business numbers and numbers of
// everyday prose, with no label; and name-field fillers next to a phone.
func lookAlikeCases(r *rand.Rand) []SynthCase {
	var out []SynthCase
	both := func(cat, form, v string) {
		c, ok := labelled(r, SetLookAlike, cat, form+"_label", pick(r, []string{"zh", "tw", "en"}), v)
		if !ok {
			c, _ = labelled(r, SetLookAlike, cat, form+"_label", "en", v)
		}
		f := pick(r, proseFrames)
		out = append(out, c, inText(SetLookAlike, cat, form+"_prose", f[0], v, f[1]))
	}
	wrongLength := map[string]func(*rand.Rand) string{
		"cn_mobile": synth.CNMobileWrongLength, "cn_id": synth.CNIDWrongLength, "bank_card": synth.CardWrongLength,
	}
	categoryKinds := map[string]bool{}
	for _, cat := range categories() {
		for _, k := range synth.ByCategory[cat].Invalid {
			categoryKinds[k.Name] = true
			for range perForm {
				both(cat, k.Name, k.Gen(r))
			}
		}
		if gen := wrongLength[cat]; gen != nil {
			for range perForm {
				both(cat, "wrong_length", gen(r))
			}
		}
	}
	for _, k := range synth.LookAlikes {
		if categoryKinds[k.Name] {
			continue
		}
		for range perForm {
			f := pick(r, proseFrames)
			out = append(out, inText(SetLookAlike, machineNumbers, k.Name, f[0], k.Gen(r), f[1]))
		}
	}
	// prose alone, and with a phone after it in the same line, which is
	// personal data nearby for an address or a name
	prose := func(form, v string) {
		f := pick(r, proseFrames[:3])
		out = append(out, inText(SetLookAlike, proseNumbers, form, f[0], v, f[1]),
			inText(SetLookAlike, proseNumbers, form+"_phone", "", v, pick(r, []string{"，电话", "，", " ", "\n"})+synth.CNMobile(r)))
	}
	for _, k := range []synth.Kind{
		{Name: "place_day", Gen: synth.CNPlaceDay}, {Name: "place_ordinal", Gen: synth.CNPlaceOrdinal},
		{Name: "plus_count", Gen: synth.PlusCount}, {Name: "address_count", Gen: synth.CNAddressCount},
		{Name: "place_date", Gen: synth.CNPlaceDate}, {Name: "metro_line", Gen: synth.CNMetroLine},
	} {
		for range 4 * perForm {
			prose(k.Name, k.Gen(r))
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(string(synth.CleanCorpus(r, 400<<10))), "\n") {
		prose("clean_lines", line)
	}
	for range 4 * perForm {
		out = append(out, inText(SetLookAlike, "cn_name", "filler_phone", "", synth.CNNameFiller(r), pick(r, []string{"，", " "})+synth.CNMobile(r)))
	}
	return out
}
