package detect

import (
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/internal/asciidigits"
)

// A label of a mobile followed by a list of them (手机：A 或 B, A，B, A、B,
// A; B): a value after the first is read as one right behind the label
// is, so one written in short groups (138 57 20 48 17), which only a
// label's reading finds (mobileGroupsAt), is found there too (attack54c
// F5: it went out raw while the first was masked). At a number's start
// after a joiner, the text is read back over at most maxListedMobiles
// pairs of a joiner and a number of at most maxListedValue bytes, to a
// mobile's label: a bounded reading per number.

// maxListedMobiles bounds the values read back over to a mobile's label.
const maxListedMobiles = 4

// maxListedValue bounds the bytes of a number read back over (a mobile
// in groups with its country code fits, eleven digits set apart by " - "
// or ideographic spaces too).
const maxListedValue = 48

// listJoinerLast marks the bytes a list joiner ends with (listJoinerBefore):
// the bytes before a number that may make it a listed value.
var listJoinerLast = func() (t [256]bool) {
	t = joinerLastByte
	t[' '] = true
	return t
}()

// joinerLastByte marks the last bytes of listJoiners: a joiner is
// compared only where one of them ends.
var joinerLastByte = func() (t [256]bool) {
	for _, j := range listJoiners {
		t[j[len(j)-1]] = true
	}
	return t
}()

// maxJoinerSpan bounds the bytes between a listed mobile and the one
// before it: the longest joiner (或者) and two spaces on each side.
const maxJoinerSpan = 10

// listJoiners are the joiners of a list of values: 或者 before 或, so the
// longer is read first.
var listJoiners = [...]string{"或者", "或", "和", "，", ",", "、", ";", "；", "/"}

// listedMobileAt reads a mobile at text[i] that a list joiner sets after a
// value behind a mobile's label (mobileListBefore), as readValue reads one
// right behind it, and returns the end of what it emitted, or 0. It is
// asked only within maxJoinerSpan bytes of a mobile found (mobileEnd).
func (s *scanner) listedMobileAt(i int) int {
	mobile := CategorySet(1) << mobileIndex
	if s.mobileEnd == 0 || i-s.mobileEnd > maxJoinerSpan || s.e.enabled&mobile == 0 ||
		!listJoinerLast[s.text[i-1]] || !mobileListBefore(s.text, i) {
		return 0
	}
	return s.readValue(mobile, i, EvLabel)
}

// mobileListBefore reports whether the value at text[i] follows a list
// joiner after a number behind a mobile's label, or after a number that
// another joiner sets after one, maxListedMobiles of them at most. Each
// number read back holds a mobile's eleven digits at least, and its
// label is looked for only where valueAfterLabel's table says one may
// end (valueLabelGlueOrEnd).
func mobileListBefore(text []byte, i int) bool {
	step() // bounded: maxListedMobiles pieces of bounded length
	p := i
	for range maxListedMobiles {
		j := listJoinerBefore(text, p)
		if j < 0 {
			return false
		}
		k := listedNumberStart(text, j)
		if k < 0 || asciidigits.Count(text[k:j]) < 11 {
			return false // no number, or one too short to be a listed mobile
		}
		if k > 0 && valueLabelGlueOrEnd[text[k-1]] {
			if lw, ok := valueLabelBefore(text, k); ok && lw.cats.has(mobileIndex) {
				return true
			}
		}
		p = k
	}
	return false
}

// listJoinerBefore returns where a list joiner (listJoiners) with up to
// two spaces on each side that ends at text[p] starts, or -1.
func listJoinerBefore(text []byte, p int) int {
	q := spacesBefore(text, p)
	if q == 0 || !joinerLastByte[text[q-1]] {
		return -1 // most numbers: no joiner's last byte before them
	}
	for _, j := range listJoiners {
		if q >= len(j) && string(text[q-len(j):q]) == j {
			return spacesBefore(text, q-len(j))
		}
	}
	return -1
}

// spacesBefore returns where the ASCII spaces that end at text[p] start,
// two at most.
func spacesBefore(text []byte, p int) int {
	for n := 0; n < 2 && p > 0 && text[p-1] == ' '; n++ {
		p--
	}
	return p
}

// listedNumberStart returns where the number that ends at text[p] starts
// (digits, and between two of them a separator as mobileGroupsAt reads
// one, groupSepBefore; a '+' before them), read back within
// maxListedValue bytes, or -1.
func listedNumberStart(text []byte, p int) int {
	q := p
	for q > 0 && p-q <= maxListedValue {
		if isASCIIDigit(text[q-1]) {
			q--
			continue
		}
		if sp := groupSepBefore(text, q); q < p && sp > 0 && isASCIIDigit(text[sp-1]) {
			q = sp
			continue
		}
		if text[q-1] == '+' {
			q--
		}
		if q == p || p-q > maxListedValue {
			return -1
		}
		return q
	}
	return -1 // longer than a listed number, or the text's start
}

// groupSepBefore returns where a separator between a mobile's groups
// that ends at text[q] starts, as written (a reference is none here), or
// -1: one character mobileGroupSep reads, a run of two or three spaces
// or " - " (groupSepSpelling, so 139  57  20  48  16 before a joiner is
// read back over as it was read forward: fix55groups).
func groupSepBefore(text []byte, q int) int {
	sp := q
	for sp > 0 && q-sp < maxSepSpaces && text[sp-1] == ' ' {
		sp--
	}
	switch {
	case q-sp == 1 && q >= sepSpacedDashW && text[q-2] == '-' && text[q-3] == ' ':
		sp = q - sepSpacedDashW // " - "
	case sp == q:
		_, size := utf8.DecodeLastRune(text[:q])
		sp = q - size
	}
	if text[sp] == '&' || !mobileGroupSep(text, sp) {
		return -1
	}
	if _, next := groupSepSpelling(text, sp); next != q {
		return -1
	}
	return sp
}
