package bodyformat

import (
	"strings"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A page that shows a form's fields side by side shows a number split
// across them as one: tel1=138&tel2=1234&tel3=5678 (when a field name says
// what the form holds: siblingHint). As for the members of a JSON
// object (jsonsiblings.go), the values of a form that are digits only are
// read joined, a space apart, before the form is read field by field; a
// number found across them is counted once and masks each of its values
// whole.

// formSiblings returns the starts of the values of the form b that a
// number across values masks whole, nil when none does.
func (in *inspector) formSiblings(b []byte) map[int]bool {
	if in.binaryFields {
		// the fields a binary body holds stand apart in it, among bytes no
		// page shows: thousands of short values of random bytes, joined,
		// spelled numbers (one 8 MiB random upload in six was refused)
		return nil
	}
	if in.meter != nil && in.meter.spend(int64(len(b))) != nil {
		return nil // each byte is decoded once more here (digitsOnly): work, counted
	}
	var starts []int // each joined value's start in b
	var dec []byte
	var hint detect.CategorySet // what the field names say
	var j valueJoin
	eachFormField(b, func(start, valStart, end int) {
		if valStart > start {
			dec, _, _ = decodeForm(b[start:valStart-1], dec[:0], nil, false)
			hint |= keyHint(dec)
		}
		dec, _, _ = decodeForm(b[valStart:end], dec[:0], nil, false)
		if j.add(dec) {
			starts = append(starts, valStart)
		}
	})
	var masked map[int]bool
	in.readValueJoin(&j, hint, func(k int, _ detect.Finding) {
		if masked == nil {
			masked = make(map[int]bool)
		}
		masked[starts[k]] = true
	})
	return masked
}

// valueJoin is the join of a record's values that are digits only
// (digitsOnly), a space apart: a form's, an XML element's leaves and
// attributes (xmlsiblings.go).
type valueJoin struct {
	view []byte
	ats  []int // where each value starts in view
}

// reset empties j, its arrays kept.
func (j *valueJoin) reset() { j.view, j.ats = j.view[:0], j.ats[:0] }

// add adds text, a value's decoded text, to j when it is digits only,
// and reports whether it did (the value is then the len(j.ats)-1th).
func (j *valueJoin) add(text []byte) bool {
	if !digitsOnly(text) {
		return false
	}
	if len(j.ats) > 0 {
		j.view = append(j.view, ' ')
	}
	j.ats = append(j.ats, len(j.view))
	j.view = append(j.view, text...)
	return true
}

// readValueJoin reads j when it holds two values or more and hint, what
// the record's names say, names a number of a person's (siblingHint): a
// number found across values is counted once, and mask is called with
// the index of each value it takes in and the finding.
func (in *inspector) readValueJoin(j *valueJoin, hint detect.CategorySet, mask func(k int, f detect.Finding)) {
	if len(j.ats) < 2 || hint&siblingHint == 0 {
		return // a record of counts and ids: no name says it holds a number of a person's
	}
	var counted []detect.Finding
	for _, f := range in.readJoined(j.view, hint) {
		first, last := valueAt(j.ats, f.Start), valueAt(j.ats, f.End-1)
		if first == valueAt(j.ats, checkXAfter(j.view, f)-1) {
			continue // inside one value: found when the value is read
		}
		counted = append(counted, f)
		for k := first; k <= last; k++ {
			mask(k, f)
		}
	}
	in.sample(counted)
	in.account(counted)
}

// valueAt returns the index of the value whose text holds view[i].
func valueAt(ats []int, i int) int {
	k := len(ats) - 1
	for k > 0 && ats[k] > i {
		k--
	}
	return k
}

// digitsOnly reports whether text is a value an object's or a form's
// join reads: one to maxSiblingDigits digits in any spelling the engine
// reads (１３８, 一三八), an ID's check X at the end, or an ID's check X
// alone in any spelling (detect.CheckXAt: {"idNo":"…123","check":"✕"});
// spaces and dashes around the digits and a '+' before them are read
// too (" 138", "+86", "1234-"): a client joining the values shows them.
// A digit spelled in tag characters is one (tagASCII): the join's tag
// view reads it (tagview.go).
func digitsOnly(text []byte) bool {
	text = trimSigns(text)
	if len(text) == 0 || len(text) > maxSiblingDigits*maxDigitBytes {
		return false
	}
	i := 0
	for i < len(text) && isASCIIDigit(text[i]) {
		i++ // (the common case, ASCII digits alone, without a call a digit)
	}
	if i == len(text) {
		return i <= maxSiblingDigits
	}
	if i == 0 && len(text) <= maxCheckXBytes { // (CheckXAt reads no check X at a digit)
		if size, ok := detect.CheckXAt(text, 0); ok && size == len(text) {
			return true
		}
	}
	n := i
	for ; i < len(text); n++ {
		size, ok := 1, false
		if c := text[i]; c < utf8.RuneSelf && c != '&' {
			ok = isASCIIDigit(c) // digitAt's answer, without the call
		} else if c := tagASCII(text, i); c != 0 {
			size, ok = 4, isASCIIDigit(c)
		} else {
			size, ok = digitAt(text, i)
		}
		if !ok && !(i == len(text)-1 && n > 0 && text[i]|0x20 == 'x') {
			return false
		}
		i += size
	}
	return n <= maxSiblingDigits
}

// trimSigns is bytes.TrimLeft(bytes.Trim(text, " -"), "+"), without
// building a cut set for each value.
func trimSigns(text []byte) []byte {
	i, j := 0, len(text)
	for i < j && (text[i] == ' ' || text[i] == '-') {
		i++
	}
	for j > i && (text[j-1] == ' ' || text[j-1] == '-') {
		j--
	}
	for i < j && text[i] == '+' {
		i++
	}
	return text[i:j]
}

// maxCheckXBytes is the longest value read as an ID's check X alone: a
// look-alike, or a reference to one (&#x2715;, &times;).
const maxCheckXBytes = 10

// maxDigitBytes is the most bytes one digit is spelled with in a value
// read joined (a full-width digit, a Chinese numeral: three).
const maxDigitBytes = 4

// maskWhole is what a value a number across values masks stands for.
func maskWhole(text []byte) []byte { return []byte(strings.Repeat("*", len(text))) }

// checkXAfter returns where f's value ends in a join: after the check X
// of a resident ID that its span leaves out, one space after it (the
// engine masks the digits of an ID whose X stands apart, and leaves the
// X: {"idNo":"…123","check":"X"} is one ID across two values), or f.End.
func checkXAfter(text []byte, f detect.Finding) int {
	if f.Category != detect.CNID || f.End+1 >= len(text) || text[f.End] != ' ' {
		return f.End
	}
	if size, ok := detect.CheckXAt(text, f.End+1); ok {
		return f.End + 1 + size
	}
	return f.End
}
