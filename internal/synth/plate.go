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
