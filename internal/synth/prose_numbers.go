package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Price returns a price such as ¥1,299.00, ￥39.9, $12.50 or USD 1,234.56.
func Price(r *rand.Rand) string {
	amount := between(r, 1, 99999)
	cents := between(r, 0, 99)
	switch r.IntN(4) {
	case 0:
		return "¥" + thousands(amount) + fmt.Sprintf(".%02d", cents)
	case 1:
		return "￥" + strconv.Itoa(amount%1000) + "." + strconv.Itoa(cents%10)
	case 2:
		return "$" + strconv.Itoa(amount%500) + fmt.Sprintf(".%02d", cents)
	default:
		return "USD " + thousands(amount) + fmt.Sprintf(".%02d", cents)
	}
}

// thousands formats n with comma thousands separators.
func thousands(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Date returns a calendar date as 2024-03-15, 2024/03/15, 2024年3月15日 or
// 2024-03-15 14:23:05.
func Date(r *rand.Rand) string {
	y, m := between(r, 1990, 2030), between(r, 1, 12)
	d := between(r, 1, DaysIn(y, m))
	switch r.IntN(4) {
	case 0:
		return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	case 1:
		return fmt.Sprintf("%04d/%02d/%02d", y, m, d)
	case 2:
		return fmt.Sprintf("%d年%d月%d日", y, m, d)
	default:
		return fmt.Sprintf("%04d-%02d-%02d %02d:%02d:%02d", y, m, d, between(r, 0, 23), between(r, 0, 59), between(r, 0, 59))
	}
}
