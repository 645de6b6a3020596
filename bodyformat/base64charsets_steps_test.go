//go:build detectsteps

package bodyformat

import (
	"encoding/base64"
	"testing"
)

// TestComplexityBase64OtherCharsets checks that reading base64's decoded
// bytes in GB18030 and UTF-16 (otherCharsetsOf, otherCharsetShown) and
// decoding base64 of base64 or hex once more (innerEncodedFindings) cost
// steps linear in the body: tokens of GBK and UTF-16 full-width digits
// (read in full), of GBK text without digits, of random-looking bytes,
// of words, of base64 of base64 and of hex.
func TestComplexityBase64OtherCharsets(t *testing.T) {
	eng := testEngine(t)
	read := func(b []byte) ([]byte, []int32, bool) {
		in := &inspector{eng: eng, mode: Redact, lim: Limits{}.withDefaults()}
		in.readBase64(b, 0, allSamples)
		return nil, nil, false
	}
	b64 := func(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
	readingLinearWithin(t, read, map[string]string{
		"gbk digits":    b64([]byte(gbkOf(t, fullWidth("1234567")))) + " ",
		"gbk text":      b64([]byte(gbkOf(t, "你好世界中文文本"))) + "\n",
		"utf-16 digits": b64(utf16LE(fullWidth("1234567"))) + " ",
		"utf-16 text":   b64(utf16LE("你好世界中文文本")) + ",",
		"binary":        b64([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")) + " ",
		"words":         "Content-Security-Policy-Report-Only ",
		"base64 twice":  b64([]byte(b64([]byte("1234567 words")))) + " ",
		"hex":           b64([]byte("3132333435363738393031")) + " ",
	}, base64StepsPerByte)
}
