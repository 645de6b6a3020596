package bodyformat

import "errors"

// Binary framings that carry text: gRPC (grpc.go), protobuf (protobuf.go),
// MessagePack (msgpack.go), CBOR (cbor.go) and BSON (bson.go). They are read by their structure, not
// decoded in a charset. A protobuf or MessagePack body that does not
// parse is read like any other body (as text, JSON, …): a label does not
// stop a lenient receiver from reading text. A gRPC body whose framing
// does not add up is uninspectable: gRPC peers refuse it too.

// errNotFramed: a body does not parse in the binary framing its type
// names.
var errNotFramed = errors.New("bodyformat: not in its binary framing")

// binaryBody reads b when its media type names a binary framing of text
// that it parses in, and reports whether it did; what follows the
// MessagePack, CBOR or BSON items that parse is read by rest
// (itemsThenRest).
func (in *inspector) binaryBody(b []byte, mt string, rest restReader) (out []byte, format string, ok bool, err error) {
	if codec, ok := grpcWebTextCodec(mt); ok {
		out, err := in.grpcWebTextBody(b, codec)
		return out, FormatGRPC, true, err
	}
	if codec, ok := grpcCodec(mt); ok {
		out, err := in.grpcBody(b, codec)
		return out, FormatGRPC, true, err
	}
	mark := in.mark()
	switch {
	case protobufType(mt):
		out, err = in.protobufBody(b)
		format = FormatProtobuf
	case msgpackType(mt):
		out, err = in.msgpackBody(b, rest)
		format = FormatMsgpack
	case cborType(mt):
		out, err = in.cborBody(b, rest)
		format = FormatCBOR
	case bsonType(mt):
		out, err = in.bsonBody(b, rest)
		format = FormatBSON
	default:
		return nil, "", false, nil
	}
	if errors.Is(err, errNotFramed) {
		in.rollback(mark)
		return nil, "", false, nil
	}
	return out, format, true, err
}

// binaryFraming reports whether mt names a binary framing of text read
// by its structure.
func binaryFraming(mt string) bool {
	_, grpc := grpcCodec(mt)
	_, grpcText := grpcWebTextCodec(mt)
	return grpc || grpcText || protobufType(mt) || msgpackType(mt) || cborType(mt) || bsonType(mt)
}

// protobufType reports a media type of a protobuf message.
func protobufType(mt string) bool {
	switch mt {
	case "application/x-protobuf", "application/protobuf", "application/vnd.google.protobuf",
		"application/x-google-protobuf", "application/octet-stream+protobuf":
		return true
	}
	return false
}

// msgpackType reports a media type of MessagePack.
func msgpackType(mt string) bool {
	switch mt {
	case "application/msgpack", "application/x-msgpack", "application/vnd.msgpack":
		return true
	}
	return false
}
