//go:build detectsteps

package bodyformat

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"
)

// TestComplexityBase64Blob (attack54a F8, F9) checks that reading the
// bytes base64 tokens decode to that are no text (base64blob.go:
// inflating gzip, zlib and raw deflate, reading a protobuf message's
// runs of text) costs steps linear in the body: tokens of compressed
// clean text, of compressed zeros (inflated up to the ratio), of a
// protobuf message, of bytes that are neither; hex runs of a gzip
// file, of a zlib header before other bytes, of a digest.
func TestComplexityBase64Blob(t *testing.T) {
	eng := testEngine(t)
	read := func(b []byte) ([]byte, []int32, bool) {
		in := &inspector{eng: eng, mode: Redact, lim: Limits{}.withDefaults(), meter: newMeter(Limits{}.withDefaults())}
		in.readBase64(b, 0, allSamples)
		in.hexBlobFindings(b, 0, allSamples)
		return nil, nil, false
	}
	b64 := func(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
	gz, zl, fl := fix54Compressed(t, []byte("订单已发货 order shipped, qty 3 of 12\n"))
	zgz, _, zfl := fix54Compressed(t, bytes.Repeat([]byte{'0'}, 64<<10))
	proto := append(fix54Field(1, "张伟 order shipped"), fix54Field(2, "qty 3 of 12 boxes")...)
	readingLinearWithin(t, read, map[string]string{
		"gzip":          b64(gz) + " ",
		"zlib":          b64(zl) + "\n",
		"deflate":       b64(fl) + ",",
		"gzip zeros":    b64(zgz) + " ",
		"deflate zeros": b64(zfl) + " ",
		"protobuf":      b64(proto) + " ",
		"hex gzip":      hex.EncodeToString(gz) + " ",
		"hex zlib-like": "789c" + strings.Repeat("e3a1", 20) + " ",
		"hex digest":    strings.Repeat("9f86d081884c7d65", 4) + ",",
		"binary":        b64([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x01\x02\x03")) + " ",
	}, 16)
}
