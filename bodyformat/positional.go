package bodyformat

import (
	"bytes"
	"unicode/utf8"
)

// A number is often given in parts, each named by where it stands:
// 手机号前三位是138，中间四位1234，后四位5678, 身份证前六位110105，出生
// 19900101，后四位1234. A reader puts the parts together. The piece is
// read a second time with each chain of such parts (a part named by a
// position, 前N位 中间N位 后N位 末N位 最后N位, or by a date of birth, its
// digits right after the name) whose digits add up to an identifier's
// length written as one spaced number, as the delimited reading writes a
// run.

// maxPositionalGap bounds the bytes between one part's digits and the
// next part's name.
const maxPositionalGap = 24

// maxPositionalName bounds the bytes of a part's name and what stands
// between it and its digits (是, 为, a colon, spaces).
const maxPositionalName = 24

// positionWords name where a part stands; a count of digits and 位 follow
// them. Birth words name an ID's date, its digits right after them.
var (
	positionWords = []string{"前", "中间", "中", "后", "末", "最后", "尾"}
	birthWords    = []string{"出生日期", "出生", "生日"}
	chainWords    = []string{"中间", "最后", "后面", "后", "末尾", "末", "尾号"}
	// chainNames are the names a part after the first may have besides
	// a count and 位
	chainNames = append(append([]string(nil), birthWords...), chainWords...)
)

// decodePositional returns text with every chain of named parts (see
// above) whose digits add up to an identifier's length written as one
// number, the text between the parts written as one space mapped to its
// first byte, with delimitedContext bytes of the text around it; chains
// whose contexts do not meet are set apart by markupSep. ok is false when
// text has no such chain. Each byte is looked at a bounded number of
// times: a part is found from its name forward, and a chain reads on from
// where the part before it ended.
func decodePositional(text []byte) ([]byte, []int32, bool) {
	if !namesPart(text) {
		return nil, nil, false // no part named: the common case, at one look
	}
	rd := runsReading{text: text}
	var parts [maxDelimitedDigits][2]int
	for i := 0; i < len(text); {
		start, end := namedPart(text, i, len(text), false)
		if start < 0 {
			break
		}
		n, digits := 1, digitCount(text[start:end])
		parts[0] = [2]int{start, end}
		for n < len(parts) && digits < maxDelimitedDigits {
			s, e := namedPart(text, end, min(len(text), end+maxPositionalGap), true)
			if s < 0 {
				break
			}
			parts[n] = [2]int{s, e}
			n++
			digits += digitCount(text[s:e])
			end = e
		}
		if n >= 2 && delimitedLength(digits) {
			rd.run(start, end)
			for k := 1; k < n; k++ {
				rd.gap(parts[k-1][1], parts[k][0]) // what stands between two parts reads as a space
			}
		}
		i = end
	}
	return rd.done()
}

// namesPart reports whether text holds 位, 出生 or 生日, what a part is
// named with: two searches, not three, when it holds none (出生 and 生日
// both hold 生), the common case.
func namesPart(text []byte) bool {
	if bytes.Contains(text, []byte("位")) {
		return true
	}
	return bytes.Contains(text, []byte("生")) && (bytes.Contains(text, []byte("出生")) || bytes.Contains(text, []byte("生日")))
}

// namedPart finds the first named part whose name starts at or after
// text[i] and before limit: the digits (any spelling the engine reads)
// that follow a position word, a count of digits and 位 (前三位是138), or
// a birth word; in a chain (after a first part) a position word alone
// too (中间1234，后5678). It returns where the digits start and end, or -1
// and where the search stopped.
func namedPart(text []byte, i, limit int, chain bool) (start, end int) {
	names := partLeads
	if chain {
		names = chainLeads
	}
	for i < limit {
		k := indexAnyRune(text[i:limit], names)
		if k < 0 {
			countReadingSteps(limit - i)
			return -1, limit
		}
		at := i + k
		countReadingSteps(k + 1)
		after := 0
		if bytes.HasPrefix(text[at:], []byte("位")) {
			if positionBefore(text, at) {
				after = at + len("位")
			}
		} else {
			words := birthWords
			if chain {
				words = chainNames
			}
			for _, w := range words {
				if bytes.HasPrefix(text[at:], []byte(w)) {
					after = at + len(w)
					break
				}
			}
		}
		_, size := utf8.DecodeRune(text[at:])
		i = at + max(size, 1)
		if after == 0 {
			continue
		}
		s := skipPartLead(text, after)
		if !bytes.HasPrefix(text[at:], []byte("位")) && !bytes.HasPrefix(text[at:], []byte("出生")) && !bytes.HasPrefix(text[at:], []byte("生日")) &&
			!(s < len(text) && (isASCIIDigit(text[s]) || bytes.HasPrefix(text[s:], []byte("\xef\xbc")))) {
			continue // a position word alone takes digits, not a count in numerals (后四位…)
		}
		e := s
		for e < len(text) {
			size, ok := digitAt(text, e)
			if !ok {
				break
			}
			e += size
		}
		countReadingSteps(e - after)
		if e > s {
			return s, e
		}
	}
	return -1, limit
}

// positionBefore reports whether a position word and a count of digits
// stand right before the 位 at text[at] (前三位, 中间4位, 后四位, 最后两位).
func positionBefore(text []byte, at int) bool {
	p := at
	for n := 0; p > 0 && n < 2; n++ { // the count: one or two characters
		r, size := utf8.DecodeLastRune(text[:p])
		if !isCountRune(r) {
			break
		}
		p -= size
	}
	if p == at {
		return false
	}
	for _, w := range positionWords {
		if bytes.HasSuffix(text[:p], []byte(w)) {
			return true
		}
	}
	return false
}

// isCountRune reports a character a count of digits is written with.
func isCountRune(r rune) bool {
	return r >= '0' && r <= '9' || bytes.ContainsRune([]byte("一二两三四五六七八九十"), r)
}

// skipPartLead returns where the digits of a part start after its name at
// text[i]: past 是, 为, 号, 码, a colon and spaces.
func skipPartLead(text []byte, i int) int {
	for n := 0; i < len(text) && n < maxPositionalName; n++ {
		r, size := utf8.DecodeRune(text[i:])
		switch r {
		case '是', '为', '号', '码', '：', ':', ' ', '\u3000', '期':
			i += size
			continue
		}
		break
	}
	return i
}

// digitCount returns how many digits, in any spelling, b holds.
func digitCount(b []byte) int {
	n := 0
	for i := 0; i < len(b); n++ {
		size, _ := digitAt(b, i)
		i += max(size, 1)
	}
	return n
}

// partLeads and chainLeads are the first characters of the names of
// parts namedPart looks for, alone and in a chain.
var (
	partLeads  = []rune("位出生")
	chainLeads = []rune("位出生中后末尾")
)

// indexAnyRune is bytes.IndexAny for chars of runes none of which is
// ASCII, U+FFFD, below U+0800 or a surrogate (the names namedPart looks
// for): ASCII bytes are passed over at one test each and three-byte runes
// decoded in place, where bytes.IndexAny looks each rune up in chars.
func indexAnyRune(b []byte, chars []rune) int {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		var r rune
		size := 3
		if c&0xF0 == 0xE0 && i+2 < len(b) && b[i+1]&0xC0 == 0x80 && b[i+2]&0xC0 == 0x80 {
			// three bytes (a Chinese character), decoded in place; an
			// overlong form or a surrogate so read is none of chars, and
			// what it passes over are continuation bytes, which start none
			r = rune(c&0x0F)<<12 | rune(b[i+1]&0x3F)<<6 | rune(b[i+2]&0x3F)
		} else {
			r, size = utf8.DecodeRune(b[i:])
		}
		for _, c := range chars {
			if c == r {
				return i
			}
		}
		i += size
	}
	return -1
}
