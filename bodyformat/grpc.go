package bodyformat

import (
	"encoding/binary"
	"fmt"
	"strings"
)

// gRPC (and gRPC-Web) bodies are a sequence of messages, each after a
// flag byte and a four-byte big-endian length. A message is read by the
// codec the media type names: protobuf (the default, "+proto"), JSON
// ("+json", re-framed with its new length when a mask changes it), or
// any other as flat text with masks of the same length. A gRPC-Web
// trailers frame (flag 0x80) is text. A compressed message (flag bit 1)
// is compressed with the coding of the grpc-encoding header, which a body
// does not carry: it is uninspectable (ErrEncoding), as is framing that
// does not add up (ErrMalformed).

// grpc flag bits.
const (
	grpcCompressed = 0x01
	grpcTrailers   = 0x80
)

// grpcCodec returns the codec of a gRPC media type ("proto", "json", …)
// and whether mt is one.
func grpcCodec(mt string) (string, bool) {
	for _, base := range []string{"application/grpc-web", "application/grpc"} {
		rest, ok := strings.CutPrefix(mt, base)
		if !ok {
			continue
		}
		switch {
		case rest == "":
			return "proto", true
		case rest[0] == '+':
			return rest[1:], true
		}
	}
	return "", false
}

// grpcBody reads the messages of a gRPC body and returns it masked, nil
// when nothing changed or the mode is Scan.
func (in *inspector) grpcBody(b []byte, codec string) ([]byte, error) {
	if err := in.reserve(int64(len(b))); err != nil {
		return nil, err
	}
	e := &binaryEdit{src: b}
	type reframe struct {
		from, to int
		frame    []byte
	}
	var reframed []reframe // JSON messages whose masks changed their length
	for pos := 0; pos < len(b) && !in.failed(); {
		if len(b)-pos < 5 {
			return nil, fmt.Errorf("%w: a gRPC frame is cut short", ErrMalformed)
		}
		flag, n := b[pos], binary.BigEndian.Uint32(b[pos+1:pos+5])
		if uint64(n) > uint64(len(b)-pos-5) {
			return nil, fmt.Errorf("%w: a gRPC frame is cut short", ErrMalformed)
		}
		at, end := pos+5, pos+5+int(n)
		msg := b[at:end]
		switch {
		case flag&grpcCompressed != 0:
			return nil, fmt.Errorf("%w: a gRPC message is compressed with the grpc-encoding header's coding", ErrEncoding)
		case flag&^grpcTrailers != 0:
			return nil, fmt.Errorf("%w: a gRPC frame has unknown flags", ErrMalformed)
		case flag&grpcTrailers != 0:
			e.maskText(at, in.find(msg, 0), false)
		case codec == "proto":
			if !protoParses(msg) {
				return nil, fmt.Errorf("%w: a gRPC message is not protobuf", ErrMalformed)
			}
			in.protoRead(e, at, end)
		case codec == "json":
			if red, _ := in.json(msg, 0, 0, false); red != nil {
				frame := binary.BigEndian.AppendUint32([]byte{flag}, uint32(len(red)))
				reframed = append(reframed, reframe{pos, end, append(frame, red...)})
			}
		default:
			e.maskText(at, in.findFlat(msg), true)
		}
		pos = end
	}
	if in.mode != Redact {
		return nil, nil
	}
	if len(reframed) == 0 {
		return e.masked(), nil
	}
	out := splicer{src: e.current()} // masks of trailers kept their length
	for _, r := range reframed {
		out.replace(r.from, r.to, r.frame)
	}
	return out.result(), nil
}
