package bodyformat

import (
	"bytes"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// binaryDigitCategories are the identifiers written in digits alone,
// whose checks (a mobile's prefix, a resident ID's check digit, a card's
// Luhn digit) random bytes read across their bytes that are no text all
// but never pass: 11 digits or more in a row, with nothing but control
// bytes, bytes that are no UTF-8 and separators between them.
var binaryDigitCategories = detect.NewCategorySet(detect.CNID, detect.CNMobile, detect.CNLandline, detect.BankCard)

// findBinaryField is find for a name or a value of a binary body's field
// (binaryFields), percent-decoded as a form's: text a form parser hands the
// upstream whole, NULs, control bytes and bytes that are no UTF-8 included.
// Every category is read in its text at either end (up to its first byte
// that is no text and from its last: "tel=<mobile>\x00…", the label before
// an '='), as a form's field in text is; over all of it, the identifiers
// written in digits, read by the engine alone (a NUL or a vertical tab
// between a mobile's groups is invisible to it) and, where it holds GBK's
// full-width digits (A3 B1 …, no UTF-8), in GB18030 as a GBK application
// reads them. The other categories are not read across bytes that are no
// text: random bytes read so spell e-mail addresses ("N1@7.Μk") in one
// upload in a few dozen. What it finds is counted once. In a file of a
// known format by its signature (binarySigned: a PNG, a JPEG, whose
// compressed bytes are any bytes) only the text at either end is read.
func (in *inspector) findBinaryField(text []byte, hint detect.CategorySet) []detect.Finding {
	if in.meter != nil && in.meter.err != nil {
		return nil
	}
	head := 0
	for head < len(text) {
		n := binaryTextCharAt(text, head)
		if n == 0 {
			break
		}
		head += n
	}
	fs := in.read(text[:head], hint)
	if head == len(text) || in.binarySigned && head == 0 {
		return in.settle(text, fs)
	}
	tail := len(text)
	for tail > head {
		start := tail - 1
		for start > head && !utf8.RuneStart(text[start]) {
			start--
		}
		if binaryTextCharAt(text, start) != tail-start {
			break
		}
		tail = start
	}
	if tail < len(text) {
		fs = mergeFindings(fs, shiftFindings(in.read(text[tail:], hint), tail))
	}
	if in.binarySigned {
		return in.settle(text, fs) // a PNG's or a JPEG's bytes: their text alone
	}
	fs = mergeFindings(fs, digitFindings(in.scan(text, hint, in.samplesLeft())))
	if hasGBKWideDigit(text) {
		if gb, offs, ok := decodeGB18030Mapped(text); ok {
			gfs := digitFindings(in.scan(gb, hint, in.samplesLeft()))
			for k := range gfs {
				gfs[k].Start, gfs[k].End = rawSpan(offs, gfs[k].Start, gfs[k].End)
			}
			fs = mergeFindings(fs, gfs)
		}
	}
	return in.settle(text, fs)
}

// digitFindings keeps the findings of fs of binaryDigitCategories, in
// place.
func digitFindings(fs []detect.Finding) []detect.Finding {
	kept := fs[:0]
	for _, f := range fs {
		if binaryDigitCategories.Has(f.Category) {
			kept = append(kept, f)
		}
	}
	return kept
}

// shiftFindings moves the findings of fs, of a piece of text that starts
// at off, to the text's offsets, in place.
func shiftFindings(fs []detect.Finding, off int) []detect.Finding {
	for k := range fs {
		fs[k].Start += off
		fs[k].End += off
	}
	return fs
}

// hasGBKWideDigit reports whether b holds a full-width digit of GBK (A3 B0
// to A3 B9), bytes that are no UTF-8.
func hasGBKWideDigit(b []byte) bool {
	for i := bytes.IndexByte(b, 0xa3); i >= 0 && i+1 < len(b); {
		if c := b[i+1]; c >= 0xb0 && c <= 0xb9 {
			return true
		}
		j := bytes.IndexByte(b[i+1:], 0xa3)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}
