package bodyformat

import (
	"bytes"
	"fmt"
	"net/http"
	"unicode/utf8"
)

// maxBinaryFormKey bounds the name a value cut in pieces is read under
// (binaryFields.cut): its last bytes, which hold its label.
const maxBinaryFormKey = 64

// errBinaryFields is the error of a binary body refused in Redact mode
// for the form fields with personal data a form parser reads in it.
var errBinaryFields = fmt.Errorf("%w: a binary body holds form fields with personal data", ErrMalformed)

// binaryForm reads b, a body that is no text and of no known binary type
// (untyped, application/octet-stream), for the fields a form parser that
// ignores the type reads in it: "\x00\x00&tel=<mobile>" or
// "\xff\xd8\xff&tel=<mobile>" (a JPEG's first bytes) gives a field named
// by the prefix and tel. Each "name=value" in it (binaryFields) is read
// as a form's field, read-only (readBinaryForm): a binary body is never
// rewritten. In Scan mode what it finds counts; in Redact mode it refuses
// the body (ErrMalformed). The fields' copy is charged to the memory
// budget. BinaryScreen reads a body so as it streams.
func (in *inspector) binaryForm(b []byte) error {
	n := 0
	fields := newBinaryFields()
	fields.next(b, true, func(key, val []byte) { n += len(key) + len(val) + 2 })
	if n == 0 {
		return nil
	}
	if err := in.reserve(int64(n)); err != nil {
		return err
	}
	form := make([]byte, 0, n)
	fields = newBinaryFields()
	fields.next(b, true, func(key, val []byte) { form = appendBinaryField(form, key, val) })
	in.binarySigned = http.DetectContentType(b) != "application/octet-stream"
	defer func() { in.binarySigned = false }()
	return in.readBinaryForm(form)
}

// appendBinaryField appends key=val to form, after an '&' unless it is
// the first field.
func appendBinaryField(form, key, val []byte) []byte {
	if len(form) > 0 {
		form = append(form, '&')
	}
	return append(append(append(form, key...), '='), val...)
}

// readBinaryForm reads form, the fields binaryFields found in a binary
// body joined as a form, as a form is read but in Scan mode: in Scan mode
// what it finds counts, in Redact mode a finding is errBinaryFields.
func (in *inspector) readBinaryForm(form []byte) error {
	mode, before := in.mode, in.counted()
	in.mode, in.binaryFields = Scan, true
	in.form(form)
	in.mode, in.binaryFields = mode, false
	if mode == Redact && in.counted() > before {
		return errBinaryFields
	}
	return nil
}

// binaryFields reads the fields of a binary body as a form parser that
// ignores the type reads them (Go's ParseQuery, PHP's $_POST, Python's
// parse_qs), whole (next at its end) or as it arrives (next as more of it
// comes): a field is every byte from an '&' (or the body's start) to the
// next '&' (or its end), NULs, control bytes and bytes that are no UTF-8
// included; its name the bytes before its first '=', its value the bytes
// after it; a field with no '=' is a name alone (its value empty), which
// the upstream reads as data all the same. Each byte is read once. A
// stream that cannot hold a field whole reads it in pieces (cut). Offsets
// count in the window next is given, which grows at its end and loses its
// start to shift.
type binaryFields struct {
	start int    // the open field's first byte held: its name's, or its value's once cut
	at    int    // how far the window has been read
	eq    int    // the open field's '=', -1 while none was read
	cont  bool   // the open field is a value cut before: its name is key
	key   []byte // the name of a value cut, its last maxBinaryFormKey bytes
}

// newBinaryFields starts the reading of a body.
func newBinaryFields() *binaryFields { return &binaryFields{eq: -1} }

// next reads b, the window, from where the last call stopped, calling
// field with each field that ended; atEOF says b ends the body, which
// ends the open field. It returns how many of b's first bytes no later
// field can take: all of b at its end, else up to the open field's first
// byte.
func (f *binaryFields) next(b []byte, atEOF bool, field func(key, val []byte)) int {
	for {
		end := len(b)
		if i := bytes.IndexByte(b[f.at:], '&'); i >= 0 {
			end = f.at + i
		}
		if f.eq < 0 && !f.cont {
			if i := bytes.IndexByte(b[f.at:end], '='); i >= 0 {
				f.eq = f.at + i
			}
		}
		f.at = end
		if end == len(b) && !atEOF {
			return f.start
		}
		f.emit(b, field)
		if end == len(b) {
			return len(b)
		}
		f.start, f.at, f.eq, f.cont = end+1, end+1, -1, false
	}
}

// emit hands the open field, as far as it was read, to field: a field of
// no bytes is none.
func (f *binaryFields) emit(b []byte, field func(key, val []byte)) {
	var key, val []byte
	switch {
	case f.cont:
		key, val = f.key, b[f.start:f.at]
	case f.eq >= 0:
		key, val = b[f.start:f.eq], b[f.eq+1:f.at]
	default:
		key = b[f.start:f.at] // a name alone
	}
	if len(key) > 0 || len(val) > 0 {
		field(key, val)
	}
}

// cut reads the open field of b as it stands (a field longer than a
// stream may hold back) and keeps it open from the last keep bytes of its
// value on (of its name, when no '=' was read), under the same name (its
// last maxBinaryFormKey bytes): what comes next is read with them, so a
// value split at the cut is read whole in one of the two readings. It
// returns the first byte still held.
func (f *binaryFields) cut(b []byte, keep int, field func(key, val []byte)) int {
	f.emit(b, field)
	if !f.cont && f.eq >= 0 {
		key := b[f.start:f.eq]
		f.key = append(f.key[:0], key[max(0, len(key)-maxBinaryFormKey):]...)
		f.start, f.eq, f.cont = f.eq+1, -1, true
	}
	from := max(f.start, f.at-keep)
	for from < f.at && !utf8.RuneStart(b[from]) {
		from++
	}
	f.start = from
	return from
}

// shift says the window lost its first n bytes, all of them done with.
func (f *binaryFields) shift(n int) {
	f.at -= n
	f.start -= n
	if f.eq >= 0 {
		f.eq -= n
	}
}
