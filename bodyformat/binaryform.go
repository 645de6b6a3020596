package bodyformat

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// maxBinaryFormKey bounds the name of a field binaryForm reads.
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

// binaryFields reads the "name=value" fields of a binary body, whole
// (next at its end) or as it arrives (next as more of it comes): the
// name is the bytes before an '=' that are printable ASCII or no ASCII,
// up to maxBinaryFormKey of them and none of '&' (none at all when the
// byte before the '=' is no such byte: a form parser reads the value all
// the same); the value the bytes after it up to an '&', a control byte
// (a tab or a line break stay in it)
// or a byte that is no UTF-8. A value's bytes are never a name's, and
// each byte is read once as a value's and at most maxBinaryFormKey times
// as a name's (linear). Offsets count in the window next is given, which
// grows at its end and loses its start to shift.
type binaryFields struct {
	from  int  // bytes before it belong to a value read (or were let go)
	at    int  // how far the window has been read
	open  bool // a field is open: its value not yet ended
	start int  // the open field's first byte held: its name's, or its value's once cut
	eq    int  // the open field's '=' (-1 once cut: its name is key)
	key   []byte
}

// newBinaryFields starts the reading of a body.
func newBinaryFields() *binaryFields { return &binaryFields{eq: -1} }

// next reads b, the window, from where the last call stopped, calling
// field with each field that ended; atEOF says b ends the body, which
// ends the open field. It returns how many of b's first bytes no later
// field can take: all of b at its end, else up to the open field's first
// byte, or up to the bytes at b's end that may yet name a field.
func (f *binaryFields) next(b []byte, atEOF bool, field func(key, val []byte)) int {
	for {
		if !f.open {
			i := bytes.IndexByte(b[f.at:], '=')
			if i < 0 {
				f.at = len(b)
				break
			}
			eq := f.at + i
			start := eq
			for start > f.from && eq-start < maxBinaryFormKey && formKeyByte(b[start-1]) {
				start--
			}
			f.open, f.start, f.eq, f.at = true, start, eq, eq+1
		}
		end, ended := valueEnd(b, f.at, atEOF)
		f.at = end
		if !ended {
			return f.start
		}
		f.emit(b, field)
		f.open, f.from = false, end
	}
	if atEOF {
		return len(b)
	}
	done := len(b)
	for done > f.from && len(b)-done < maxBinaryFormKey && formKeyByte(b[done-1]) {
		done--
	}
	return done
}

// emit hands the open field, as far as it was read, to field: a value
// of no bytes is none.
func (f *binaryFields) emit(b []byte, field func(key, val []byte)) {
	key, val := f.key, b[f.start:f.at]
	if f.eq >= 0 {
		key, val = b[f.start:f.eq], b[f.eq+1:f.at]
	}
	if len(val) > 0 {
		field(key, val)
	}
}

// cut reads the open field of b as it stands (a value longer than a
// stream may hold back) and keeps it open from the last keep bytes of its
// value on, under the same name: what comes next is read with them, so a
// value split at the cut is read whole in one of the two readings. It
// returns the first byte still held.
func (f *binaryFields) cut(b []byte, keep int, field func(key, val []byte)) int {
	f.emit(b, field)
	if f.eq >= 0 {
		f.key = append(f.key[:0], b[f.start:f.eq]...)
		f.start, f.eq = f.eq+1, -1
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
	f.from = max(f.from-n, 0)
	f.at -= n
	f.start -= n
	if f.eq >= 0 {
		f.eq -= n
	}
}

// valueEnd reads a value of b from i: the end of its bytes, and whether
// it ended there (an '&', a control byte but a tab or a line break, which
// a form parser keeps in a value: a textarea's CR LF; a byte that is no
// UTF-8, or the body's end) rather than at b's end with more to come.
func valueEnd(b []byte, i int, atEOF bool) (int, bool) {
	for i < len(b) {
		c := b[i]
		if c < utf8.RuneSelf {
			if c == '&' || c < ' ' && c != '\t' && c != '\r' && c != '\n' || c == 0x7f {
				return i, true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			// a character cut off at the window's end may yet complete
			return i, atEOF || utf8.FullRune(b[i:])
		}
		i += n
	}
	return i, atEOF
}

// formKeyByte reports whether c may stand in a field's name binaryForm
// reads: printable ASCII but '&' and '=', or a byte that is no ASCII.
func formKeyByte(c byte) bool {
	return c > ' ' && c < 0x7f && c != '&' && c != '=' || c >= utf8.RuneSelf
}
