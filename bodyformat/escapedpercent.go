package bodyformat

import "bytes"

// A receiver chains two decodings that the readings of a piece otherwise
// take one at a time: a script's string escapes that spell percent
// escapes (decodeURIComponent("\x2531…"), location.href =
// "/q?tel=\u002531…"), and percent escapes that spell a script's escapes
// (a javascript: URL, %5Cx31…, which the browser percent-decodes and
// runs). The readings of the escapes stage decode its percent escapes
// (decodeEscapedPercents), those of the percent stage its escapes
// (decodeEscapesOf); the stages are built for the delimited readings
// already, and what they read is charged as theirs is.

// decodeEscapedPercents decodes the percent escapes of text, the escapes
// stage of a piece, when it holds one (%31, %u0031): a query's '+' alone
// is no second decoding.
func decodeEscapedPercents(text []byte) ([]byte, []int32, bool) {
	if !holdsPercentEscape(text) {
		return nil, nil, false
	}
	return decodePercent(text)
}

// holdsPercentEscape reports whether text holds a percent escape: a '%'
// and two hex digits, or %u and four.
func holdsPercentEscape(text []byte) bool {
	for i := 0; i < len(text); i++ {
		k := bytes.IndexByte(text[i:], '%')
		if k < 0 {
			return false
		}
		i += k
		countReadingSteps(1)
		t := text[i+1:]
		if len(t) >= 2 && unhex(t[0]) >= 0 && unhex(t[1]) >= 0 || len(t) >= 5 && t[0]|0x20 == 'u' && allHex(t[1:5]) {
			return true
		}
	}
	return false
}

// withASCIIDigits returns decode as a reading of text that holds an ASCII
// digit: a stage's digits, and those an escape or a percent escape of it
// spells, come from ASCII digits of the piece (\x31, %31, %5Cx31), so a
// piece without them reads nothing (trigDigit).
func withASCIIDigits(decode decoder) decoder {
	return func(text []byte) ([]byte, []int32, bool) {
		for _, c := range text {
			if isASCIIDigit(c) {
				return decode(text)
			}
		}
		return nil, nil, false
	}
}
