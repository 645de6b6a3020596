package bodyformat

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"

	"golang.org/x/text/transform"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A text body with no charset at all (no Content-Type charset, no
// byte-order mark, no markup declaration) whose bytes are not UTF-8 is
// read by a browser in the locale's fallback charset: GBK (GB18030) in a
// Simplified Chinese one, Big5 in a Traditional one, Shift_JIS in a
// Japanese one. There the full-width digits of a mobile in those bytes
// show, which the UTF-8 reading sees as U+FFFD. So such a body is read as
// UTF-8, as before, and then in each of those charsets it reads in as a
// browser shows it (readableIn: decoded with replacement, at most one bad
// character, an invalid byte or a private-use one, which GB18030 maps its
// unassigned codes to, and one more per badPer characters); what a reading in one masks is
// written back in it, so the body stays valid there. Binary bodies never
// come here: binaryBody keeps them out first.

// fallbackCharsets are the charsets a browser falls back to for a body
// with no charset, in a Chinese or Japanese locale.
var fallbackCharsets = []*charset{csGB18030, csBig5, labelCharset("shift_jis")}

// unlabelledLegacy returns the charsets of fallbackCharsets a body b of
// media type mt, with the Content-Type parameters params, is read in too:
// none when it is labelled in any way or is UTF-8, else those it decodes
// in as a browser shows it (readableIn).
func unlabelledLegacy(mt string, params map[string]string, b []byte) []*charset {
	if labelKey(params["charset"]) != "" || bomCharset(b, 0) != nil || markupCharset(mt, b) != nil || utf8.Valid(b) {
		return nil
	}
	var out []*charset
	for _, cs := range fallbackCharsets {
		if cs != nil && readableIn(b, cs) {
			out = append(out, cs)
		}
	}
	return out
}

// badPer is the share of characters that may be bad (an invalid byte
// sequence, which a browser shows as U+FFFD, or a private-use character,
// to which GB18030 maps codes no text uses) in a body read in a fallback
// charset: one, plus one for every badPer characters.
const badPer = 64

// readableIn reports whether b reads in cs as a browser in that locale
// shows it: decoded with replacement, at most 1 + chars/badPer of its
// characters bad (badPer), so that a stray byte or a character cut off at
// the end does not turn the reading off while a browser shows U+FFFD and
// the digits, and bytes that are no text in cs stay out. A body with a
// control character that is no white space (NUL, ESC: a binary framing
// read as text, a terminal log) is read only when it decodes cleanly, as
// before the tolerance. It decodes
// through a fixed buffer (bufio, transform.Reader): nothing as long as
// the body is allocated, and each decoded character is looked at once.
func readableIn(b []byte, cs *charset) bool {
	r := bufio.NewReaderSize(transform.NewReader(bytes.NewReader(b), cs.enc.NewDecoder()), 4096)
	chars, bad, binary := 0, 0, false
	for {
		c, _, err := r.ReadRune()
		if err != nil {
			return err == io.EOF && (bad == 0 || !binary && bad <= 1+chars/badPer)
		}
		countReadingSteps(1)
		chars++
		if c == utf8.RuneError || c >= 0xe000 && c <= 0xf8ff {
			bad++
		}
		binary = binary || c != utf8.RuneError && !textRune(c)
	}
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
		again, err := in.chargedDecodedBody(cur, cs, mt, params, hint, nest)
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

// chargedDecodedBody is decodedBody for a fallback reading of b in cs: the
// text b decodes to is charged to the memory budget before it is made,
// and given back once the reading is done (what is kept, the body written
// back in cs, is as long as b: unlabelledBody charged it).
func (in *inspector) chargedDecodedBody(b []byte, cs *charset, mt string, params map[string]string, hint detect.CategorySet, nest int) ([]byte, error) {
	n := int64(decodedLen(cs, b))
	if err := in.reserve(n); err != nil {
		return nil, err
	}
	if in.meter != nil {
		defer in.meter.release(n)
	}
	out, _, err := in.decodedBody(b, cs, 0, mt, params, hint, nest)
	return out, err
}
