package bodyformat

import (
	"bytes"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A value encoded twice is decoded twice by its receiver: base64 of
// base64 (a token put into a field that is base64-encoded again), base64
// of hex digits (a digest's or a cipher's hex sent as base64). The text a
// base64 token decodes to is decoded once more when it is, whole, hex
// digits or base64 long enough to hold an identifier; never a third time.

// innerEncodedFindings returns the findings of text, what a base64 token
// decoded to, decoded once more when it is all hex digits (minHexText or
// more, read by the hex reading) or all base64 (minBase64Token or more, of
// mixed alphabet, read as a token is), white space around it aside; none
// otherwise. The text read is not decoded again.
func (in *inspector) innerEncodedFindings(text []byte, hint detect.CategorySet, samples int) []detect.Finding {
	t := bytes.TrimSpace(text)
	if len(t) < minBase64Token || len(t) > maxBase64Token {
		return nil
	}
	countReadingSteps(len(t))
	hexOnly, b64Only := true, true
	for _, c := range t {
		hexOnly = hexOnly && unhex(c) >= 0
		b64Only = b64Only && (base64Bytes[c] && c != '.' || c == '=')
		if !b64Only {
			return nil // hex digits are base64's too
		}
	}
	if hexOnly && len(t) >= minHexText {
		var h hexDump // rare: not the inspector's, which an outer hex reading may hold
		if dec, _, ok := decodeHexText(t, &h); ok {
			return in.scan(dec, hint, samples)
		}
		return nil
	}
	if !mixedAlphabet(t) {
		return nil
	}
	inner, ok := decodeBase64Text(nil, t)
	if !ok {
		return nil
	}
	return in.scan(inner, hint, samples)
}
