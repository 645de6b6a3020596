package bodyformat

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
)

// gRPC-Web's text mode (application/grpc-web-text) sends the gRPC-Web
// frames in base64, for clients that cannot read binary: a server stream
// may send each chunk encoded on its own, so the body is one or more
// base64 runs, each ending with its padding. The frames are decoded, read
// as a gRPC-Web body, and, when a mask changed them, sent back as one
// base64 run (which a client decodes as it decodes several). A body that
// is not base64 is malformed: uninspectable, never passed as clean.

// grpcWebTextCodec returns the codec of a gRPC-Web text media type
// ("proto", "json", …) and whether mt is one.
func grpcWebTextCodec(mt string) (string, bool) {
	rest, ok := strings.CutPrefix(mt, "application/grpc-web-text")
	switch {
	case !ok:
		return "", false
	case rest == "":
		return "proto", true
	case rest[0] == '+':
		return rest[1:], true
	}
	return "", false
}

// grpcWebTextBody decodes b, reads its frames (grpcBody) and returns it
// masked and encoded again, nil when nothing changed or the mode is Scan.
func (in *inspector) grpcWebTextBody(b []byte, codec string) ([]byte, error) {
	frames, err := decodeBase64Runs(b)
	if err != nil {
		return nil, err
	}
	if err := in.reserve(int64(len(frames))); err != nil {
		return nil, err
	}
	out, err := in.grpcBody(frames, codec)
	if out == nil || err != nil {
		return nil, err
	}
	return base64.StdEncoding.AppendEncode(nil, out), nil
}

// decodeBase64Runs decodes one or more standard base64 runs written end to
// end (each but the last ends with its padding), white space around them
// ignored.
func decodeBase64Runs(b []byte) ([]byte, error) {
	b = bytes.TrimSpace(b)
	out := make([]byte, 0, base64.StdEncoding.DecodedLen(len(b)))
	for len(b) > 0 {
		end := len(b)
		if k := bytes.IndexByte(b, '='); k >= 0 {
			end = k + 1
			if end < len(b) && b[end] == '=' {
				end++
			}
		}
		var err error
		if out, err = base64.StdEncoding.AppendDecode(out, b[:end]); err != nil {
			return nil, fmt.Errorf("%w: a gRPC-Web text body is not base64", ErrMalformed)
		}
		b = b[end:]
	}
	return out, nil
}
