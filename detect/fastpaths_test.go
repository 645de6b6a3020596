package detect

import (
	"testing"
	"unicode/utf8"
)

// The fast paths of the scanner rest on facts about its tables; these tests
// keep the facts true when the tables change.

// isCJKDigit skips every rune below U+3000 and every rune the table of
// classifyRune does not call a digit.
func TestCJKDigitsAreDigitsFromU3000(t *testing.T) {
	for r := range cjkDigit {
		if r < 0x3000 || classifyRune(r).kind != uDigit {
			t.Errorf("Chinese numeral %q (U+%04X): below U+3000 or not classified as a digit", r, r)
		}
		if !isCJKDigit(r) {
			t.Errorf("isCJKDigit(%q) = false", r)
		}
	}
	for _, r := range "0９a号 " {
		if isCJKDigit(r) {
			t.Errorf("isCJKDigit(%q) = true", r)
		}
	}
}

// markerLen filters on a three-byte first character and compares the third
// byte before the rest.
func TestAddressMarkersAreThreeByteCharacters(t *testing.T) {
	lists := map[markers][]string{mAdmin: addrAdmin, mStreet: addrStreet, mNumber: addrNumber, mResidence: addrResidence}
	for kind, l := range lists {
		for _, w := range l {
			if r, size := utf8.DecodeRuneInString(w); size != 3 || !isMarkerStart(r) {
				t.Errorf("address marker %q: its first character is not a three-byte marker start", w)
			}
			if markerLen([]byte(w+"x"), kind) != len(w) {
				t.Errorf("markerLen(%q) != %d", w+"x", len(w))
			}
		}
	}
}

// labelBefore searches only where labels.lensEndingAt says a label may
// start: every label's last character must be in the set, in either case
// for English labels, with the label's length.
func TestLabelEndsCoverEveryLabel(t *testing.T) {
	check := func(w []byte) {
		for _, text := range [][]byte{w, []byte(toUpperASCII(string(w)))} {
			if labels.lensEndingAt(text, len(text))&lenBit(len(text)) == 0 {
				t.Errorf("labels.lensEndingAt(%q) lacks its length", text)
			}
		}
	}
	for _, bucket := range labels.ascii {
		for _, lw := range bucket {
			check(lw.word)
		}
	}
	for _, bucket := range labels.han {
		for _, lw := range bucket {
			check(lw.word)
		}
	}
}

// toUpperASCII returns s with its ASCII letters in upper case.
func toUpperASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// decodeRune gives the result of utf8.DecodeRune on every input: every
// three-byte sequence led by E0-EF, followed by each kind of byte, and
// short and ASCII inputs.
func TestDecodeRuneIsUTF8DecodeRune(t *testing.T) {
	check := func(p []byte) {
		r, n := decodeRune(p)
		wr, wn := utf8.DecodeRune(p)
		if r != wr || n != wn {
			t.Fatalf("decodeRune(% x) = %U, %d; utf8.DecodeRune: %U, %d", p, r, n, wr, wn)
		}
	}
	for b0 := 0xE0; b0 <= 0xEF; b0++ {
		for b1 := 0; b1 < 256; b1++ {
			for b2 := 0; b2 < 256; b2++ {
				check([]byte{byte(b0), byte(b1), byte(b2)})
				check([]byte{byte(b0), byte(b1), byte(b2), 'a'})
			}
			check([]byte{byte(b0), byte(b1)})
		}
	}
	for _, p := range [][]byte{nil, {}, {'a'}, {0x80}, {0xC3, 0xA9}, {0xF0, 0x9F, 0x98, 0x80}, {0xF0, 0x9F, 0x98}} {
		check(p)
	}
}
