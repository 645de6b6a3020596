package synth

import (
	"fmt"
	"math/rand/v2"
)

// USSSN returns a US social security number formatted 123-45-6789 with a
// valid area (not 000, 666 or 900-999), group (not 00) and serial (not 0000).
func USSSN(r *rand.Rand) string {
	area := between(r, 1, 899)
	for area == 666 {
		area = between(r, 1, 899)
	}
	return fmt.Sprintf("%03d-%02d-%04d", area, between(r, 1, 99), between(r, 1, 9999))
}

// USSSNInvalid returns an SSN-shaped 123-45-6789 string that no SSN can
// have: area 000, 666 or 9xx, group 00, or serial 0000. An area 9xx comes
// with a group outside the IRS's ITIN ranges, so the number is no
// individual taxpayer number either.
func USSSNInvalid(r *rand.Rand) string {
	area, group, serial := between(r, 1, 899), between(r, 1, 99), between(r, 1, 9999)
	for area == 666 {
		area = between(r, 1, 899)
	}
	switch r.IntN(5) {
	case 0:
		area = 0
	case 1:
		area = 666
	case 2:
		area = between(r, 900, 999)
		group = notITINGroups[r.IntN(len(notITINGroups))]
	case 3:
		group = 0
	default:
		serial = 0
	}
	return fmt.Sprintf("%03d-%02d-%04d", area, group, serial)
}

// ValidUSSSN reports whether s, formatted ddd-dd-dddd, has a valid area,
// group and serial.
func ValidUSSSN(s string) bool {
	var a, g, n int
	if len(s) != 11 || s[3] != '-' || s[6] != '-' {
		return false
	}
	if _, err := fmt.Sscanf(s, "%3d-%2d-%4d", &a, &g, &n); err != nil {
		return false
	}
	return a != 0 && a != 666 && a < 900 && g != 0 && n != 0
}

// notITINGroups are groups no ITIN has (ITINs use 50–65, 70–88, 90–92 and
// 94–99).
var notITINGroups = func() []int {
	var g []int
	for i := 1; i < 100; i++ {
		if i < 50 || i > 65 && i < 70 || i == 89 || i == 93 {
			g = append(g, i)
		}
	}
	return g
}()

// ITIN returns an individual taxpayer identification number written like
// an SSN: 9xx, a group in the IRS's ranges (50–65, 70–88, 90–92, 94–99)
// and a serial.
func ITIN(r *rand.Rand) string {
	group := pick(r, []int{between(r, 50, 65), between(r, 70, 88), between(r, 90, 92), between(r, 94, 99)})
	return fmt.Sprintf("9%02d-%02d-%04d", r.IntN(100), group, between(r, 1, 9999))
}
