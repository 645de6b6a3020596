package bodyformat

import (
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A text body with no charset at all (no Content-Type charset, no
// byte-order mark, no markup declaration) whose bytes are not UTF-8 is
// read by a browser in the locale's fallback charset: GBK (GB18030) in a
// Simplified Chinese one, Big5 in a Traditional one, Shift_JIS in a
// Japanese one. There the full-width digits of a mobile in those bytes
// show, which the UTF-8 reading sees as U+FFFD. So such a body is read as
// UTF-8, as before, and then in each of those charsets it decodes in
// cleanly (cleanIn: no invalid byte, no private-use character, which
// GB18030 maps its unassigned codes to); what a reading in one masks is
// written back in it, so the body stays valid there. Binary bodies never
// come here: binaryBody keeps them out first.

// fallbackCharsets are the charsets a browser falls back to for a body
// with no charset, in a Chinese or Japanese locale.
var fallbackCharsets = []*charset{csGB18030, csBig5, labelCharset("shift_jis")}

// unlabelledLegacy returns the charsets of fallbackCharsets a body b of
// media type mt, with the Content-Type parameters params, is read in too:
// none when it is labelled in any way or is UTF-8, else those it decodes
// in cleanly (cleanIn).
func unlabelledLegacy(mt string, params map[string]string, b []byte) []*charset {
	if labelKey(params["charset"]) != "" || bomCharset(b, 0) != nil || markupCharset(mt, b) != nil || utf8.Valid(b) {
		return nil
	}
	var out []*charset
	for _, cs := range fallbackCharsets {
		if cs != nil && cleanIn(b, cs) {
			out = append(out, cs)
		}
	}
	return out
}

// cleanIn reports whether b decodes in cs without an invalid byte and
// without a private-use character (U+E000 to U+F8FF).
func cleanIn(b []byte, cs *charset) bool {
	text, err := cs.decode(b)
	if err != nil {
		return false
	}
	for i := 0; i < len(text); {
		countReadingSteps(1)
		r, n := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError || r >= 0xe000 && r <= 0xf8ff {
			return false
		}
		i += n
	}
	return true
}

// unlabelledBody inspects b, a body with no charset that is not UTF-8,
// as UTF-8 (body) and then, as redacted so far, in each of css
// (unlabelledLegacy, decodedBody), each reading of the last one's output,
// so that a value two of them find is masked and counted once (in Scan
// mode too: the readings then mask a copy, charged to the memory budget,
// and the body goes out as it came). It returns nil when nothing changed.
func (in *inspector) unlabelledBody(b []byte, css []*charset, mt string, params map[string]string, hint detect.CategorySet, nest int) ([]byte, string, error) {
	if err := in.reserve(int64(len(css)+1) * int64(len(b))); err != nil {
		return nil, "", err
	}
	mode := in.mode
	in.mode = Redact
	defer func() { in.mode = mode }()
	out, format, err := in.body(b, mt, params, hint, nest)
	if err != nil {
		return nil, format, err
	}
	for _, cs := range css {
		cur := b
		if out != nil {
			cur = out
		}
		again, _, err := in.decodedBody(cur, cs, 0, mt, params, hint, nest)
		if err != nil {
			return nil, format, err
		}
		if again != nil {
			out = again
		}
	}
	if mode != Redact {
		return nil, format, nil
	}
	return out, format, nil
}
