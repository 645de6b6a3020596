package bodyformat

import (
	"bytes"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// The engine reads a control character between digits as nothing: a
// browser drops a NUL from a page, a terminal draws nothing for it or for
// SOH, so 138\x0012345678 is one number. Other receivers end or split a
// value there: a C string, or a log shipper or a database column of C
// strings, ends at the NUL; cat -v, less and most editors draw each
// control as a mark (^@, ^A, M-BM-^E for NEL) between the digits. A card
// then a NUL then a mobile is no number to the first and two to the
// second; and once the card is masked, the mobile after it is one to
// every reader, so a second redaction would find it (FuzzWrappedJSON: a
// card, then \000 that the escapes reading decodes to NUL, then a
// mobile). The filter reads both: the engine's reading, and this one,
// where every control the engine skips ends what stands before it, on
// the text, its escapes, its percent escapes and its character
// references decoded (textreadings.go).

// minSplitRun is how many digits a run beside a control holds at least
// for decodeControlEnds to set it apart: the shortest part of a number an
// identifier is read from (a landline's subscriber part, the tail a mask
// keeps of a mobile), so a run of that many digits may be, or end, an
// identifier the control glues to what stands beyond it.
const minSplitRun = 5

// decodeControlEnds returns text with each run of controls the engine
// reads as nothing (controlAt: C0 controls but white space, NUL included,
// DEL, C1 controls in UTF-8) replaced by 0xFF, an invalid byte that sets
// apart what stands around it, byte for byte, where it glues a run of
// minSplitRun digits or more (counted across a number's group separators
// and invisible characters: digitsAfter) to a character of a word (an
// ASCII letter or digit, or a character beyond ASCII: a full-width digit,
// a letter) on its other side: 1\x00<mobile>, tel\x00<mobile>,
// <card>\u0085<mobile>. ok is false when text holds none. Elsewhere the
// engine's reading is this one: a control beside white space or
// punctuation ends nothing more, and a binary framing's tags and one-byte
// lengths between short runs (\x129\x127…, a protobuf run read as text)
// are no reading's business here, so the reading costs nothing there.
// Looking at each run's ends costs maxGroupLook bytes a side at most, and
// stops at the next control: linear. An ESC that opens a control string
// stays, for the terminal reading (flatControlAt).
func decodeControlEnds(text []byte) ([]byte, []int32, bool) {
	var out []byte
	for i := 0; i < len(text); {
		countReadingSteps(1)
		n := controlAt(text, i)
		if n == 0 {
			i++
			continue
		}
		j := i + n
		for j < len(text) {
			m := controlAt(text, j)
			if m == 0 {
				break
			}
			countReadingSteps(1)
			j += m
		}
		if splitsRun(text, i, j) {
			if out == nil {
				out = append(make([]byte, 0, len(text)), text...)
			}
			for k := i; k < j; k++ {
				out[k] = 0xFF
			}
		}
		i = j
	}
	if out == nil {
		return nil, nil, false
	}
	offs := make([]int32, len(text)+1)
	for k := range offs {
		offs[k] = int32(k)
	}
	return out, offs, true
}

// controlAt returns the length of the control at text[i] that
// decodeControlEnds reads as a value's end (NUL, or a control
// flatControlAt sets apart), or 0.
func controlAt(text []byte, i int) int {
	if text[i] == 0 {
		return 1
	}
	return flatControlAt(text, i)
}

// splitsRun reports whether the controls text[i:j] glue a run of
// minSplitRun digits on one side to a character of a word on the other.
func splitsRun(text []byte, i, j int) bool {
	if i == 0 || j == len(text) || !wordByte(text[i-1]) || !wordByte(text[j]) {
		return false
	}
	return digitsBefore(text, i) >= minSplitRun || digitsAfter(text, j) >= minSplitRun
}

// wordByte reports whether c is an ASCII letter or digit, or a byte of a
// character beyond ASCII (the engine's digits and letters beyond ASCII
// are all there).
func wordByte(c byte) bool {
	return c >= utf8.RuneSelf || isASCIIDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'z'
}

// maxGroupLook is how many bytes digitsBefore and digitsAfter look
// through at most: minSplitRun digits, full-width ones included, with
// the separators and invisible characters between a number's groups
// (138 0013 8000, 138-0013-8000, \u200b138…). It bounds the look at each
// control run, and the look stops at the next control, so the reading
// stays linear.
const maxGroupLook = 32

// digitsBefore counts the digits (digitBefore: ASCII, or of three bytes:
// full-width) before text[i], to minSplitRun, across the group
// separators and invisible characters between them (groupedFiller),
// within maxGroupLook bytes.
func digitsBefore(text []byte, i int) int {
	n, stop := 0, max(0, i-maxGroupLook)
	for n < minSplitRun && i > stop {
		countReadingSteps(1)
		if size := digitBefore(text, i); size != 0 {
			i -= size
			n++
			continue
		}
		r, size := utf8.DecodeLastRune(text[:i])
		if !groupedFiller(r) {
			break
		}
		i -= size
	}
	return n
}

// digitsAfter counts the digits (ASCII, or of three bytes) from text[j],
// to minSplitRun, across the group separators and invisible characters
// between them (groupedFiller), within maxGroupLook bytes.
func digitsAfter(text []byte, j int) int {
	n, stop := 0, min(len(text), j+maxGroupLook)
	for n < minSplitRun && j < stop {
		countReadingSteps(1)
		if size, ok := digitAt(text, j); ok && (size == 1 || size == 3) {
			j += size
			n++
			continue
		}
		r, size := utf8.DecodeRune(text[j:])
		if !groupedFiller(r) {
			break
		}
		j += size
	}
	return n
}

// groupedFiller reports whether r may stand between the digits of one
// number to a reader: a group separator (groupSep) or an invisible
// character beyond the C1 controls (detect.Invisible; a control ends the
// look, it is the next run's business).
func groupedFiller(r rune) bool {
	return groupSep(r) || r >= 0xA0 && detect.Invisible(r)
}

// digitBefore returns the length of the digit (an ASCII one, or one of
// three bytes digitAt reads) that ends right before text[i], or 0.
func digitBefore(text []byte, i int) int {
	if isASCIIDigit(text[i-1]) {
		return 1
	}
	if i >= 3 && text[i-1] >= utf8.RuneSelf {
		if size, ok := digitAt(text, i-3); ok && size == 3 {
			return 3
		}
	}
	return 0
}

// decodeControlPercents is decodePercent when a percent escape of text
// spells a control controlAt reads (%00, %01, %7F, %C2%85): only then
// does the percent reading hold a control the text does not, so a piece
// with a stray '%' (sparse binary) pays one search for it, not a reading.
func decodeControlPercents(text []byte) ([]byte, []int32, bool) {
	if !percentSpellsControl(text) {
		return nil, nil, false
	}
	return decodePercent(text)
}

// percentSpellsControl reports whether a percent escape of text spells a
// control controlAt reads: C0 but white space, DEL, or C1 in UTF-8.
func percentSpellsControl(text []byte) bool {
	for i := 0; ; i++ {
		k := bytes.IndexByte(text[i:], '%')
		if k < 0 {
			return false
		}
		i += k
		v := percentByte(text, i)
		if v >= 0 && controlRune(rune(v)) || v == 0xC2 && percentByte(text, i+3) >= 0x80 && percentByte(text, i+3) < 0xA0 {
			return true
		}
	}
}

// percentByte returns the byte the percent escape at text[i] spells, or
// -1 when none starts there.
func percentByte(text []byte, i int) int {
	if i+2 >= len(text) || text[i] != '%' {
		return -1
	}
	h, l := unhex(text[i+1]), unhex(text[i+2])
	if h < 0 || l < 0 {
		return -1
	}
	return h<<4 | l
}
