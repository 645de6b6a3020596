package bodyformat

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// Binary framings that carry text: gRPC (grpc.go), protobuf (protobuf.go),
// MessagePack (msgpack.go), CBOR (cbor.go) and BSON (bson.go). They are
// read by their structure, not decoded in a charset. A protobuf or
// MessagePack body that does not parse is read like any other body (as
// text, JSON, …): a label does not stop a lenient receiver from reading
// text. A gRPC body whose framing does not add up is uninspectable: gRPC
// peers refuse it too.

// errNotFramed: a body does not parse in the binary framing its type
// names.
var errNotFramed = errors.New("bodyformat: not in its binary framing")

// binaryBody reads b when its media type names a binary framing of text
// that it parses in, and reports whether it did; what follows the BSON
// items that parse is read by rest (itemsThenRest). MessagePack and CBOR
// never come here: charsetText, its one caller, reads them first, by
// framedThenRead.
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
	restMasked := false
	if rest != nil {
		read := rest
		rest = func(r []byte) ([]byte, error) {
			red, err := read(r)
			restMasked = restMasked || red != nil
			return red, err
		}
	}
	switch {
	case protobufType(mt):
		out, err = in.protobufBody(b)
		format = FormatProtobuf
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
	if err == nil && restMasked && in.mode == Redact {
		err = in.refuseItemsAfterMask(out, format, in.framingWalk(mt), nil)
	}
	return out, format, true, err
}

// framingWalk returns the walk of the binary framing mt names whose items
// carry their lengths (protobuf, BSON): it reads a body's items and
// nothing after them. It returns nil for any other type. Its callers,
// binaryBody and charsetText, never see MessagePack or CBOR, which
// framedThenRead reads with its own walk.
func (in *inspector) framingWalk(mt string) func([]byte) ([]byte, error) {
	switch {
	case protobufType(mt):
		return in.protobufBody
	case bsonType(mt):
		return func(b []byte) ([]byte, error) { return in.bsonBody(b, restReadAfter) }
	}
	return nil
}

// refuseItemsAfterMask refuses red (ErrMalformed), a body of a binary
// framing (format; walk reads its items) whose bytes a reading as text
// masked, when the walk finds personal data in red's items. The bytes
// that reading masked did not parse in the framing, or parsed and were
// read again as text (framedThenRead); a mask that shortens text can make
// them parse (once `1*7000000000` is eleven stars, a BSON string's length
// adds up and the int64 after it is read), and a receiver of the framing
// would read items no reading saw. What the walk finds is not kept.
//
// first, when set, tells cheaply whether red's first item parses, for a
// walk that reads an item's text as it goes (MessagePack, CBOR): one that
// does not is walked no further.
func (in *inspector) refuseItemsAfterMask(red []byte, format string, walk func([]byte) ([]byte, error), first func([]byte) bool) error {
	if walk == nil || red == nil || first != nil && !first(red) {
		return nil
	}
	mark, counted, mode := in.mark(), in.counted(), in.mode
	in.mode = Scan
	_, err := walk(red)
	in.mode = mode
	found := in.counted() > counted
	in.rollback(mark)
	switch {
	case err != nil && !errors.Is(err, errNotFramed):
		return err
	case found:
		return fmt.Errorf("%w: masking the %s body as text makes items of it parse that hold personal data", ErrMalformed, format)
	}
	return nil
}

// textAsItems reports whether mt names a binary framing whose items take
// text for items of their own: every printable ASCII byte is an item of
// MessagePack (a positive fixint) and of CBOR (a small integer, or the
// head of a short string), so `tel 138…` labelled so parses, and a reader
// that takes the body for text (a browser's fetch().text(), a log, an
// agent) reads the text the walk never saw.
func textAsItems(mt string) bool { return msgpackType(mt) || cborType(mt) }

// framedThenRead reads b as its binary framing (walk: cborBody,
// msgpackBody), masked in either mode (framedMasked), then reads what
// that left as the body its bytes are otherwise (read): what the walk
// found is masked before the second reading, so it is not counted twice.
// format is the framing's; a body whose first item does not parse is
// read by read alone.
//
// In Redact, a mask of that reading that leaves a body whose bytes are
// no UTF-8 text, and that parsed whole, no longer whole in its framing
// (parses: a mask across an item's header, a string's bytes shortened
// under its length) refuses the body (ErrMalformed): a real body of the
// framing is not sent on broken, nor raw (["tel","1381234","5678"] in
// MessagePack). A body of text under the label (`tel 138…`) is masked as
// the text it is, whether or not its bytes still parse as items: a real
// body of either framing that holds a map or an array is never UTF-8
// (their heads are bytes UTF-8 puts only after another).
func (in *inspector) framedThenRead(b []byte, format string, walk func([]byte) ([]byte, error), parses, first func([]byte) bool, read func([]byte) ([]byte, string, error)) ([]byte, string, error) {
	framing := format
	out, err := in.framedMasked(b, walk)
	if err != nil {
		return nil, format, err
	}
	src := b
	if out != nil {
		src = out
	}
	red, readFormat, err := read(src)
	if !in.framed {
		format = readFormat
	} else if err == nil && in.mode == Redact && red != nil && !utf8.Valid(b) && parses(src) && !parses(red) {
		return nil, format, fmt.Errorf("%w: personal data read in the bytes of a %s body, where a mask would break its items", ErrMalformed, format)
	}
	if err == nil && in.mode == Redact {
		err = in.refuseItemsAfterMask(red, framing, walk, first)
	}
	if red == nil {
		red = out
	}
	if in.mode != Redact {
		red = nil
	}
	return red, format, err
}

// restReadAfter is the restReader of a walk framedThenRead reads after:
// what follows the items that parse is left as it is, for that reading.
func restReadAfter([]byte) ([]byte, error) { return nil, nil }

// framedMasked reads b by walk and returns it masked (nil when nothing
// changed) in either mode: what another reading of the same bytes reads
// next. It notes in in.framed whether b's first item parsed; one that
// does not (errNotFramed) is no error, and nothing is masked.
func (in *inspector) framedMasked(b []byte, walk func([]byte) ([]byte, error)) ([]byte, error) {
	mode := in.mode
	if mode == Scan {
		if err := in.reserve(int64(len(b))); err != nil {
			return nil, err
		}
		in.mode = Redact
	}
	mark := in.mark()
	out, err := walk(b)
	in.mode = mode
	in.framed = !errors.Is(err, errNotFramed)
	if !in.framed {
		in.rollback(mark)
		return nil, nil
	}
	return out, err
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
