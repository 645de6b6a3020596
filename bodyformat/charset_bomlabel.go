package bodyformat

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A body that opens with a UTF-8 byte-order mark and is labelled in a
// legacy one-byte-unit charset (Big5, Shift_JIS, GBK, …: by its
// Content-Type or a page's <meta charset>) is read as UTF-8 by a browser,
// which gives the mark precedence over the label, and in the label by
// Python's requests, iconv or a terminal in that locale, which do not: the
// full-width digits of a mobile in Big5 bytes are U+FFFD to the first and
// digits to the second. So such a body whose bytes after the mark are not
// UTF-8 is read both ways (bomLabelBody), as a labelled body is
// (labelThenUTF8): the bytes after the mark in the label, then as UTF-8,
// what the browser shows. A body so labelled GBK is read from byte 0 as
// a two-byte GBK decoder shows it too (bomLabelStrict), as it is without
// a mark.

// bomLabel returns the legacy charset a body b that opens with a UTF-8
// byte-order mark is labelled in (its Content-Type's charset, else its
// markup's declaration), when the bytes after the mark are not UTF-8 and
// read differently in it: a stateless one-byte-unit charset other than
// UTF-8. It returns nil otherwise.
func bomLabel(mt string, params map[string]string, b []byte) *charset {
	rest, ok := bytes.CutPrefix(b, []byte(csUTF8.bom))
	if !ok || utf8.Valid(rest) {
		return nil
	}
	decl := labelCharset(params["charset"])
	if decl == nil {
		decl = markupCharset(mt, rest)
	}
	if decl == nil || decl.unit != 1 || decl == csUTF8 || decl.refused || decl.stateful {
		return nil
	}
	return decl
}

// bomLabelStrict inspects b, a body that opens with a UTF-8 byte-order
// mark and is labelled in cs (bomLabel), as bomLabelBody does and, when
// cs is GBK, whole, mark and all, as a two-byte GBK decoder shows it
// (strictGBKToo: Python's gbk codec does not strip the mark). A mask that
// reached into the mark fails closed, ErrMalformed, as bomLabelFromZero's
// does: the browser would no longer read the body as UTF-8. It returns nil
// when nothing changed.
func (in *inspector) bomLabelStrict(b []byte, cs *charset, mt string, params map[string]string, hint detect.CategorySet, nest int) ([]byte, string, error) {
	out, format, err := in.strictGBKToo(b, cs, hint, func() ([]byte, string, error) {
		return in.bomLabelBody(b, cs, mt, params, hint, nest)
	})
	if err == nil && out != nil && !bytes.HasPrefix(out, []byte(csUTF8.bom)) {
		return nil, format, fmt.Errorf("%w: a mask in %s reaches into the body's byte-order mark", ErrMalformed, cs.name)
	}
	return out, format, err
}

// bomLabelBody inspects b, a body that opens with a UTF-8 byte-order mark
// and is labelled in cs (bomLabel): the bytes after the mark are read in
// cs and as UTF-8 (labelAndUTF8 for a JSON body or an event stream, else
// labelThenUTF8), and go out after the same mark; then, as redacted so
// far, the whole body is read in cs from byte 0, mark and all
// (bomLabelFromZero). It returns nil when nothing changed.
func (in *inspector) bomLabelBody(b []byte, cs *charset, mt string, params map[string]string, hint detect.CategorySet, nest int) ([]byte, string, error) {
	bom := len(csUTF8.bom)
	if err := in.reserve(int64(len(b))); err != nil {
		return nil, "", err // the copy a Scan-mode reading masks
	}
	mode := in.mode
	in.mode = Redact
	defer func() { in.mode = mode }()
	var out []byte
	var format string
	var err error
	if utf8Reader(mt) {
		out, format, err = in.labelAndUTF8(b[bom:], cs, mt, params, hint, nest)
	} else {
		out, format, err = in.labelThenUTF8(b[bom:], cs, mt, params, hint, nest)
	}
	if err != nil {
		return nil, format, err
	}
	if out != nil {
		out = append(append(make([]byte, 0, bom+len(out)), b[:bom]...), out...)
	}
	again, err := in.bomLabelFromZero(b, out, cs, mt, params, hint, nest)
	if err != nil {
		return nil, format, err
	}
	if again != nil {
		out = again
	}
	if mode != Redact {
		return nil, format, nil
	}
	return out, format, nil
}

// bomLabelFromZero reads a body labelled in cs that opens with a UTF-8
// byte-order mark as a reader of the label that does not know the mark
// does (Python's requests, iconv, a terminal in that locale): in cs from
// byte 0, where the mark's last byte pairs with the first byte after it
// and the characters after it stand one byte out of step with the
// filter's reading after the mark, until an ASCII byte brings both back
// in step. cur is the body as redacted so far, or nil for b. What it
// masks is written back in cs (decodedBody); a body that then no longer
// opens with the mark (its last byte was no character in cs and came back
// as '?') fails closed, ErrMalformed, rather than change how a browser
// reads it. It returns nil when nothing changed.
func (in *inspector) bomLabelFromZero(b, cur []byte, cs *charset, mt string, params map[string]string, hint detect.CategorySet, nest int) ([]byte, error) {
	if cur == nil {
		cur = b
	}
	if err := in.reserve(int64(decodedLen(cs, cur))); err != nil {
		return nil, err // the decoded text
	}
	if in.meter != nil {
		defer in.meter.release(int64(decodedLen(cs, cur)))
	}
	out, _, err := in.decodedBody(cur, cs, 0, mt, params, hint, nest)
	if err != nil || out == nil {
		return nil, err
	}
	if !bytes.HasPrefix(out, []byte(csUTF8.bom)) {
		return nil, fmt.Errorf("%w: the body reads differently in %s after its byte-order mark and from its first byte", ErrMalformed, cs.name)
	}
	return out, nil
}
