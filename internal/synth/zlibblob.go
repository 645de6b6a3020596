package synth

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
)

// ZlibBlobBase64 returns the base64 of a zlib stream of n bytes that are
// no text (zeros, one other byte every 2000): it deflates about 400:1,
// under a compressed body's ratio bound, so no reading refuses it as a
// bomb, and a reading that inflates it holds n bytes.
func ZlibBlobBase64(n int) string {
	data := make([]byte, n)
	for i := 0; i < n; i += 2000 {
		data[i] = byte(i >> 3)
	}
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestCompression) // (the level is valid)
	w.Write(data)
	w.Close()
	return base64.StdEncoding.EncodeToString(b.Bytes())
}
