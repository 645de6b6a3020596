package bodyformat

import (
	"bytes"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// mojibakeShown reports whether b, a body read as UTF-8, is also shown in
// a fallback charset by a browser: it declares no charset (no label, no
// byte-order mark, no markup declaration), is valid UTF-8 but not ASCII,
// and is of a type a browser shows through its charset detector
// (detectorShown). Bytes that are no UTF-8 take unlabelledBody instead.
func mojibakeShown(mt string, params map[string]string, b []byte, valid *bodyUTF8) bool {
	return detectorShown(mt) && labelKey(params["charset"]) == "" && bomCharset(b, 0) == nil &&
		markupCharset(mt, b) == nil && !isASCII(b) && valid.whole()
}

// mojibakeLines reads b, a valid UTF-8 body a browser also shows in a
// fallback charset (mojibakeShown), in those charsets line by line, as an
// unlabelled stream is read (legacyGuard): a line is read in a charset
// only when that charset shows a digit cluster in it (legacyLook), so the
// cost follows those lines, not the body, and what a reading finds is
// starred in place over the charset's characters it spans (starChars). It
// returns b with those masks, or nil when none.
func (in *inspector) mojibakeLines(b []byte) ([]byte, error) {
	if err := in.reserve(int64(len(b))); err != nil {
		return nil, err
	}
	g := &legacyGuard{in: &inspector{eng: in.eng, mode: Redact, lim: in.lim, meter: in.meter}, found: in.keep, validToo: true, acrossLines: true}
	out := make([]byte, 0, len(b))
	emit := func(p []byte) { out = append(out, p...) }
	if err := g.write(b, emit); err != nil {
		return nil, err
	}
	if err := g.flush(emit); err != nil {
		return nil, err
	}
	if bytes.Equal(out, b) {
		return nil, nil
	}
	return out, nil
}

// bodyThenMojibake inspects b as UTF-8 and then, as redacted so far,
// line by line in the fallback charsets (bodyThen, mojibakeLines).
func (in *inspector) bodyThenMojibake(b []byte, mt string, params map[string]string, hint detect.CategorySet, nest int) ([]byte, string, error) {
	return in.bodyThen(b, mt, params, hint, nest, in.mojibakeLines)
}
