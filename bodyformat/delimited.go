package bodyformat

import (
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// The engine joins digit groups across the separators numbers are written
// with (a space, '-', '.', '/'), and stops at what ends a value: a tab
// between table cells, a line break after a line of digits, a bar, a
// colon, a list comma. Someone hiding a number uses exactly those:
// 187|6772|0441, 150824～19900629～7318, 138，1234，5678, one group a
// line. Each is one number to a reader. The piece is read a second time
// with each gap that holds such a delimiter, between the groups of a run
// whose digits add up to the length of an identifier, written as one
// space: the engine then reads the run as it reads a spaced number.

// Digits are read in every spelling the engine reads (１８７｜６７７２｜０４４１,
// 一八七|六七七二|零四四一).

// A run whose gaps hold only what data is written with (a comma, a tab, a
// line break, a bar, a colon: CSV, TSV, a table, a log) is read so only
// behind a label (手机 187|6772|0441); one with a full-width or CJK
// delimiter anywhere. Cost, fail closed: a labelled row of exactly those
// lengths that reads as a valid identifier is masked.

// maxDelimitedGap bounds the units (characters) of one gap.
const maxDelimitedGap = 4

// delimitedLengths are the digit counts of a run read joined: a mobile
// (11), a resident ID (15, 17 before a check X, 18) and a card (16 to 19).
func delimitedLength(n int) bool { return n == 11 || n >= 15 && n <= 19 }

// delimiter reports whether the rune r delimits values rather than
// separating a number's groups, for the engine: a bar (| ｜ 丨), a tilde or
// wave dash (~ ～ 〜), a colon, a comma, an enumeration comma, a
// semicolon, an underscore, a tab, a line break, a full stop, a hash,
// a backslash, an ellipsis, an arrow. Not '+', '=' or '*': a sum, an
// equation and a mask (138****5678) are no number.
func delimiter(r rune) bool {
	switch r {
	case '|', '｜', '丨', '~', '～', '〜', ':', '：', ',', '，', '、', ';', '；', '_', '\t', '\n', '\r', '。', '·',
		'#', '＃', '\\', '…', '⋯', '→':
		return true
	}
	return false
}

// gapSpace reports whether the rune r may stand in a gap around a
// delimiter, as the engine's separators do.
func gapSpace(r rune) bool { return r == ' ' || r == '-' || r == '.' || r == 0x3000 }

// decodeDelimited returns the delimited runs of text (see above), each
// with every gap between two of its groups replaced by one space, mapped
// to the gap's first byte, and with delimitedContext bytes of the text
// around it; runs whose contexts do not meet are set apart by markupSep,
// which nothing is read across. It returns ok false when text has no such
// run. Each byte is read once, and the engine reads only the runs and
// their contexts again, not the whole text.
func decodeDelimited(text []byte) (_ []byte, _ []int32, ok bool) {
	var m mapped
	from, ctxEnd := 0, 0                // what is copied to m next; where the last run's context ends
	var gaps [maxDelimitedDigits][2]int // the delimited gaps of the run being read
	for i := 0; i < len(text); {
		if size, ok := detect.DigitAt(text, i); !ok {
			countReadingSteps(1)
			i += size
			continue
		}
		digits, ng, weak, exotic := 0, 0, false, false
		j := i
		for {
			g := j
			for j < len(text) {
				size, ok := detect.DigitAt(text, j)
				if !ok {
					break
				}
				j += size
				digits++
			}
			countReadingSteps(1 + j - g)
			if digits == 17 && j < len(text) && text[j]|0x20 == 'x' {
				j++ // a resident ID's check X
				digits++
				break
			}
			end, delimited, xSize := delimitedGap(text, j, digits == 17)
			if end < 0 || digits > maxDelimitedDigits || string(text[j:end]) == markupSep {
				// (markupSep stands between table cells and elements that
				// the markup view keeps apart)
				break // groups ≤ digits: gaps has room for every gap of a run read
			}
			gaps[ng] = [2]int{j, end}
			ng++
			weak = weak || delimited
			exotic = exotic || delimited && !dataDelimiters(text[j:end])
			j = end
			if xSize > 0 {
				j += xSize // a resident ID's check X set apart: 110105|19900101|123|X
				digits++
				countReadingSteps(xSize)
				break
			}
		}
		if weak && delimitedLength(digits) && !digitOrLetterAt(text, j) && !digitOrLetterBefore(text, i) &&
			!maskAround(text, i, j) && (exotic || labelBefore(text, i)) {
			lo := runeStartAt(text, max(i-delimitedContext, 0))
			switch {
			case !ok:
				m = mapped{dst: make([]byte, 0, 4*delimitedContext), offs: make([]int32, 0, 4*delimitedContext)}
				ok, from = true, lo
			case lo > ctxEnd:
				m.copy(text, from, ctxEnd)
				m.bytes([]byte(markupSep), lo)
				from = lo
			}
			ctxEnd = runeStartAt(text, min(j+delimitedContext, len(text)))
			for _, g := range gaps[:ng] {
				m.copy(text, from, g[0])
				m.bytes([]byte{' '}, g[0])
				from = g[1]
			}
		}
		i = max(j, i+1)
	}
	if !ok {
		return nil, nil, false
	}
	m.copy(text, from, ctxEnd)
	dst, offs := m.done(len(text))
	return dst, offs, true
}

// delimitedContext is how much of the text around each run read joined
// its reading holds: the label before it (手机号码：), a name after it.
const delimitedContext = 64

// runeStartAt returns i, or the start of the character text[i] is in the
// middle of, so that a piece cut there starts with a whole character.
func runeStartAt(text []byte, i int) int {
	for k := 0; k < utf8.UTFMax-1 && i > 0 && i < len(text) && !utf8.RuneStart(text[i]); k++ {
		i--
	}
	return i
}

// maxDelimitedDigits is the most digits of a run read joined: a card's.
const maxDelimitedDigits = 19

// delimitedGap reads the gap from text[i] on: at most maxDelimitedGap
// spaces, dashes, dots and delimiters with a digit after them (a dot
// before a space delimits), or, when checkX is set (after 17 digits), a
// resident ID's check X in any spelling the engine reads (detect.CheckXAt).
// It returns where the digit or the X stands, whether the gap held a
// delimiter and the X's size (0 before a digit), or -1.
func delimitedGap(text []byte, i int, checkX bool) (end int, delimited bool, xSize int) {
	for n := 0; n < maxDelimitedGap && i < len(text); n++ {
		countReadingSteps(1)
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(text[i:])
		}
		switch {
		case delimiter(r), r == '.' && i+1 < len(text) && text[i+1] == ' ':
			delimited = true // also a full stop and a space: 187. 6772. 0441
		case !gapSpace(r):
			return -1, false, 0
		}
		i += size
		if i < len(text) {
			if _, ok := detect.DigitAt(text, i); ok {
				return i, delimited, 0
			}
			if checkX {
				if n, ok := detect.CheckXAt(text, i); ok {
					return i, delimited, n
				}
			}
		}
	}
	return -1, false, 0
}

// dataDelimiters reports whether a gap holds only what data is written
// with (CSV's comma, TSV's tab, a line break, a table's bar, a colon, a
// semicolon, an underscore) besides spaces and dashes: 150,2304,1800 is a
// row of three numbers, and is read joined only behind a label
// (labelBefore). A full-width or CJK delimiter (，、～｜丨), a wave dash, a
// hash, an arrow is no data's: it is read joined anywhere.
func dataDelimiters(gap []byte) bool {
	for _, c := range gap {
		switch c {
		case ',', '\t', '\n', '\r', '|', ':', ';', '_', ' ', '-', '.':
		default:
			return false
		}
	}
	return true
}

// labelBefore reports whether a label stands in the maxLabelGap bytes
// before text[i]: tel:, 手机号码, 身份证 (keyHint names a phone, an ID, a
// card).
func labelBefore(text []byte, i int) bool {
	lo := runeStartAt(text, max(0, i-maxLabelGap))
	return keyHint(text[lo:i])&siblingHint != 0
}

// maxLabelGap is how far before a run its label is looked for.
const maxLabelGap = 24

// maskAround reports whether a mask's stars stand right before text[i] or
// right after text[j-1], a space apart at most: the digits a mask keeps
// (6226 **** **** 1502, 138****5678) are no group of another number, or
// a second redaction would find what the first wrote.
func maskAround(text []byte, i, j int) bool {
	if j < len(text) && text[j] == ' ' {
		j++
	}
	if i > 0 && text[i-1] == ' ' {
		i--
	}
	return j < len(text) && text[j] == '*' || i > 0 && text[i-1] == '*'
}

// digitOrLetterAt reports whether an ASCII digit or letter stands at
// text[i]: the run goes on into a longer token.
func digitOrLetterAt(text []byte, i int) bool {
	return i < len(text) && (isASCIIDigit(text[i]) || isASCIILetterByte(text[i]))
}

// digitOrLetterBefore reports whether an ASCII digit or letter stands
// right before text[i].
func digitOrLetterBefore(text []byte, i int) bool {
	return i > 0 && (isASCIIDigit(text[i-1]) || isASCIILetterByte(text[i-1]))
}
