package bodyformat

import (
	"bufio"
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/transform"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A text body with no charset at all (no Content-Type charset, no
// byte-order mark, no markup declaration) is read by a browser in the
// locale's fallback charset when it is not UTF-8: GBK (GB18030) in a
// Simplified Chinese one, Big5 in a Traditional one, Shift_JIS in a
// Japanese one. Firefox and Chrome do not take valid UTF-8 for UTF-8 on
// an http(s) page either (their detectors leave UTF-8 to file: URLs), so
// a valid UTF-8 body is shown in the locale's charset too. There the
// full-width digits of a mobile show, which the UTF-8 reading sees as
// U+FFFD or as other characters. So such a body is read as UTF-8, as
// before, and then in each of those charsets that shows more digits than
// UTF-8 does (showsMoreDigits), however many bytes are bad in it: a
// browser shows U+FFFD for them and the digits all the same. What a
// reading in one masks is written back in it; a body nothing is masked in
// goes out byte for byte, and a mask that cannot be written back in the
// charset is refused (encode). Binary bodies never come here: binaryBody
// keeps them out first.

// fallbackCharsets are the charsets a browser falls back to for a body
// with no charset, in a Chinese or Japanese locale.
var fallbackCharsets = []*charset{csGB18030, csBig5, labelCharset("shift_jis")}

// unlabelledLegacy returns the charsets of fallbackCharsets a body b of
// media type mt, with the Content-Type parameters params, is read in too:
// none when it is labelled in any way or is ASCII, else those it shows
// more digits in than in UTF-8 (showsMoreDigits).
func unlabelledLegacy(mt string, params map[string]string, b []byte) []*charset {
	if labelKey(params["charset"]) != "" || bomCharset(b, 0) != nil || markupCharset(mt, b) != nil || isASCII(b) {
		return nil
	}
	own := countUTF8Digits(b)
	var out []*charset
	for _, cs := range fallbackCharsets {
		if cs != nil && showsMoreDigits(b, cs, own) {
			out = append(out, cs)
		}
	}
	return out
}

// countUTF8Digits counts the digits (isDigitRune: of any script, and Chinese
// numerals) b shows read as UTF-8.
func countUTF8Digits(b []byte) int {
	n := 0
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		countReadingSteps(1)
		if r >= utf8.RuneSelf && isDigitRune(r) || r >= '0' && r <= '9' {
			n++
		}
		i += size
	}
	return n
}

// showsMoreDigits reports whether b, decoded in cs as a browser shows it
// (bad bytes become U+FFFD, whatever their number), shows more than own
// digits: only then can a reading in cs show an identifier the UTF-8
// reading (own digits) does not, and only then is it read. It decodes
// through a fixed buffer (bufio, transform.Reader): nothing as long as
// the body is allocated, and each decoded character is looked at once.
func showsMoreDigits(b []byte, cs *charset, own int) bool {
	r := bufio.NewReaderSize(transform.NewReader(bytes.NewReader(b), cs.enc.NewDecoder()), 4096)
	n := 0
	for {
		c, _, err := r.ReadRune()
		if err != nil {
			return false
		}
		countReadingSteps(1)
		if c >= '0' && c <= '9' || c >= utf8.RuneSelf && isDigitRune(c) {
			if n++; n > own {
				return true
			}
		}
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
