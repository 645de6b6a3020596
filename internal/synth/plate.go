package synth

import (
	"math/rand/v2"
	"strings"
)

// PlateProvinces are the province abbreviations that start a plate.
var PlateProvinces = []rune("京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼")

// CNPlate returns a vehicle plate: province character, authority letter and
// five characters (at most two letters, the last sometimes 挂, 学 or 警), or a
// new-energy plate with six characters (D/F first for small cars, last for
// large ones).
func CNPlate(r *rand.Rand) string {
	head := string(pick(r, PlateProvinces)) + string(lettersNoIO[r.IntN(len(lettersNoIO))])
	switch r.IntN(5) {
	case 0:
		return head + pick(r, []string{"D", "F"}) + digits(r, 5)
	case 1:
		return head + digits(r, 5) + pick(r, []string{"D", "F"})
	case 2:
		return head + plateChars(r, 4) + pick(r, []string{"挂", "学", "警"})
	default:
		return head + plateChars(r, 5)
	}
}

// plateChars returns n plate characters: digits with at most two letters
// (not I/O) at random positions.
func plateChars(r *rand.Rand, n int) string {
	b := []byte(digits(r, n))
	for range r.IntN(3) {
		b[r.IntN(n)] = lettersNoIO[r.IntN(len(lettersNoIO))]
	}
	return strings.ToUpper(string(b))
}

// CNPlateBadLetter returns a plate-shaped code with a letter no plate
// has: I as the authority letter, or I or O in the serial, which plates
// leave out because they look like 1 and 0.
func CNPlateBadLetter(r *rand.Rand) string {
	prov := string(pick(r, PlateProvinces))
	if r.IntN(2) == 0 {
		return prov + "I" + digits(r, 5)
	}
	b := []byte(digits(r, 5))
	b[r.IntN(4)] = "IO"[r.IntN(2)]
	return prov + string(lettersNoIO[r.IntN(len(lettersNoIO))]) + string(b)
}

// notProvinces are characters that start product and grade codes
// (中A12345, 华B30071) and are no province's abbreviation.
var notProvinces = []rune("中华东西南北国天人大")

// CNPlateBadProvince returns a plate-shaped code whose first character is
// no province's abbreviation.
func CNPlateBadProvince(r *rand.Rand) string {
	return string(pick(r, notProvinces)) + string(lettersNoIO[r.IntN(len(lettersNoIO))]) + digits(r, 5)
}
