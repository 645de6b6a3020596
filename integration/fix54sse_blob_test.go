package integration

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"encoding/base64"
	"encoding/hex"
	"math/rand/v2"
	"net/url"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// The subtests of attack54a's TestAttack54CompressedBlobInBase64 (F8) and
// TestAttack54ProtobufInBase64 (F9) that fix54sse fixes, through a real
// Caddy in both directions. Raw deflate as hex stays open
// (docs/threat-model.md).

// TestFix54CompressedBlobInBase64: gzip, zlib and raw deflate of text with
// a mobile carried as base64 or base64url (JSON value, text, data: URL,
// form value), gzip as hex in JSON, do not pass raw.
func TestFix54CompressedBlobInBase64(t *testing.T) {
	r := rand.New(rand.NewPCG(54, 10))
	text := []byte("联系人 张伟 手机 " + synth.CNMobile(r) + "\n")
	var gzb, zlb, flb bytes.Buffer
	gw := gzip.NewWriter(&gzb)
	_, _ = gw.Write(text)
	_ = gw.Close()
	zw := zlib.NewWriter(&zlb)
	_, _ = zw.Write(text)
	_ = zw.Close()
	fw, _ := flate.NewWriter(&flb, flate.DefaultCompression)
	_, _ = fw.Write(text)
	_ = fw.Close()
	gz64 := base64.StdEncoding.EncodeToString(gzb.Bytes())
	zl64 := base64.StdEncoding.EncodeToString(zlb.Bytes())
	fl64 := base64.StdEncoding.EncodeToString(flb.Bytes())
	gzURL := base64.RawURLEncoding.EncodeToString(gzb.Bytes())
	gzHex := hex.EncodeToString(gzb.Bytes())
	cases := []bodyCase{
		leakCase("gzip_base64_json", "application/json", `{"blob":"`+gz64+`"}`, gz64),
		leakCase("zlib_base64_json", "application/json", `{"payload":"`+zl64+`"}`, zl64),
		leakCase("deflate_base64_json", "application/json", `{"payload":"`+fl64+`"}`, fl64),
		leakCase("gzip_base64url_json", "application/json", `{"blob":"`+gzURL+`"}`, gzURL),
		leakCase("gzip_hex_json", "application/json", `{"blob":"`+gzHex+`"}`, gzHex),
		leakCase("gzip_base64_text", "text/plain", "export "+gz64+"\n", gz64),
		leakCase("gzip_data_url", "text/html", `<a download="c.txt.gz" href="data:application/gzip;base64,`+gz64+`">c</a>`, gz64),
		leakCase("gzip_base64_form", "application/x-www-form-urlencoded", "blob="+url.QueryEscape(gz64), url.QueryEscape(gz64)),
	}
	s, c := formatsServer(t, cases)
	runBothDirections(t, s, c, cases)
}

// TestFix54ProtobufInBase64: a protobuf message in base64 in JSON (a tag
// and a length byte before each string) does not pass raw.
func TestFix54ProtobufInBase64(t *testing.T) {
	r := rand.New(rand.NewPCG(54, 11))
	field := func(num int, s string) []byte {
		return append([]byte{byte(num<<3 | 2), byte(len(s))}, s...)
	}
	m := synth.CNMobile(r)
	msg := append(field(1, "张伟"), field(2, m)...)
	b64 := base64.StdEncoding.EncodeToString(msg)
	alone := base64.StdEncoding.EncodeToString(field(1, "tel "+m))
	cases := []bodyCase{
		leakCase("protobuf_two_fields", "application/json", `{"data":"`+b64+`"}`, b64),
		leakCase("protobuf_one_field", "application/json", `{"message":{"data":"`+alone+`"}}`, alone),
	}
	s, c := formatsServer(t, cases)
	runBothDirections(t, s, c, cases)
}
