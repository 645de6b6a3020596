package bodyformat

import (
	"bytes"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// What a page writes around a decoy that a browser shows as nothing, or
// as a blank: white space (a pretty-printed template's line ends), a
// no-break space written as it is or as a character reference (&nbsp;,
// &#160;, &#xa0;), an invisible character (shownAsNothing), and, in the
// markup, a comment. The decoy readers (hidesheet.go) pass over these
// where they look for the digit before a decoy or what follows it:
// 5390<!--x--><span class=h>9</span>&nbsp;\n</td> closes a cell after a
// digit as 5390<span class=h>9</span></td> does.

// blankLen returns how many bytes at the start of b, markup, are shown as
// nothing or a blank: white space, blank characters and references to
// them, comments. Each byte is looked at once.
func blankLen(b []byte) int {
	i := 0
	for i < len(b) {
		c := b[i]
		n := 0
		switch {
		case isSpaceByte(c):
			n = 1
		case c == '&':
			if r, k := detect.DecodeCharRef(b[i:]); k > 0 && shownAsNothing(r) {
				n = k
			}
		case c >= utf8.RuneSelf:
			if r, k := utf8.DecodeRune(b[i:]); shownAsNothing(r) {
				n = k
			}
		case bytes.HasPrefix(b[i:], []byte("<!--")):
			n = htmlCommentEnd(b, i+4) - i
		}
		if n == 0 {
			break
		}
		countReadingSteps(n)
		i += n
	}
	return i
}

// blankStart returns where the run of bytes at the end of b that are
// shown as nothing or a blank starts (blankLen's, read backwards), the
// comments passed over only when comments is set (b is markup; a view
// holds none). Each byte is looked at a bounded number of times: a
// character reference's letters and digits once more when it is no blank
// one, and then the reading stops.
func blankStart(b []byte, comments bool) int {
	e := len(b)
	for e > 0 {
		c := b[e-1]
		s := e
		switch {
		case isSpaceByte(c):
			s = e - 1
		case c >= utf8.RuneSelf:
			if r, k := utf8.DecodeLastRune(b[:e]); shownAsNothing(r) {
				s = e - k
			}
		case c == '>' && comments && (bytes.HasSuffix(b[:e], []byte("-->")) || bytes.HasSuffix(b[:e], []byte("--!>"))):
			if k := bytes.LastIndex(b[:e-3], []byte("<!--")); k >= 0 {
				s = k
			}
		case c == ';' || isASCIILetterByte(c) || c >= '0' && c <= '9':
			s = charRefStart(b[:e])
		}
		countReadingSteps(e - s + 1)
		if s == e {
			break
		}
		e = s
	}
	return e
}

// charRefStart returns where a character reference to a blank character
// that ends b starts (&nbsp;, &#160, &#x00a0;), or len(b).
func charRefStart(b []byte) int {
	j := len(b) - 1
	if b[j] == ';' {
		j--
	}
	for j >= 0 && (isASCIILetterByte(b[j]) || b[j] >= '0' && b[j] <= '9' || b[j] == '#') {
		j--
	}
	if j < 0 || b[j] != '&' {
		return len(b)
	}
	if r, n := detect.DecodeCharRef(b[j:]); n == len(b)-j && shownAsNothing(r) {
		return j
	}
	return len(b)
}
