package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
)

// safeLongNumber reports whether an 18- or 19-digit number is safe as a
// look-alike: it starts 1-9, carries no card IIN, and at 18 digits its last
// character is not the identity-number check character of the first 17.
func safeLongNumber(s string) bool {
	if len(s) < 18 || len(s) > 19 || s[0] == '0' || HasCardIIN(s) {
		return false
	}
	if len(s) == 18 && (ValidCNID18(s) || s[17] == CNIDCheckChar(s[:17])) {
		return false
	}
	return true
}

// OrderNumber returns an 18- or 19-digit order number: either a timestamp
// prefix (YYYYMMDDhhmmss) plus random digits, or random digits starting
// 1-9 without a card IIN.
func OrderNumber(r *rand.Rand) string {
	for {
		var s string
		if r.IntN(2) == 0 {
			y, m := between(r, 2018, 2026), between(r, 1, 12)
			s = fmt.Sprintf("%04d%02d%02d%02d%02d%02d", y, m, between(r, 1, DaysIn(y, m)),
				between(r, 0, 23), between(r, 0, 59), between(r, 0, 59)) + digits(r, between(r, 4, 5))
		} else {
			s = digitFrom(r, "123456789") + digits(r, between(r, 17, 18))
		}
		if safeLongNumber(s) {
			return s
		}
	}
}

// SnowflakeID returns an 18- or 19-digit snowflake ID (millisecond time
// since an epoch shifted left 22 bits, worker and sequence bits) that
// starts without a card IIN and, at 18 digits, fails the identity check.
func SnowflakeID(r *rand.Rand) string {
	epochs := []int64{1288834974657, 1420070400000, 1577836800000, 1609459200000}
	for {
		ms := int64(between(r, 1609459200, 1798761600))*1000 + int64(r.IntN(1000))
		e := pick(r, epochs)
		id := (ms-e)<<22 | int64(r.IntN(1024))<<12 | int64(r.IntN(4096))
		s := strconv.FormatInt(id, 10)
		if safeLongNumber(s) {
			return s
		}
	}
}

// TimestampMillis returns a 13-digit Unix time in milliseconds,
// 17xxxxxxxxxxx (late 2023 to 2027).
func TimestampMillis(r *rand.Rand) string { return "17" + digits(r, 11) }

// TimestampSeconds returns a 10-digit Unix time in seconds, 17xxxxxxxx.
func TimestampSeconds(r *rand.Rand) string { return "17" + digits(r, 8) }

// ISBN13 returns a hyphenated Chinese ISBN-13 (978-7-publisher-title-check)
// with a correct check digit.
func ISBN13(r *rand.Rand) string {
	var pub, title string
	if r.IntN(2) == 0 {
		pub, title = strconv.Itoa(between(r, 100, 599)), digits(r, 5)
	} else {
		pub, title = strconv.Itoa(between(r, 5000, 5999)), digits(r, 4)
	}
	d := "9787" + pub + title
	sum := 0
	for i := 0; i < 12; i++ {
		w := 1
		if i%2 == 1 {
			w = 3
		}
		sum += int(d[i]-'0') * w
	}
	return "978-7-" + pub + "-" + title + "-" + strconv.Itoa((10-sum%10)%10)
}

// ValidISBN13 reports whether the 13 digits of s pass the ISBN-13 check.
func ValidISBN13(s string) bool {
	d := onlyDigits(s)
	if len(d) != 13 {
		return false
	}
	sum := 0
	for i := 0; i < 13; i++ {
		w := 1
		if i%2 == 1 {
			w = 3
		}
		sum += int(d[i]-'0') * w
	}
	return sum%10 == 0
}

// ServiceNumber400 returns a Chinese 400/800 business service number in
// the 400-810-8888 shape (sometimes written without dashes).
func ServiceNumber400(r *rand.Rand) string {
	p := pick(r, []string{"400", "800"})
	mid, end := digitFrom(r, "123456789")+digits(r, 2), digits(r, 4)
	switch r.IntN(3) {
	case 0:
		return p + mid + end
	case 1:
		return p + " " + mid + " " + end
	default:
		return p + "-" + mid + "-" + end
	}
}

// ServiceNumberShort returns a 5-digit service number: 95xxx bank and
// insurer lines, 100xx carrier lines or 123xx government lines.
func ServiceNumberShort(r *rand.Rand) string {
	p := pick(r, []string{"95", "100", "123"})
	return p + digits(r, 5-len(p))
}
