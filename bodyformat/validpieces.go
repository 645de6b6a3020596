package bodyformat

import "reflect"

// Some readings decode nothing in text that is valid UTF-8: the
// replacement reading shows invalid bytes as U+FFFD, and only they. A
// JSON string read as it is from a body already found valid UTF-8 (the
// charset checks ask: bodyUTF8) is valid too, its ends being quotes; read
// skips those readings for it rather than look through it again
// (utf8.Valid) to find what the body's check already told.

// invalidOnlyReadings are the textReadings that decode nothing in valid
// UTF-8: decodeReplacement's (TestInvalidOnlyReadings).
var invalidOnlyReadings = func() (s readingSet) {
	replacement := reflect.ValueOf(decodeReplacement).Pointer()
	for k, r := range textReadings {
		if r.decode != nil && reflect.ValueOf(r.decode).Pointer() == replacement {
			s |= 1 << k
		}
	}
	return s
}()

// bodyValid marks b as the body being read when valid has found it valid
// UTF-8 (without looking when no check has), and returns what restores
// the mark of the body around it.
func (in *inspector) bodyValid(b []byte, valid *bodyUTF8) func() {
	outer := in.validBody
	if valid != nil && valid.looked && valid.valid && sameBytes(valid.b, b) {
		in.validBody = b
	} else {
		in.validBody = nil
	}
	return func() { in.validBody = outer }
}

// knownValid reports whether b is the body marked valid UTF-8 (bodyValid).
func (in *inspector) knownValid(b []byte) bool {
	return sameBytes(in.validBody, b) && len(b) > 0
}

// sameBytes reports whether a and b are the same bytes in memory, not
// merely equal ones.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// escapedPercentReadings are the textReadings of decodeEscapedPercent,
// read only where an escape spelled a '+' or a '%' (spellsPercent).
var escapedPercentReadings = func() (s readingSet) {
	escaped := reflect.ValueOf(decodeEscapedPercent).Pointer()
	for k, r := range textReadings {
		if r.decode != nil && reflect.ValueOf(r.decode).Pointer() == escaped {
			s |= 1 << k
		}
	}
	return s
}()
