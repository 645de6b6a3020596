package bodyformat

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// fix54Compressed returns text as a gzip file, a zlib stream and raw
// deflate.
func fix54Compressed(t *testing.T, text []byte) (gz, zl, fl []byte) {
	t.Helper()
	var gzb, zlb, flb bytes.Buffer
	gw := gzip.NewWriter(&gzb)
	zw := zlib.NewWriter(&zlb)
	fw, err := flate.NewWriter(&flb, flate.DefaultCompression)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []interface {
		Write([]byte) (int, error)
		Close() error
	}{gw, zw, fw} {
		_, _ = w.Write(text)
		_ = w.Close()
	}
	return gzb.Bytes(), zlb.Bytes(), flb.Bytes()
}

// fix54Field is a protobuf field of wire type 2 (a string): its tag, its
// length, its bytes.
func fix54Field(num int, s string) []byte {
	return append([]byte{byte(num<<3 | 2), byte(len(s))}, s...)
}

// fix54BlobCases returns bodies carrying blob (bytes that are no text)
// in base64 as a JSON value, base64url without padding, text, a data:
// URL and a form value (and hex in JSON with hexToo), with the token that must not go out raw.
func fix54BlobCases(blob []byte, hexToo bool) []struct{ name, ct, body, token string } {
	std := base64.StdEncoding.EncodeToString(blob)
	raw := base64.RawURLEncoding.EncodeToString(blob)
	cases := []struct{ name, ct, body, token string }{
		{"json", "application/json", `{"blob":"` + std + `"}`, std},
		{"json base64url", "application/json", `{"blob":"` + raw + `"}`, raw},
		{"text", "text/plain", "export " + std + "\n", std},
		{"data url", "text/html", `<a download="c.gz" href="data:application/gzip;base64,` + std + `">c</a>`, std},
		{"form", "application/x-www-form-urlencoded", "blob=" + url.QueryEscape(std), url.QueryEscape(std)},
		{"json hex", "application/json", `{"blob":"` + hex.EncodeToString(blob) + `"}`, hex.EncodeToString(blob)},
	}
	if !hexToo {
		cases = cases[:len(cases)-1]
	}
	return cases
}

// TestFix54CompressedBlobInBase64 (attack54a F8): a gzip file, a zlib
// stream or raw deflate of text with a mobile, carried as base64 or
// base64url in JSON, text, a data: URL or a form (gzip and zlib as hex
// in JSON too), is inflated and read:
// the token does not go out and the finding is counted. Before, bytes
// that are no text ended the reading of the token.
func TestFix54CompressedBlobInBase64(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		gz, zl, fl := fix54Compressed(t, []byte("联系人 张伟 手机 "+synth.CNMobile(r)+"\n"))
		for _, blob := range []struct {
			format string
			b      []byte
		}{{"gzip", gz}, {"zlib", zl}, {"deflate", fl}} {
			for _, c := range fix54BlobCases(blob.b, blob.format != "deflate") {
				res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
				if len(res.Findings) == 0 || strings.Contains(string(res.Body), c.token) {
					t.Errorf("%s %s: went out as %q (%d findings)", blob.format, c.name, res.Body, len(res.Findings))
				}
			}
		}
	}
}

// TestFix54ProtobufInBase64 (attack54a F9): a protobuf message in base64
// (a tag and a length byte before each string make its bytes no text) is
// read by its runs of text: the mobile in a string field masks the token.
func TestFix54ProtobufInBase64(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 10 {
		m := synth.CNMobile(r)
		for _, msg := range [][]byte{
			append(fix54Field(1, "张伟"), fix54Field(2, m)...),
			fix54Field(1, "tel "+m),
		} {
			tok := base64.StdEncoding.EncodeToString(msg)
			res := mustInspect(t, eng, []byte(`{"data":"`+tok+`"}`), "application/json", "", Redact)
			if len(res.Findings) == 0 || strings.Contains(string(res.Body), tok) {
				t.Errorf("%q went out as %q", tok, res.Body)
			}
		}
	}
}

// TestFix54BlobInBase64Clean: the same carriers of clean text (gzip,
// zlib, raw deflate, a protobuf message of words and a short number) go
// out byte for byte, without a finding.
func TestFix54BlobInBase64Clean(t *testing.T) {
	eng := testEngine(t)
	clean := []byte("订单已发货 order shipped, see you soon; 共 3 件\n")
	gz, zl, fl := fix54Compressed(t, clean)
	proto := append(fix54Field(1, "张伟 order shipped"), fix54Field(2, "qty 3 of 12")...)
	for _, blob := range [][]byte{gz, zl, fl, proto} {
		for _, c := range fix54BlobCases(blob, true) {
			res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			if len(res.Findings) != 0 || (res.Body != nil && !bytes.Equal(res.Body, []byte(c.body))) {
				t.Errorf("%s: %q went out as %q (%+v)", c.name, c.body, res.Body, res.Findings)
			}
		}
	}
}
