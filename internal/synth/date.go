package synth

import (
	"fmt"
	"math/rand/v2"
)

// IsLeap reports whether year is a Gregorian leap year.
func IsLeap(year int) bool { return year%4 == 0 && (year%100 != 0 || year%400 == 0) }

// DaysIn returns the number of days in the given month (1-12) of year, or 0
// for a month outside 1-12.
func DaysIn(year, month int) int {
	switch month {
	case 1, 3, 5, 7, 8, 10, 12:
		return 31
	case 4, 6, 9, 11:
		return 30
	case 2:
		if IsLeap(year) {
			return 29
		}
		return 28
	}
	return 0
}

// ValidDate reports whether year-month-day exists in the Gregorian calendar.
func ValidDate(year, month, day int) bool {
	return day >= 1 && day <= DaysIn(year, month)
}

// birthDate returns a real YYYYMMDD date with a year in [lo, hi]. About one
// in twenty is 29 February of a leap year.
func birthDate(r *rand.Rand, lo, hi int) (y, m, d int) {
	if r.IntN(20) == 0 {
		for {
			y = between(r, lo, hi)
			if IsLeap(y) {
				return y, 2, 29
			}
		}
	}
	y = between(r, lo, hi)
	m = between(r, 1, 12)
	d = between(r, 1, DaysIn(y, m))
	return y, m, d
}

// ymd formats a date as YYYYMMDD.
func ymd(y, m, d int) string { return fmt.Sprintf("%04d%02d%02d", y, m, d) }
