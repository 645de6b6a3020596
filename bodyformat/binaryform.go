package bodyformat

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// maxBinaryFormKey bounds the name of a field binaryForm reads.
const maxBinaryFormKey = 64

// binaryForm reads b, a body that is no text and of no known binary type
// (untyped, application/octet-stream), for the fields a form parser that
// ignores the type reads in it: "\x00\x00&tel=<mobile>" or
// "\xff\xd8\xff&tel=<mobile>" (a JPEG's first bytes) gives a field named
// by the prefix and tel. Each "name=value" in it (binaryFormFields) is
// read as a form's field, read-only: a binary body is never rewritten. In
// Scan mode what it finds counts; in Redact mode it refuses the body
// (ErrMalformed). The fields' copy is charged to the memory budget.
func (in *inspector) binaryForm(b []byte) error {
	n := 0
	binaryFormFields(b, func(key, val []byte) { n += len(key) + len(val) + 2 })
	if n == 0 {
		return nil
	}
	if err := in.reserve(int64(n)); err != nil {
		return err
	}
	form := make([]byte, 0, n)
	binaryFormFields(b, func(key, val []byte) {
		if len(form) > 0 {
			form = append(form, '&')
		}
		form = append(append(append(form, key...), '='), val...)
	})
	mode, before := in.mode, in.counted()
	in.mode = Scan
	in.form(form)
	in.mode = mode
	if mode == Redact && in.counted() > before {
		return fmt.Errorf("%w: a binary body holds form fields with personal data", ErrMalformed)
	}
	return nil
}

// binaryFormFields calls field with each "name=value" of b, a binary
// body: the name the bytes before an '=' that are printable ASCII or no
// ASCII, up to maxBinaryFormKey of them and none of '&' (at least one);
// the value the bytes after it up to an '&', a control byte (but a tab
// or a line break, which a form parser keeps in a value: a textarea's
// CR LF) or a byte that is no UTF-8. A value's bytes are never a name's:
// one pass.
func binaryFormFields(b []byte, field func(key, val []byte)) {
	from := 0 // bytes before it belong to a value read
	for from < len(b) {
		eq := bytes.IndexByte(b[from:], '=')
		if eq < 0 {
			return
		}
		eq += from
		start := eq
		for start > from && eq-start < maxBinaryFormKey && formKeyByte(b[start-1]) {
			start--
		}
		end := eq + 1
		for end < len(b) {
			c := b[end]
			if c < utf8.RuneSelf {
				if c == '&' || c < ' ' && c != '\t' && c != '\r' && c != '\n' || c == 0x7f {
					break
				}
				end++
				continue
			}
			r, n := utf8.DecodeRune(b[end:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			end += n
		}
		if start < eq && end > eq+1 {
			field(b[start:eq], b[eq+1:end])
		}
		from = end
	}
}

// formKeyByte reports whether c may stand in a field's name binaryForm
// reads: printable ASCII but '&' and '=', or a byte that is no ASCII.
func formKeyByte(c byte) bool {
	return c > ' ' && c < 0x7f && c != '&' && c != '=' || c >= utf8.RuneSelf
}
