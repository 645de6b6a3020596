package bodyformat

import (
	"cmp"
	"slices"
	"strconv"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// Protocol Buffers carry text as plain UTF-8 bytes inside a binary
// framing of tags and lengths. Without the schema a length-delimited
// field may be a string, bytes or a nested message: it is read as text,
// and also as a message when its bytes parse as one (to a bounded depth).
// Integers (varints, zigzag varints, fixed64 and fixed32) of nine digits
// or more are read as the decimal numbers a receiver shows. The text is
// read once, flat: the whole message as text, each string with its
// neighbours as context, the masks kept to the text fields. Every mask keeps the
// length of what it covers (a string's bytes become '*', an integer
// becomes zero in as many bytes), and the flat reading masks only inside
// the text fields it covers, so that every tag and length prefix, and the
// message, stay valid. Digits that stand only in tags, lengths and
// integers are not text to a receiver with the schema, and stay.

// maxProtoDepth bounds the nesting of messages read as messages; deeper
// ones are read as text. Each level costs one more pass over its bytes.
const maxProtoDepth = 32

// minProtoNumber is the least integer read as a number that may be an
// identifier: nine digits.
const minProtoNumber = 100_000_000

// binaryEdit is a binary body with masks written over a copy of it, made
// at the first mask.
type binaryEdit struct {
	src, dst []byte
	// leaves are the spans of the text fields read, in order: a flat
	// reading masks only inside them, never a tag or a length
	leaves [][2]int32
}

// leafCost is what the memory account is charged for a leaf's span.
const leafCost = 8

// leaf records the span of a text field read.
func (e *binaryEdit) leaf(start, end int) {
	e.leaves = append(e.leaves, [2]int32{int32(start), int32(end)})
}

// maskLeaves masks the findings of a flat reading of the body from offset
// at on, only where they cover text fields: the framing between them
// stays valid.
func (e *binaryEdit) maskLeaves(at int, fs []detect.Finding) {
	for _, f := range fs {
		a, b := at+f.Start, at+f.End
		k, _ := slices.BinarySearchFunc(e.leaves, a, func(l [2]int32, a int) int { return cmp.Compare(int(l[1]), a+1) })
		for ; k < len(e.leaves) && int(e.leaves[k][0]) < b; k++ {
			lo, hi := max(a, int(e.leaves[k][0])), min(b, int(e.leaves[k][1]))
			if lo < hi {
				dst := e.write()[lo:hi]
				for j := range dst {
					dst[j] = '*'
				}
			}
		}
	}
}

// masked returns the body with its masks, or nil when none was written.
func (e *binaryEdit) masked() []byte { return e.dst }

// current returns the body as masked so far.
func (e *binaryEdit) current() []byte {
	if e.dst != nil {
		return e.dst
	}
	return e.src
}

// write makes the copy if need be and returns it.
func (e *binaryEdit) write() []byte {
	if e.dst == nil {
		e.dst = append([]byte(nil), e.src...)
	}
	return e.dst
}

// maskText masks the findings of a piece of text at offset at of the
// body, keeping its length: a mask as long as its span is written as it
// is, any other as one '*' a byte. With keepControls, bytes below 0x20
// (which in flat binary are more likely framing than text) stay.
func (e *binaryEdit) maskText(at int, fs []detect.Finding, keepControls bool) {
	for _, f := range fs {
		if f.Start < 0 || f.End <= f.Start {
			continue
		}
		dst := e.write()[at+f.Start : at+f.End]
		if len(f.Masked) == len(dst) && !keepControls {
			copy(dst, f.Masked)
			continue
		}
		for k, c := range dst {
			if !keepControls || c >= 0x20 {
				dst[k] = '*'
			}
		}
	}
}

// zero writes zero over n bytes at at: an integer masked.
func (e *binaryEdit) zero(at, n int) {
	clear(e.write()[at : at+n])
}

// protobufBody reads b as one protobuf message (errNotFramed when it
// does not parse as one) and returns it masked, nil when nothing changed
// or the mode is Scan.
func (in *inspector) protobufBody(b []byte) ([]byte, error) {
	if !protoParses(b) {
		return nil, errNotFramed
	}
	e := &binaryEdit{src: b}
	if err := in.reserve(int64(len(b))); err != nil {
		return nil, err
	}
	in.protoRead(e, 0, len(b))
	if in.mode != Redact {
		return nil, nil
	}
	return e.masked(), nil
}

// protoRead reads the message at e.current()[start:end]: its structure
// (protoFields), then its bytes as flat text, as a receiver that shows a
// string field reads them. The flat reading sees every text field with
// its neighbours as context, whatever it is nested in; it masks only
// inside the text fields a finding covers.
func (in *inspector) protoRead(e *binaryEdit, start, end int) {
	in.protoFields(e, start, end, 0, true)
	if !in.failed() {
		e.maskLeaves(start, in.findFlat(e.current()[start:end]))
	}
}

// protoFields walks the fields of the message at e.current()[start:end]:
// integers are read as numbers (protoNumber); the content of a
// length-delimited field is a text field for the flat reading (a leaf,
// recorded when record is set: an enclosing one covers it otherwise),
// and is walked as a message too when it parses as one, to a bounded
// depth. A string of digits often parses as a message ("1" is the tag of
// a fixed64): it is both.
func (in *inspector) protoFields(e *binaryEdit, start, end, depth int, record bool) {
	var run protoRun // consecutive values of one field, read joined too
	defer run.flush(in, e)
	for pos := start; pos < end && !in.failed(); {
		b := e.current()[pos:end]
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return // protoParses said it parses: not reached
		}
		pos += n
		b = b[n:]
		switch typ {
		case protowire.VarintType:
			run.flush(in, e)
			v, n := protowire.ConsumeVarint(b)
			if n < 0 {
				return
			}
			in.protoNumber(e, pos, n, v, true)
			pos += n
		case protowire.Fixed64Type:
			run.flush(in, e)
			v, n := protowire.ConsumeFixed64(b)
			if n < 0 {
				return
			}
			in.protoNumber(e, pos, n, v, false)
			pos += n
		case protowire.Fixed32Type:
			run.flush(in, e)
			v, n := protowire.ConsumeFixed32(b)
			if n < 0 {
				return
			}
			in.protoNumber(e, pos, n, uint64(v), false)
			pos += n
		case protowire.BytesType:
			v, n := protowire.ConsumeBytes(b)
			if n < 0 {
				return
			}
			at := pos + n - len(v)
			if len(v) > 0 {
				run.add(in, e, num, at, at+len(v))
			}
			if record && len(v) > 0 {
				e.leaf(at, at+len(v))
				in.oweLeaf()
			}
			if len(v) > 0 && depth < maxProtoDepth && protoParses(v) {
				in.protoFields(e, at, at+len(v), depth+1, false)
			}
			pos += n
		case protowire.StartGroupType:
			run.flush(in, e)
			v, n := protowire.ConsumeGroup(num, b)
			if n < 0 {
				return
			}
			if depth < maxProtoDepth {
				in.protoFields(e, pos, pos+len(v), depth+1, record)
			} else if record {
				e.leaf(pos, pos+len(v)) // too deep: its bytes are text
				in.oweLeaf()
			}
			pos += n
		default:
			return
		}
	}
}

// oweLeaf charges the span of a leaf to the memory account.
func (in *inspector) oweLeaf() {
	if in.meter != nil {
		in.meter.owe(leafCost)
	}
}

// protoNumber reads an integer field of n bytes at at as the decimal
// numbers a receiver may show (and, for a varint, the zigzag-decoded
// one of a sint64), and masks it to zero when one holds an identifier.
func (in *inspector) protoNumber(e *binaryEdit, at, n int, v uint64, varint bool) {
	var buf [20]byte
	found := false
	if v >= minProtoNumber {
		found = len(in.find(strconv.AppendUint(buf[:0], v, 10), 0)) > 0
	}
	if z := protowire.DecodeZigZag(v); varint && !found && (z >= minProtoNumber || z <= -minProtoNumber) {
		found = len(in.find(strconv.AppendInt(buf[:0], z, 10), 0)) > 0
	}
	if !found {
		return
	}
	if !varint {
		e.zero(at, n)
		return
	}
	// zero in as many bytes: continuation bits on all but the last
	dst := e.write()[at : at+n]
	for k := range dst {
		dst[k] = 0x80
	}
	dst[n-1] = 0
}

// protoParses reports whether b is a sequence of protobuf fields with
// valid tags and lengths, groups closed, and nothing left over.
func protoParses(b []byte) bool {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeField(b)
		if n < 0 || typ == protowire.EndGroupType || !num.IsValid() {
			return false
		}
		b = b[n:]
	}
	return true
}
