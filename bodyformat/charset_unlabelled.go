package bodyformat

import (
	"bufio"
	"bytes"
	"io"

	"golang.org/x/text/transform"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A text body with no charset at all (no Content-Type charset, no
// byte-order mark, no markup declaration) is read by a browser in the
// locale's fallback charset when it is not UTF-8: GBK (GB18030) in a
// Simplified Chinese one, Big5 in a Traditional one, Shift_JIS in a
// Japanese one. Firefox does not take valid UTF-8 for UTF-8 on an
// http(s) page either (its detector leaves UTF-8 to file: URLs), so a
// valid UTF-8 page or plain text is shown in the locale's charset too
// (detectorShown). There the full-width digits of a mobile show, which
// the UTF-8 reading sees as U+FFFD or as other characters. So such a
// body is read as UTF-8, as before, and then in each of those charsets
// that shows it in a way that matters (legacyLook: a cluster of digits
// the UTF-8 reading cannot see, or, for bytes that are no UTF-8, text at
// all), however many bytes are bad in it when it shows digits: a browser
// shows U+FFFD for them and the digits all the same. What a reading in
// one masks is written back in it; a body nothing is masked in goes out
// byte for byte, and a mask that cannot be written back in the charset
// is refused (encode). Binary bodies never come here: binaryBody keeps
// them out first.

// detectorShown reports whether a browser shows a body of media type mt
// that declares no charset through its charset detector, in the locale's
// legacy charset even when the bytes are valid UTF-8: a page (text/html),
// plain text, or a body with no type that it sniffs. JSON, XML, scripts'
// data, server-sent events and JSON lines are read as UTF-8 by the
// programs that take them (fetch, EventSource, JSON.parse, XML parsers):
// such a body is read in a fallback charset only when it is no UTF-8.
func detectorShown(mt string) bool {
	return mt == "" || mt == "text/plain" || mt == "text/html"
}

// fallbackCharsets are the charsets a browser falls back to for a body
// with no charset, in a Chinese or Japanese locale.
var fallbackCharsets = []*charset{csGB18030, csBig5, labelCharset("shift_jis")}

// unlabelledLegacy returns the charsets of fallbackCharsets a body b of
// media type mt, with the Content-Type parameters params, is read in too:
// none when it is labelled in any way or is UTF-8 (a valid UTF-8 body
// takes mojibakeLines), else those it shows as a browser would in a way
// that matters (legacyLook).
func unlabelledLegacy(mt string, params map[string]string, b []byte, valid *bodyUTF8) []*charset {
	if labelKey(params["charset"]) != "" || bomCharset(b, 0) != nil || markupCharset(mt, b) != nil || isASCII(b) {
		return nil
	}
	if valid.whole() {
		return nil // mojibakeShown: read line by line
	}
	var out []*charset
	for _, cs := range fallbackCharsets {
		if cs != nil && readIn(b, cs, false) {
			out = append(out, cs)
		}
	}
	return out
}

// readIn reports whether b, decoded in cs as a browser shows it (bad
// bytes become U+FFFD), is read in cs (legacyLook). It decodes through a
// fixed buffer (bufio, transform.Reader): nothing as long as the body is
// allocated, and each decoded character is looked at once.
func readIn(b []byte, cs *charset, valid bool) bool {
	r := bufio.NewReaderSize(transform.NewReader(bytes.NewReader(b), cs.enc.NewDecoder()), 4096)
	var look legacyLook
	for {
		c, _, err := r.ReadRune()
		if err != nil {
			return err == io.EOF && look.read(valid)
		}
		countReadingSteps(1)
		if look.add(c) {
			return true
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
	var then []func([]byte) ([]byte, error)
	for _, cs := range css {
		then = append(then, func(cur []byte) ([]byte, error) { return in.chargedDecodedBody(cur, cs, mt, params, hint, nest) })
	}
	return in.bodyThen(b, mt, params, hint, nest, then...)
}

// bodyThen inspects b as UTF-8 (body) and then, as redacted so far, by
// each of then, each reading the last one's output (nil from one: it
// changed nothing), so that a value two readings find is masked and
// counted once. In Scan mode the readings mask a copy and the body goes
// out as it came (nil).
func (in *inspector) bodyThen(b []byte, mt string, params map[string]string, hint detect.CategorySet, nest int, then ...func([]byte) ([]byte, error)) ([]byte, string, error) {
	mode := in.mode
	in.mode = Redact
	defer func() { in.mode = mode }()
	out, format, err := in.body(b, mt, params, hint, nest)
	if err != nil {
		return nil, format, err
	}
	for _, read := range then {
		cur := b
		if out != nil {
			cur = out
		}
		again, err := read(cur)
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
