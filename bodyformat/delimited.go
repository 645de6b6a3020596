package bodyformat

import (
	"encoding/binary"
	"unicode"
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
const maxDelimitedGap = 8

// delimitedLengths are the digit counts of a run read joined: a mobile
// (11), a resident ID (15, 17 before a check X, 18) and a card (16 to 19).
func delimitedLength(n int) bool { return n == 11 || n >= 15 && n <= 19 }

// delimiter reports whether the rune r delimits values rather than
// separating a number's groups, for the engine: a bar, a tilde, a colon,
// a comma, a semicolon, an underscore, a tab, a line break, a hash, a
// backslash, '>', and any punctuation or symbol outside ASCII (the
// full-width, small and half-width forms of those, 、 。 ～ 〜 〰, ellipses,
// arrows, guillemets, ∣ ∶ ∙ …), but for a dash (gapSpace), a currency
// sign, and what reads as '+', '=', '*' or a multiplication: a sum, an
// equation and a mask (138****5678) are no number.
func delimiter(r rune) bool {
	if r >= 0 && r < 0x10000 {
		return delimiterRunes[r>>6]&(1<<(r&63)) != 0 // (delimiterRune's answer, looked up)
	}
	return delimiterRune(r)
}

// delimiterRunes has a bit for each character below U+10000 that
// delimiterRune reports: delimiter's answer for them without a switch and
// a table search per character (a Chinese text's every character is asked).
var delimiterRunes = func() (t [0x10000 / 64]uint64) {
	for r := range rune(0x10000) {
		if delimiterRune(r) {
			t[r>>6] |= 1 << (r & 63)
		}
	}
	return t
}()

// delimiterRune is delimiter, computed.
func delimiterRune(r rune) bool {
	switch r {
	case '|', '~', ':', ',', ';', '_', '\t', '\n', '\r', '#', '\\', '>',
		'丨', 'ǀ', '︱', '︲', '〜', '〰': // (an ideograph, a letter and dashes that read as bars and waves)
		return true
	case '＊', '﹡', '∗', '⁎', '✱', '＋', '﹢', '＝', '﹦', '×', '÷', '⨯', '✕', '✖':
		return false
	}
	return r >= utf8.RuneSelf && !isIdeograph(r) && !unicode.Is(unicode.Pd, r) && !unicode.Is(unicode.Sc, r) &&
		(unicode.IsPunct(r) || unicode.IsSymbol(r))
}

// isIdeograph reports a CJK unified ideograph: the common case of a
// character after a group of digits in Chinese text (589号), answered
// before any table is looked up.
func isIdeograph(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

// gapSpace reports whether the rune r may stand in a gap around a
// delimiter, as the engine's separators do: a space of any width, an
// invisible character (U+200B, a soft hyphen), a dash, a dot; and the
// quotes of values written one a line or in a row ("138",\n"1234").
func gapSpace(r rune) bool {
	if r >= 0 && r < 0x10000 {
		return gapSpaceRunes[r>>6]&(1<<(r&63)) != 0 // (gapSpaceRune's answer, looked up)
	}
	return gapSpaceRune(r)
}

// gapSpaceRunes has a bit for each character below U+10000 that
// gapSpaceRune reports: gapSpace's answer without three table searches
// for each character of a text outside CJK (mayDelimit asks it of most).
var gapSpaceRunes = func() (t [0x10000 / 64]uint64) {
	for r := range rune(0x10000) {
		if gapSpaceRune(r) {
			t[r>>6] |= 1 << (r & 63)
		}
	}
	return t
}()

// gapSpaceRune is gapSpace, computed.
func gapSpaceRune(r rune) bool {
	return r == ' ' || r == '-' || r == '.' || r == '"' || r == '\'' || r >= utf8.RuneSelf && !isIdeograph(r) &&
		(unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Pd, r))
}

// decodeDelimited returns the delimited runs of text (see above), each
// with every gap between two of its groups replaced by one space, mapped
// to the gap's first byte, and with delimitedContext bytes of the text
// around it; runs whose contexts do not meet are set apart by markupSep,
// which nothing is read across. It returns ok false when text has no such
// run. Each byte is read once, and the engine reads only the runs and
// their contexts again, not the whole text.
func decodeDelimited(text []byte) ([]byte, []int32, bool) {
	if !mayDelimit(text) {
		return nil, nil, false
	}
	return delimitedRuns(text)
}

// decodeDelimitedLabelled is decodeDelimited for a value its field's or
// key's name labels (tel=187⇥6772⇥0441, {"idcard": "110105⏎1990…"}):
// every run is read as one behind a label (labelBefore) is.
func decodeDelimitedLabelled(text []byte) ([]byte, []int32, bool) {
	if !mayDelimit(text) {
		return nil, nil, false
	}
	return delimitedRunsOf(text, true)
}

// delimitedRuns is decodeDelimited without its one-pass check.
func delimitedRuns(text []byte) ([]byte, []int32, bool) {
	return delimitedRunsOf(text, false)
}

// delimitedRunsOf is delimitedRuns, every run read as labelled when
// labelled is set.
func delimitedRunsOf(text []byte, labelled bool) ([]byte, []int32, bool) {
	rd := runsReading{text: text}
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf && c != '&' && !isASCIIDigit(c) {
			countReadingSteps(1)
			i++ // digitAt's answer for such a byte, without the call
			continue
		}
		if size, ok := digitAt(text, i); !ok {
			countReadingSteps(1)
			i += size
			continue
		}
		r := readRun(text, i, nil)
		j := r.end
		if r.holds && r.weak && !digitOrLetterAt(text, j) && !digitOrLetterBefore(text, i) &&
			!maskAround(text, i, j) && (r.exotic || labelled || labelBefore(text, i)) {
			rd.run(i, j)
			readRun(text, i, rd.gap)
		}
		i = max(j, i+1)
	}
	return rd.done()
}

// mayDelimit reports whether text may hold what decodeDelimited reads: a
// run of digit groups (readRun) with minDelimitedDigits digits or more
// and a delimiter in a gap after one of its groups (an ASCII delimiter, a
// character of punctuation or a symbol outside ASCII, a full stop before
// a space). Without one, decodeDelimited answers in this one pass: a
// mobile, an order number, a date written 2024-01-02, a note with a few
// numbers and a colon hold no such run. It reads text as readRun reads a
// run: a digit in any spelling the run reading takes (digitAt: a
// character reference may be one, &#49;), else a gap's character
// (gapUnit); any other character (a letter, an ideograph, '/', a NUL
// byte), or a gap longer than a run's (maxDelimitedGap), ends what it
// counts, so that both counts are those of one stretch a run may span.
// A run lies within one such stretch and is read character by character
// as it is, so the counts bound the run's. A run of NUL bytes is skipped
// eight at a time (binary content: a byte here and there between long
// runs of NUL holds no run).
func mayDelimit(text []byte) bool {
	turns := 0
	var st delimitStretch
	for i := 0; i < len(text); turns++ {
		c := text[i]
		switch mayDelimitClass[c] {
		case delimitBreak:
			// (nothing counted: a word's letters are skipped in one
			// turn, the stretch reset once for them all)
			st = delimitStretch{}
			for i++; i < len(text) && mayDelimitClass[text[i]] == delimitBreak; i++ {
			}
			continue
		case delimitSpace:
			st.gap(false)
			i++
			continue // (no delimiter: the answer is what it was)
		case delimitDigit:
			// (a run of ASCII digits counted in one turn: the answer,
			// asked after it, is that after its last digit, and the
			// counts only grow within it)
			j := i + 1
			for j < len(text) && isASCIIDigit(text[j]) {
				j++
			}
			st.digits += j - i
			st.gaps = 0
			i = j
		case delimitByte:
			st.gap(true)
			i++
		default:
			i = mayDelimitOther(text, i, &st)
		}
		if st.delimited && st.digits >= minDelimitedDigits {
			countReadingSteps(turns)
			return true
		}
	}
	countReadingSteps(turns)
	return false
}

// delimitStretch is what mayDelimit counts of the stretch of text a run
// may span: its digits, the gap's characters since the last one, and
// whether a delimiter stood in a gap after a digit.
type delimitStretch struct {
	digits, gaps int
	delimited    bool
}

// gap counts a gap's character, a delimiter or not: a gap longer than a
// run's (maxDelimitedGap) ends the stretch, a delimiter after a digit
// marks it.
func (st *delimitStretch) gap(delimiter bool) {
	if st.gaps++; st.gaps > maxDelimitedGap {
		*st = delimitStretch{}
		return
	}
	st.delimited = st.delimited || delimiter && st.digits > 0
}

// mayDelimitOther is mayDelimit's reading of text[i], a byte of class
// delimitOther (NUL, '&', '.', a byte outside ASCII): it counts the
// character there into st and returns where the next one starts.
func mayDelimitOther(text []byte, i int, st *delimitStretch) int {
	switch c := text[i]; {
	case c == 0:
		// no run reads across a NUL byte, so what a run needs is
		// counted again after it; a run of NUL bytes is skipped eight at
		// a time
		*st = delimitStretch{}
		return pastNULs(text, i+1)
	case c == '.':
		st.gap(i+1 < len(text) && text[i+1] == ' ')
		return i + 1
	}
	if r, ok := threeByteRune(text[i:]); ok {
		// (all of CJK: decoded once, its digit from digitAt's table, an
		// ideograph ends the stretch before any table of gapSpace's)
		switch {
		case digitRunes3[r>>6]&(1<<(r&63)) != 0:
			st.digits++
			st.gaps = 0
		case delimiter(r):
			st.gap(true)
		case !isIdeograph(r) && gapSpace(r):
			st.gap(false)
		default:
			// (and the ideographs after it: a run of them ends the
			// stretch as one does)
			*st = delimitStretch{}
			return pastStretchBreaks3(text, i+3)
		}
		return i + 3
	}
	if size, ok := digitAt(text, i); ok {
		st.digits++
		st.gaps = 0
		return i + size
	}
	_, size, ok, delimited := gapUnit(text, i)
	if !ok {
		*st = delimitStretch{}
		return i + size
	}
	st.gap(delimited)
	return i + size
}

// gapUnit reads the character at text[i] as a gap between two groups of a
// run reads it (delimitedGap): the character, its size, whether a gap may
// hold it (a space of any width, an invisible character, a dash, a dot, a
// quote, a delimiter) and whether it delimits (a delimiter, a full stop
// before a space). A byte that is no UTF-8 is read as U+FFFD.
func gapUnit(text []byte, i int) (r rune, size int, ok, delimited bool) {
	r, size = rune(text[i]), 1
	if r >= utf8.RuneSelf {
		r, size = utf8.DecodeRune(text[i:])
	}
	switch {
	case r == '.' && i+1 < len(text) && text[i+1] == ' ':
		return r, size, true, true // also a full stop and a space: 187. 6772. 0441
	case delimiter(r):
		return r, size, true, true
	}
	return r, size, gapSpace(r), false
}

// mayDelimitClass sorts the bytes for mayDelimit's pass: an ASCII digit,
// an ASCII delimiter (delimiterByte), an ASCII gap character that is no
// delimiter (gapSpace), any other ASCII byte (a letter: no run spans it),
// and the others (NUL, '&', '.', and every byte outside ASCII), each read
// as its own case.
var mayDelimitClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c == 0 || c == '&' || c == '.' || c >= utf8.RuneSelf:
			t[c] = delimitOther
		case isASCIIDigit(byte(c)):
			t[c] = delimitDigit
		case delimiterByte[c]:
			t[c] = delimitByte
		case gapSpace(rune(c)):
			t[c] = delimitSpace
		default:
			t[c] = delimitBreak
		}
	}
	return t
}()

// The classes of mayDelimitClass.
const (
	delimitBreak uint8 = iota
	delimitDigit
	delimitByte
	delimitSpace
	delimitOther
)

// pastNULs returns where the run of NUL bytes at text[i:] ends, read
// eight bytes a turn (a step each).
func pastNULs(text []byte, i int) int {
	for i+8 <= len(text) && binary.LittleEndian.Uint64(text[i:]) == 0 {
		countReadingSteps(1)
		i += 8
	}
	for i < len(text) && text[i] == 0 {
		i++
	}
	return i
}

// minDelimitedDigits is the fewest digits of a run read joined: a
// mobile's (delimitedLength).
const minDelimitedDigits = 11

// delimiterByte marks the ASCII delimiters (delimiter).
var delimiterByte = func() (t [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		t[c] = delimiter(rune(c))
	}
	return t
}()

// delimitedRun is what reading a run of digit groups found.
type delimitedRun struct {
	end int // where the run ends
	// holds: the whole run, or some groups of minWindowGroup digits or
	// more that follow each other, hold as many digits as an identifier
	// (delimitedLength); a run padded with other groups (+86|138|1234|5678,
	// 1|138|1234|5678|2, two mobiles in a row) holds one so, and the
	// engine finds it among the groups
	holds        bool
	weak, exotic bool // a gap holds a delimiter; one that is no data's
}

// identifierLengths has a bit for each digit count delimitedLength takes.
var identifierLengths = func() (b uint64) {
	for n := range maxDelimitedDigits + 1 {
		if delimitedLength(n) {
			b |= 1 << n
		}
	}
	return b
}()

// readRun reads the run of digit groups that starts at text[i], and calls
// gap, when not nil, with each gap between two of its groups. Whether
// groups that follow each other hold an identifier's digit count is kept
// in one word: bit n of ends is set when a group starts n digits before
// where the run has been read to, so each group costs the same whatever
// came before it.
func readRun(text []byte, i int, gap func(start, end int)) delimitedRun {
	var r delimitedRun
	var ends uint64 // windows of groups of minWindowGroup digits or more
	total := 0      // the digits of the whole run
	j := i
	for {
		g, digits := j, 0
		for j < len(text) {
			if c := text[j]; c < utf8.RuneSelf && c != '&' {
				if !isASCIIDigit(c) {
					break // digitAt's answer for such a byte, without the call
				}
				j++
				digits++
				continue
			}
			size, ok := digitAt(text, j)
			if !ok {
				break
			}
			j += size
			digits++
		}
		countReadingSteps(1 + j - g)
		total += digits
		if digits < minWindowGroup {
			ends = 0 // a small group pads no window: 1、3、5、7、9、11 is a list
		} else {
			ends = (ends | 1) << min(digits, 63)
			r.holds = r.holds || ends&identifierLengths != 0
		}
		seventeen := ends&(1<<17) != 0 || total == 17
		if seventeen && j < len(text) && text[j]|0x20 == 'x' {
			j++ // a resident ID's check X ends the run
			r.holds = true
			break
		}
		end, delimited, exotic, xSize := delimitedGap(text, j, seventeen)
		if end < 0 {
			break // (markupSep, between blocks, cells and elements the markup view keeps apart, is a data delimiter: read joined behind a label)
		}
		if gap != nil {
			gap(j, end)
		}
		r.weak = r.weak || delimited
		r.exotic = r.exotic || exotic
		j = end
		if xSize > 0 {
			j += xSize // a resident ID's check X set apart: 110105|19900101|123|X
			r.holds = true
			countReadingSteps(xSize)
			break
		}
	}
	r.end = j
	r.holds = r.holds || delimitedLength(total)
	return r
}

// minWindowGroup is the fewest digits of a group some groups of a longer
// run (+86|138|1234|5678) are read as an identifier with: a mobile's,
// an ID's and a card's groups have three or more.
const minWindowGroup = 3

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
// spaces (of any width, invisible characters too), dashes, dots and
// delimiters with a digit after them (a dot before a space delimits), or,
// when checkX is set (17 digits before it), a resident ID's check X in
// any spelling the engine reads (detect.CheckXAt). It returns where the
// gap ends (where the digit or the X stands), or -1 when text[i:] starts
// no gap, whether it holds a delimiter, whether one is no data's
// (dataDelimiter), and the X's size (0 before a digit).
func delimitedGap(text []byte, i int, checkX bool) (end int, delimited, exotic bool, xSize int) {
	for n := 0; n < maxDelimitedGap && i < len(text); n++ {
		countReadingSteps(1)
		r, size, ok, delim := gapUnit(text, i)
		if !ok {
			return -1, false, false, 0
		}
		if delim {
			delimited = true
			exotic = exotic || exoticDelimiter(r)
		}
		i += size
		if i < len(text) {
			if _, ok := digitAt(text, i); ok {
				return i, delimited, exotic, 0
			}
			if checkX {
				if n, ok := detect.CheckXAt(text, i); ok {
					return i, delimited, exotic, n
				}
			}
		}
	}
	return -1, false, false, 0
}

// exoticDelimiter reports whether r is a delimiter no data or list is
// written with: a bar other than ASCII's (｜ 丨 ∣ ǀ ︱ ¦), a tilde or wave
// (~ ～ 〜 〰), a hash, a backslash, '>', a full-width underscore, an
// ellipsis, a guillemet, an arrow. A run a gap of these splits is read
// joined anywhere. Every other delimiter is what data and lists are
// written with (a comma of any width, 、, a colon, a semicolon, a tab, a
// line break, an ASCII bar, a full stop, a middle dot …): 150,2304,1800 is
// a row of three numbers, 第1、3、5、7、9、11条 a list, read joined only
// behind a label (labelBefore).
func exoticDelimiter(r rune) bool {
	switch r {
	case '~', '#', '\\', '>', '｜', '丨', 'ǀ', '︱', '︲', '¦', '∣', '～', '〜', '〰', '＿', '＼', '＃', '…', '⋯', '‥', '»', '«':
		return true
	}
	return r >= 0x2190 && r <= 0x21FF // arrows
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
// a second redaction would find what the first wrote. Fewer than
// minMaskStars stars (Markdown's emphasis and bold, **138|1234|5678**),
// and stars that close or open an emphasis (**手机** 138|…, …5678 *重要*),
// a letter or ideograph on their other side, are no mask.
func maskAround(text []byte, i, j int) bool {
	if j < len(text) && text[j] == ' ' {
		j++
	}
	if i > 0 && text[i-1] == ' ' {
		i--
	}
	if j < len(text) && text[j] == '*' {
		k := j
		for k < len(text) && text[k] == '*' {
			k++
		}
		if k-j >= minMaskStars && !letterAt(text, k) {
			return true
		}
	}
	if i > 0 && text[i-1] == '*' {
		k := i - 1
		for k > 0 && text[k-1] == '*' {
			k--
		}
		if i-k >= minMaskStars && (k == 0 || !letterBefore(text, k)) {
			return true
		}
	}
	return false
}

// minMaskStars is the fewest stars of a number's mask: the engine hides
// four digits or more.
const minMaskStars = 4

// letterAt reports whether a letter or an ideograph starts at text[i].
func letterAt(text []byte, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRune(text[i:])
	return unicode.IsLetter(r)
}

// letterBefore reports whether a letter or an ideograph ends right before
// text[i].
func letterBefore(text []byte, i int) bool {
	r, _ := utf8.DecodeLastRune(text[:i])
	return unicode.IsLetter(r)
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
