package bodyformat

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// Some receivers read a body as UTF-8 whatever charset its Content-Type
// names: fetch's Response.json() and EventSource always decode UTF-8 (JSON
// is UTF-8 by RFC 8259, an event stream always is), while others honour
// the label (Python's requests decodes r.text, and so r.json(), in the
// declared charset). So a JSON body, JSON lines or an event stream
// labelled with another charset is read both ways: a body labelled
// gb18030 whose bytes 0x81 '5' 0x81 '1' … GB18030 reads as four-byte
// characters shows "\uFFFD5\uFFFD1…", the digits, to fetch. Bodies of
// every other type so labelled are read in the label and then as UTF-8
// bytes (labelThenUTF8): fetch().text() and a terminal read UTF-8 too.

// utf8Reader reports whether a receiver of a body of media type mt may
// read it as UTF-8 whatever its label says.
func utf8Reader(mt string) bool {
	return isJSONType(mt) || mt == "text/event-stream"
}

// labelAndUTF8 inspects b, labelled in cs (one byte a code unit, not
// UTF-8), both in cs and as UTF-8 (utf8View). The reading that matches
// the bytes goes first (UTF-8 when b is valid UTF-8, else the label's), the
// other reads what the first left; what the second masks goes out as it
// wrote it, after the first reads its output once more: when that finds
// something the two readings cannot be settled in one body, and it fails
// closed (ErrMalformed). It returns nil when nothing changed. In Scan
// mode both readings report what they find, and nothing fails.
func (in *inspector) labelAndUTF8(b []byte, cs *charset, mt string, params map[string]string, hint detect.CategorySet, nest int) ([]byte, string, error) {
	label := func(src []byte) ([]byte, string, error) {
		return in.inCharset(src, cs, 0, mt, params, hint, nest)
	}
	asUTF8 := func(src []byte) ([]byte, string, error) {
		view := utf8View(src)
		out, format, err := in.body(view, mt, params, hint, nest)
		if bytes.Equal(out, view) {
			out = nil
		}
		return out, format, err
	}
	first, second := label, asUTF8
	if utf8.Valid(b) {
		first, second = asUTF8, label
	}
	mode := in.mode
	if mode == Scan {
		// the second reading reads the first's redacted body, so that
		// what both see is counted once
		if err := in.reserve(int64(2 * len(b))); err != nil {
			return nil, "", err
		}
		in.mode = Redact
	}
	defer func() { in.mode = mode }()
	out, format, err := first(b)
	if err != nil {
		return nil, format, err
	}
	cur := b
	if out != nil {
		cur = out
	}
	again, format2, err := second(cur)
	if err != nil {
		return nil, format2, err
	}
	if again != nil && mode == Redact {
		if check, _, err := first(again); err != nil || check != nil {
			return nil, "", fmt.Errorf("%w: the body reads differently in %s and in UTF-8", ErrMalformed, cs.name)
		}
		out, format = again, format2
		if own := in.maskInLabel(cur, cs, mt, hint, nest); own != nil {
			// the same masks in the body's own bytes, kept when both
			// readings read them clean
			m := in.mark()
			l, _, err1 := label(own)
			u, _, err2 := asUTF8(own)
			in.rollback(m)
			if err1 == nil && err2 == nil && l == nil && u == nil {
				out = own
			}
		}
	}
	if mode != Redact {
		return nil, format, nil
	}
	return out, format, nil
}

// utf8View returns b as a UTF-8 decoder reads it: b itself when it is
// valid UTF-8, else a copy in which every byte that is not part of a valid
// sequence is U+FFFD, as a receiver shows it.
func utf8View(b []byte) []byte {
	if utf8.Valid(b) {
		return b
	}
	var out strings.Builder
	out.Grow(len(b) + len(b)/2)
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		countReadingSteps(1)
		if r == utf8.RuneError && n == 1 {
			out.WriteRune(utf8.RuneError)
		} else {
			out.Write(b[i : i+n])
		}
		i += n
	}
	return []byte(out.String())
}
