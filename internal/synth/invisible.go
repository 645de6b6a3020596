package synth

import (
	"bytes"
	"math/rand/v2"
)

// InvisibleClass is one class of code points or byte sequences that a
// receiver draws as nothing, a box or a tiny glyph, or drops: put between
// the digits of a number, a reader still reads the number.
type InvisibleClass struct {
	Name  string   // short and stable: it names subtests
	Seps  []string // members of the class, each as the bytes written
	Drawn bool     // drawn as a box or a glyph: between digits as a space is
}

// InvisibleClasses lists the classes that hide nothing from a reader:
// noncharacters, unassigned and private-use code points (drawn as a box),
// default-ignorable ones, C0 and C1 controls other than white space, and
// bytes that are no UTF-8 (which a decoder shows as U+FFFD or skips).
var InvisibleClasses = []InvisibleClass{
	{"noncharacter", []string{"\uFDD0", "\uFDEF", "\uFFFE", "\uFFFF", "\U0001FFFE", "\U0001FFFF", "\U0010FFFF"}, true},
	{"unassigned", []string{"\u0378", "\u0380", "\U0003FFFD"}, true},
	{"private-use", []string{"\uE000", "\uF8FF", "\U000F0000", "\U0010FFFD"}, true},
	{"ignorable", []string{"\u00AD", "\u034F", "\u061C", "\u115F", "\u1160", "\u17B4", "\u180E", "\u3164", "\uFFA0",
		"\u2060", "\u2061", "\u2064", "\u2065", "\U000E0080", "\U000E0FFF", "\u206A", "\u206F", "\uFE00", "\uFE0F", "\uFEFF"}, false},
	{"tag", []string{"\U000E0001", "\U000E0020", "\U000E0041", "\U000E007F", "\U000E0100", "\U000E01EF"}, false},
	{"zero-width", []string{"\u200B", "\u200C", "\u200D", "\u200E", "\u200F"}, false},
	{"bidi", []string{"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"}, false},
	{"control", []string{"\x00", "\x01", "\x08", "\x1B", "\x7F", "\u0080", "\u0085", "\u009B", "\u009F"}, false},
	{"invalid-utf8", []string{
		"\x80", "\xBF", // lone continuation bytes
		"\xED\xA0\x80", "\xED\xB0\x80", "\xED\xBF\xBF", // surrogates encoded as UTF-8
		"\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xF0\x80\x80\xAF", // overlong forms
		"\xC3", "\xE4\xB8", "\xF0\x9F\x98", // truncated sequences
		"\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xF8\x88\x80\x80\x80", "\xFE", "\xFF", // beyond Unicode, never UTF-8
	}, false},
}

// InvisibleSeparators returns every member of InvisibleClasses, with the
// bytes that are no UTF-8 (class "invalid-utf8") only when invalid is set.
func InvisibleSeparators(invalid bool) []string {
	var all []string
	for _, c := range InvisibleClasses {
		if c.Name != "invalid-utf8" || invalid {
			all = append(all, c.Seps...)
		}
	}
	return all
}

// InvisibleRuns returns ASCII and full-width digits in turn, each followed
// by a run of 16 to 1024 characters of InvisibleClasses: valid UTF-8, as
// every shape is (InvalidRuns holds the bytes that are not).
func InvisibleRuns(r *rand.Rand, n int) []byte {
	return digitsAmong(r, n, InvisibleSeparators(false))
}

// InvalidRuns is InvisibleRuns with the runs drawn from every member of
// InvisibleClasses, bytes that are no UTF-8 among them: not a shape, since
// it is not valid UTF-8. Two members written one after the other may make
// a valid character (E4 B8 then 80 is 一).
func InvalidRuns(r *rand.Rand, n int) []byte {
	return digitsAmong(r, n, InvisibleSeparators(true))
}

// digitsAmong returns ASCII and full-width digits in turn, each followed
// by 16 to 1024 members of seps.
func digitsAmong(r *rand.Rand, n int, seps []string) []byte {
	i := 0
	return fillTo(n, func(b *bytes.Buffer) {
		d := r.IntN(10)
		if i%2 == 0 {
			b.WriteByte(byte('0' + d))
		} else {
			b.WriteRune(rune(0xFF10 + d))
		}
		i++
		for range between(r, 16, 1024) {
			b.WriteString(pick(r, seps))
		}
	})
}
