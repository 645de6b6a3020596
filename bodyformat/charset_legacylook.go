package bodyformat

import "unicode/utf8"

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
// letter).
const (
	clusterDigits = 5
	clusterGap    = 2
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
		l.gap++
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
