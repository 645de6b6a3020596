package synth

import (
	"math/rand/v2"
	"strconv"
)

// MobilePrefixes are allocated mainland mobile prefixes: 130-139,
// 145/147/149, 150-153, 155-159, 162, 165-167, 170-178 and 180-199.
var MobilePrefixes = func() []string {
	var p []string
	add := func(lo, hi int) {
		for i := lo; i <= hi; i++ {
			p = append(p, strconv.Itoa(i))
		}
	}
	add(130, 139)
	add(145, 145)
	add(147, 147)
	add(149, 149)
	add(150, 153)
	add(155, 159)
	add(162, 162)
	add(165, 167)
	add(170, 178)
	add(180, 199)
	return p
}()

// CNMobile returns an 11-digit mainland mobile number with an allocated
// prefix, without separators or country code.
func CNMobile(r *rand.Rand) string { return pick(r, MobilePrefixes) + digits(r, 8) }

// CNMobileBadPrefix returns an 11-digit number starting 10, 11 or 12: the
// shape of a mobile number but never an allocated one.
func CNMobileBadPrefix(r *rand.Rand) string {
	return "1" + digitFrom(r, "012") + digits(r, 9)
}

// IoTNumber returns a 13-digit machine-to-machine number (146, 148 or 14x
// prefixes), which is not a personal phone.
func IoTNumber(r *rand.Rand) string {
	return pick(r, []string{"146", "148", "140", "141", "144"}) + digits(r, 10)
}
