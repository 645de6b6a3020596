package bodyformat

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"strconv"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// protoMessage encodes a synthetic user record in the protobuf wire
// format: name (1), a nested contact (2) with the mobile (1) and a note
// (2), the resident ID (3), the mobile as an int64 (4) and as a sint64
// (5).
func protoMessage(name, id, mobile string) []byte {
	var contact []byte
	contact = protowire.AppendTag(contact, 1, protowire.BytesType)
	contact = protowire.AppendString(contact, mobile)
	contact = protowire.AppendTag(contact, 2, protowire.BytesType)
	contact = protowire.AppendString(contact, "call after six")
	var b []byte
	b = protowire.AppendTag(b, 1, protowire.BytesType)
	b = protowire.AppendString(b, name)
	b = protowire.AppendTag(b, 2, protowire.BytesType)
	b = protowire.AppendBytes(b, contact)
	b = protowire.AppendTag(b, 3, protowire.BytesType)
	b = protowire.AppendString(b, id)
	n, _ := strconv.ParseUint(mobile, 10, 64)
	b = protowire.AppendTag(b, 4, protowire.VarintType)
	b = protowire.AppendVarint(b, n)
	b = protowire.AppendTag(b, 5, protowire.VarintType)
	b = protowire.AppendVarint(b, protowire.EncodeZigZag(int64(n)))
	return b
}

// grpcFrames frames messages as gRPC does: a flag byte and a 4-byte
// big-endian length before each.
func grpcFrames(flag byte, msgs ...[]byte) []byte {
	var b []byte
	for _, m := range msgs {
		b = append(b, flag)
		b = binary.BigEndian.AppendUint32(b, uint32(len(m)))
		b = append(b, m...)
	}
	return b
}

// protoValues reads back the fields protoMessage wrote: every string
// (nested ones included) and the two integers as decimal text.
func protoValues(t *testing.T, b []byte, nested bool) []string {
	t.Helper()
	var out []string
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			t.Fatalf("not a message: %q", b)
		}
		b = b[n:]
		switch typ {
		case protowire.BytesType:
			v, n := protowire.ConsumeBytes(b)
			if n < 0 {
				t.Fatalf("field %d: bad length", num)
			}
			if num == 2 && !nested {
				out = append(out, protoValues(t, v, true)...)
			} else {
				out = append(out, string(v))
			}
			b = b[n:]
		case protowire.VarintType:
			v, n := protowire.ConsumeVarint(b)
			if n < 0 {
				t.Fatalf("field %d: bad varint", num)
			}
			if num == 5 {
				v = uint64(protowire.DecodeZigZag(v))
			}
			out = append(out, strconv.FormatUint(v, 10))
			b = b[n:]
		default:
			t.Fatalf("field %d: type %d", num, typ)
		}
	}
	return out
}

// TestProtobufRead: identifiers in protobuf and gRPC messages (strings,
// nested messages, integers) are found and masked without breaking the
// framing: every length stays, and the message still parses.
func TestProtobufRead(t *testing.T) {
	r := rng(t.Name())
	for range 5 {
		name, id, m := synth.CNName(r), synth.CNID18(r), synth.CNMobile(r)
		msg := protoMessage(name, id, m)
		for _, c := range []struct{ ct, body string }{
			{"application/x-protobuf", string(msg)},
			{"application/protobuf", string(msg)},
			{"application/grpc", string(grpcFrames(0, msg, msg))},
			{"application/grpc+proto", string(grpcFrames(0, msg))},
			{"application/grpc-web+proto", string(grpcFrames(0, msg)) + string(grpcFrames(0x80, []byte("grpc-status: 0\r\nx-debug: "+m+"\r\n")))},
		} {
			res := mustInspect(t, testEngine(t), []byte(c.body), c.ct, "", Redact)
			if len(res.Body) != len(c.body) {
				t.Fatalf("%s: length %d, was %d", c.ct, len(res.Body), len(c.body))
			}
			for _, raw := range []string{id, m} {
				if bytes.Contains(res.Body, []byte(raw)) {
					t.Errorf("%s: %s survives: %q", c.ct, raw, res.Body)
				}
			}
			if !hasCategory(res.Findings, detect.CNID) || !hasCategory(res.Findings, detect.CNMobile) {
				t.Errorf("%s: findings %+v", c.ct, res.Findings)
			}
			body := res.Body
			if strings.HasPrefix(c.ct, "application/grpc") {
				body = body[5 : 5+len(msg)]
			}
			vals := protoValues(t, body, false)
			if len(vals) != 6 || vals[2] != "call after six" {
				t.Fatalf("%s: fields %q", c.ct, vals)
			}
			for _, v := range []string{vals[1], vals[3], vals[4], vals[5]} {
				if strings.Contains(v, m) || strings.Contains(v, id) || strings.Contains(v, m[3:]) && v != "0" {
					t.Errorf("%s: a field still holds the value: %q", c.ct, vals)
				}
			}
		}
	}
}

// TestProtobufClean: a clean message goes out byte for byte.
func TestProtobufClean(t *testing.T) {
	var b []byte
	b = protowire.AppendTag(b, 1, protowire.BytesType)
	b = protowire.AppendString(b, "hello world")
	b = protowire.AppendTag(b, 2, protowire.VarintType)
	b = protowire.AppendVarint(b, 1700000000)
	b = protowire.AppendTag(b, 3, protowire.Fixed64Type)
	b = protowire.AppendFixed64(b, 0xdeadbeefcafebabe)
	for _, ct := range []string{"application/x-protobuf", "application/grpc"} {
		body := b
		if ct == "application/grpc" {
			body = grpcFrames(0, b)
		}
		res := mustInspect(t, testEngine(t), body, ct, "", Redact)
		if res.Changed || !sameSlice(res.Body, body) || res.Format == FormatSkipped {
			t.Errorf("%s: changed %v format %s", ct, res.Changed, res.Format)
		}
	}
}

// TestGRPCFailsClosed: a message compressed with a coding the body does
// not carry, or framing that does not add up, is uninspectable.
func TestGRPCFailsClosed(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	msg := protoMessage("x", "y", m)
	for name, c := range map[string]struct {
		body []byte
		want error
	}{
		"compressed message": {grpcFrames(1, msg), ErrEncoding},
		"short frame":        {grpcFrames(0, msg)[:len(msg)], ErrMalformed},
		"short prefix":       {append(grpcFrames(0, msg), 0, 0), ErrMalformed},
	} {
		if _, err := Inspect(testEngine(t), c.body, "application/grpc", "", Redact, Limits{}); !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", name, err, c.want)
		}
	}
}

// FuzzInspectBinary reads any bytes as gRPC, protobuf and MessagePack:
// no panic, no error but an uninspectable body, an unchanged body is the
// input itself, protobuf masks keep every length (a body that is not
// protobuf is read as text), and a masked body reads again without error.
func FuzzInspectBinary(f *testing.F) {
	r := rng("fuzz binary")
	msg := protoMessage(synth.CNName(r), synth.CNID18(r), synth.CNMobile(r))
	f.Add(msg, uint8(0))
	f.Add(grpcFrames(0, msg, msg), uint8(1))
	f.Add(append(grpcFrames(0, []byte(`{"tel":"`+synth.CNMobile(r)+`"}`)), grpcFrames(0x80, []byte("grpc-status: 0\r\n"))...), uint8(2))
	f.Add(mpMap(mpStr("idCard"), mpStr(synth.CNID18(r)), mpStr("n"), mpUint64(13800000000)), uint8(3))
	f.Add(base64.StdEncoding.AppendEncode(nil, grpcFrames(0, msg)), uint8(4))
	m := synth.CNMobile(r)
	f.Add(cbMap(cbText("idCard"), cbChunks("1", synth.CNID18(r)), cbText("n"), cbUint64(13800000000)), uint8(5))
	f.Add(bsDoc(bsElem(0x02, "tel", bsString(m)), bsInt64("n", 13800000000)), uint8(6))
	f.Add(cbMap(cbText("tel"), cbChunks(m[:3], m[3:])), uint8(7))
	n, _ := strconv.ParseUint(m, 10, 64)
	f.Add(append(cbMap(cbText("data"), cbTag24(cbMap(cbText("mobile"), cbUint64(n)))), 0xff), uint8(5))
	f.Add(append(bsDoc(bsElem(0x05, "d", bsBinary(0x00, bsDoc(bsElem(0x02, "tel", bsString(m)))))), 0x1c), uint8(6))
	f.Add(append(mpMap(mpStr("realName"), append([]byte{0x91}, mpStr(synth.CNName(r))...)), 0xc1), uint8(3))
	eng := testEngine(f)
	types := []string{"application/x-protobuf", "application/grpc", "application/grpc-web+json", "application/msgpack", "application/grpc-web-text",
		"application/cbor", "application/bson", ""}
	f.Fuzz(func(t *testing.T, body []byte, ct uint8) {
		typ := types[int(ct)%len(types)]
		res, err := Inspect(eng, body, typ, "", Redact, Limits{})
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrEncoding) {
				t.Fatalf("%s: %v", typ, err)
			}
			return
		}
		if !res.Changed && !sameSlice(res.Body, body) {
			t.Fatalf("unchanged body is not the input")
		}
		if (res.Format == FormatProtobuf || typ == types[1]) && len(res.Body) != len(body) {
			t.Fatalf("%s: length %d, was %d", typ, len(res.Body), len(body))
		}
		if _, err := Inspect(eng, res.Body, typ, "", Redact, Limits{}); err != nil && typ != types[0] {
			t.Fatalf("%s: the masked body does not read again: %v\nin:  %q\nout: %q", typ, err, body, res.Body)
		}
	})
}
