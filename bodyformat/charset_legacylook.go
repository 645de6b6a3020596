package bodyformat

import (
	"sync"
	"unicode"
	"unicode/utf8"
)

// legacyLook follows the characters of a body (or a stream's line)
// decoded in a fallback charset and decides whether it is read in that
// charset: when the decoding shows a cluster of digits the UTF-8 reading
// cannot (digitCluster), or, for bytes that are no UTF-8, when it reads
// as text there at all (as a page a browser shows in that charset: at
// most 1 + chars/badPer bad characters, and none with a control
// character that is no white space). A body that decodes cleanly in GBK
// and shows a name and an address without a digit is read as much as
// one with a mobile; valid UTF-8 shown in a legacy charset is mojibake,
// read only for digits a crafted byte sequence can spell there.
type legacyLook struct {
	chars, bad int
	binary     bool
	digits     int  // digits of the current cluster
	gap        int  // characters since its last digit
	wide       bool // the cluster has a digit that is no ASCII digit
}

// badPer is the share of characters that may be bad (an invalid byte
// sequence, which a browser shows as U+FFFD, or a private-use character,
// to which GB18030 maps codes no text uses) in a body read in a fallback
// charset for its text: one, plus one for every badPer characters.
const badPer = 64

// clusterDigits is the fewest digits of a cluster read (the digits of a
// plate, the shortest identifier spelled in digits), and clusterGap the
// most other characters between two of its digits (separators, a
// letter; white space, invisible characters and U+FFFD, however many,
// are not counted: the engine reads a number's groups across them, and a
// reader reads past the replacement character a decoding shows).
const (
	clusterDigits = 5
	clusterGap    = 3
)

// add takes the next decoded character and reports whether a digit
// cluster with a digit that is no ASCII digit is complete: ASCII digits
// read the same in UTF-8 and in every fallback charset, so only a
// full-width, other-script or Chinese-numeral digit can spell a number
// the UTF-8 reading does not see.
func (l *legacyLook) add(c rune) bool {
	l.chars++
	if c == utf8.RuneError || c >= 0xe000 && c <= 0xf8ff {
		l.bad++
	}
	l.binary = l.binary || c != utf8.RuneError && !textRune(c)
	ascii := c >= '0' && c <= '9'
	if !ascii && (c < utf8.RuneSelf || !isDigitRune(c)) {
		if l.digits > 0 && !noGap(c) {
			l.gap++ // white space and invisible characters are no gap: 186   6333
		}
		return false
	}
	if l.digits == 0 || l.gap > clusterGap {
		l.digits, l.wide = 0, false
	}
	l.digits++
	l.gap = 0
	l.wide = l.wide || !ascii
	return l.wide && l.digits >= clusterDigits
}

// read reports the decision once every character was added: the
// cluster is found (add said so), or the bytes are no UTF-8 (valid
// false) and read as text in the charset.
func (l *legacyLook) read(valid bool) bool {
	return !valid && (l.bad == 0 || !l.binary && l.bad <= 1+l.chars/badPer)
}

// wideDigitPairs marks the byte pairs a non-ASCII digit (isDigitRune:
// full-width, other scripts', Chinese numerals) opens with in any of
// fallbackCharsets: in GBK, Big5 and Shift_JIS such a digit is two bytes
// (every pair is decoded: Big5's decoder takes HKSCS codes its encoder
// never writes), in GB18030 two or four (a four-byte code is one rune's
// alone, found by encoding). A decoding in one of them shows such a digit
// only where its bytes hold one of these pairs, at whatever offset. A
// pair's entry has bit k set for fallbackCharsets[k].
var wideDigitPairs = sync.OnceValue(func() *[1 << 16]uint8 {
	var pairs [1 << 16]uint8
	wide := func(text []byte) bool {
		for _, c := range string(text) {
			if c >= utf8.RuneSelf && isDigitRune(c) {
				return true
			}
		}
		return false
	}
	for k, cs := range fallbackCharsets {
		if cs == nil {
			continue
		}
		bit := uint8(1) << k
		dec := cs.enc.NewDecoder()
		for p := 0x8000; p < 1<<16; p++ {
			text, err := dec.Bytes([]byte{byte(p >> 8), byte(p)})
			if err == nil && wide(text) {
				pairs[p] |= bit
			}
		}
		for _, r := range nonASCIIDigits() {
			if b, err := cs.enc.NewEncoder().Bytes([]byte(string(r))); err == nil && len(b) >= 2 {
				pairs[int(b[0])<<8|int(b[1])] |= bit
			}
		}
	}
	return &pairs
})

// mayShowWideDigit reports whether b holds a byte pair a non-ASCII digit
// opens with in a fallback charset (wideDigitPairs): when it holds none,
// no fallback decoding of b shows a digit its UTF-8 reading does not, so
// valid UTF-8 needs no fallback reading for its digits.
func mayShowWideDigit(b []byte) bool { return wideDigitCharsets(b) != 0 }

// wideDigitCharsets returns the fallbackCharsets (bit k for the k-th) b
// holds a pair of (wideDigitPairs). One look a byte.
func wideDigitCharsets(b []byte) uint8 {
	pairs := wideDigitPairs()
	all := uint8(1)<<len(fallbackCharsets) - 1
	countReadingSteps(len(b))
	set := uint8(0)
	for i := 0; i+1 < len(b) && set != all; i++ {
		if b[i] >= 0x80 {
			set |= pairs[int(b[i])<<8|int(b[i+1])]
		}
	}
	return set
}

// noGap reports the characters a digit cluster runs on across: white
// space, invisible (format) characters and U+FFFD. CJK ideographs, most of
// what a fallback decoding shows, are answered without a table.
func noGap(c rune) bool {
	switch {
	case c < utf8.RuneSelf:
		return c == ' ' || c >= '\t' && c <= '\r'
	case c >= 0x3400 && c <= 0x9fff:
		return false
	}
	return c == utf8.RuneError || unicode.IsSpace(c) || unicode.Is(unicode.Cf, c)
}
