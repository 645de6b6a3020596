package bodyformat

import (
	"bytes"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestGRPCWebTextRead: a gRPC-Web text body (base64 frames, one run or
// one per chunk) is decoded and read as gRPC-Web: no identifier survives
// in what a client decodes, the frames still parse, a clean body goes out
// byte for byte, and a body that is not base64 is uninspectable.
func TestGRPCWebTextRead(t *testing.T) {
	r := rng(t.Name())
	name, id, mobile := synth.CNName(r), synth.CNID18(r), synth.CNMobile(r)
	msg := protoMessage(name, id, mobile)
	one := base64.StdEncoding.EncodeToString(grpcFrames(0, msg))
	chunked := one + base64.StdEncoding.EncodeToString(grpcFrames(0, protoMessage("x", "y", "z"))) // a stream's chunks, each encoded on its own
	trailer := base64.StdEncoding.EncodeToString(grpcFrames(0x80, []byte("grpc-status:0\r\ngrpc-message:"+mobile+"\r\n")))
	for _, c := range []struct{ ct, body string }{
		{"application/grpc-web-text", one},
		{"application/grpc-web-text+proto", chunked},
		{"application/grpc-web-text", one + trailer},
	} {
		res, err := Inspect(testEngine(t), []byte(c.body), c.ct, "", Redact, Limits{})
		if err != nil {
			t.Fatalf("%s: %v", c.ct, err)
		}
		dec, err := decodeBase64Runs(res.Body)
		if err != nil {
			t.Fatalf("%s: the redacted body is not base64: %v", c.ct, err)
		}
		if !hasCategory(res.Findings, detect.CNID) || bytes.Contains(dec, []byte(id)) || bytes.Contains(dec, []byte(mobile)) {
			t.Errorf("%s: findings %v, decoded %q", c.ct, res.Findings, dec)
		}
		if _, err := Inspect(testEngine(t), res.Body, c.ct, "", Scan, Limits{}); err != nil {
			t.Errorf("%s: the redacted frames do not parse: %v", c.ct, err)
		}
	}
	clean := base64.StdEncoding.EncodeToString(grpcFrames(0, protoMessage("order", "shipped", "42")))
	if res, err := Inspect(testEngine(t), []byte(clean), "application/grpc-web-text", "", Redact, Limits{}); err != nil || !bytes.Equal(res.Body, []byte(clean)) {
		t.Errorf("clean body changed: %v %q", err, res.Body)
	}
	for _, bad := range []string{"not base64!!", strings.Repeat("A", 7)} {
		if _, err := Inspect(testEngine(t), []byte(bad), "application/grpc-web-text", "", Scan, Limits{}); !errors.Is(err, ErrMalformed) {
			t.Errorf("%q: error %v, want ErrMalformed", bad, err)
		}
	}
}
