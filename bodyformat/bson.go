package bodyformat

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// BSON is read by its structure, as MessagePack is (msgpack.go): every
// element name and string (strings, JavaScript code, symbols, the
// patterns of regular expressions) is read as text, a value with the hint
// of its name; binary data is read as text where it is UTF-8, else as
// flat text (findFlat); int32, int64, integral doubles and integral
// decimal128 values are read as the decimal numbers a receiver shows,
// when they have as many digits as an identifier under their name may
// (minNumberFor). Every BSON document holds its length in bytes, and so
// does every string: a masked string or name is written back in place
// when its mask has its length; any other finding (a number, a mask of
// another length) makes a body in Redact mode uninspectable
// (ErrMalformed): its lengths are not rewritten. Binary data that is one
// whole document is read as one (embedded); an array's elements take the
// hint of its name. A body whose first document does not parse is read
// like any other body (errNotFramed); one whose first document parses, as
// documents up to the first that does not, the rest as a body that does
// not parse (itemsThenRest); one that nests deeper than Limits.MaxDepth
// is uninspectable.

// errBSONRedact is a BSON finding that is not masked in place.
var errBSONRedact = fmt.Errorf("%w: a BSON value holds personal data that cannot be masked in place", ErrMalformed)

// bsonWalker walks a BSON body.
type bsonWalker struct {
	in *inspector
	byteCursor
	out splicer
	buf []byte // a number as decimal text
	num []byte // a number's digits
	dry bool   // parse only: no value read (item's check)
}

// bsonType reports a media type of BSON.
func bsonType(mt string) bool {
	return mt == "application/bson" || mt == "application/x-bson" || mt == "application/vnd.mongodb.bson"
}

// bsonBody reads the BSON documents of b, one after another, and returns
// it masked, nil when nothing changed or the mode is Scan.
func (in *inspector) bsonBody(b []byte, rest restReader) ([]byte, error) {
	w := &bsonWalker{in: in, byteCursor: byteCursor{src: b}, out: splicer{src: b}}
	return in.itemsThenRest(b, &w.out, &w.pos, func() error { return w.item(0) }, rest)
}

// item reads one document at w.pos at depth when it parses (read dry
// first, its binary data as bytes: a document cut short is given up
// before it is read, not read then forgotten, so that documents nested in
// binary data are not read once per level), else errNotFramed.
func (w *bsonWalker) item(depth int) error {
	chk := bsonWalker{in: w.in, byteCursor: w.byteCursor, dry: true}
	if err := chk.document(0, depth, false); err != nil {
		return err
	}
	return w.document(0, depth, false)
}

// int32 reads a little-endian int32.
func (w *bsonWalker) int32() (int, bool) {
	b, ok := w.take(4)
	if !ok {
		return 0, false
	}
	return int(int32(binary.LittleEndian.Uint32(b))), true
}

// cstring reads a NUL-ended string and returns its bytes and where they
// start.
func (w *bsonWalker) cstring() (int, []byte, bool) {
	at := w.pos
	for w.pos < len(w.src) {
		if w.src[w.pos] == 0 {
			w.pos++
			return at, w.src[at : w.pos-1], true
		}
		w.pos++
	}
	return 0, nil, false
}

// document reads a document (or an array: inArray) at w.pos: its length,
// its elements, its closing NUL where its length ends it. An array's
// elements take hint, the array's own (as JSON's arrays: a name in
// {"realName":[name]} is read as a name), not their names' ("0", "1").
func (w *bsonWalker) document(hint detect.CategorySet, depth int, inArray bool) error {
	if depth >= w.in.lim.MaxDepth {
		return fmt.Errorf("%w: BSON nests too deep", ErrMalformed)
	}
	start := w.pos
	n, ok := w.int32()
	if !ok || n < 5 || n > len(w.src)-start {
		return errNotFramed
	}
	end := start + n
	for w.pos < end-1 {
		if err := w.element(end-1, hint, depth, inArray); err != nil {
			return err
		}
	}
	if w.pos != end-1 || w.src[end-1] != 0 {
		return errNotFramed
	}
	w.pos = end
	return nil
}

// element reads one element: its type, its name (read as text, the hint
// of its value, or in an array hint) and its value, none past limit.
func (w *bsonWalker) element(limit int, hint detect.CategorySet, depth int, inArray bool) error {
	t := w.src[w.pos]
	w.pos++
	at, name, ok := w.cstring()
	if !ok || w.pos > limit {
		return errNotFramed
	}
	if err := w.text(at, name, 0); err != nil {
		return err
	}
	if !inArray {
		hint = keyHint(name)
	}
	if err := w.value(t, hint, depth); err != nil {
		return err
	}
	if w.pos > limit {
		return errNotFramed
	}
	return nil
}

// value reads the value of an element of type t.
func (w *bsonWalker) value(t byte, hint detect.CategorySet, depth int) error {
	switch t {
	case 0x01: // double
		b, ok := w.take(8)
		if !ok {
			return errNotFramed
		}
		f := math.Float64frombits(binary.LittleEndian.Uint64(b))
		if f == math.Trunc(f) && math.Abs(f) < 1<<63 {
			return w.number(f < 0, strconv.AppendUint(w.num[:0], uint64(math.Abs(f)), 10), hint)
		}
		return nil
	case 0x02, 0x0d, 0x0e: // string, JavaScript code, symbol
		return w.str(hint)
	case 0x03:
		return w.document(0, depth+1, false)
	case 0x04:
		return w.document(hint, depth+1, true)
	case 0x05: // binary: length, subtype, bytes
		n, ok := w.int32()
		if !ok {
			return errNotFramed
		}
		sub, ok := w.take(1)
		if !ok {
			return errNotFramed
		}
		at := w.pos
		b, ok := w.take(uint64(n))
		if !ok {
			return errNotFramed
		}
		if !w.dry && (sub[0] == 0x00 || sub[0] == 0x80) {
			if done, err := w.embedded(at, b, depth+1); done {
				return err
			}
		}
		return w.text(at, b, hint)
	case 0x06, 0x0a, 0xff, 0x7f: // undefined, null, min key, max key
		return nil
	case 0x07: // ObjectId
		return w.skip(12)
	case 0x08: // boolean
		return w.skip(1)
	case 0x09, 0x11: // datetime, timestamp
		return w.skip(8)
	case 0x0b: // regular expression: pattern, options
		at, p, ok := w.cstring()
		if !ok {
			return errNotFramed
		}
		if err := w.text(at, p, hint); err != nil {
			return err
		}
		if _, _, ok := w.cstring(); !ok {
			return errNotFramed
		}
		return nil
	case 0x0c: // DBPointer: string, ObjectId
		if err := w.str(hint); err != nil {
			return err
		}
		return w.skip(12)
	case 0x0f: // code with scope: length, string, document
		if _, ok := w.int32(); !ok {
			return errNotFramed
		}
		if err := w.str(hint); err != nil {
			return err
		}
		return w.document(0, depth+1, false)
	case 0x10: // int32
		n, ok := w.int32()
		if !ok {
			return errNotFramed
		}
		return w.integer(int64(n), hint)
	case 0x12: // int64
		b, ok := w.take(8)
		if !ok {
			return errNotFramed
		}
		return w.integer(int64(binary.LittleEndian.Uint64(b)), hint)
	case 0x13: // decimal128
		b, ok := w.take(16)
		if !ok {
			return errNotFramed
		}
		if w.dry {
			return nil
		}
		return w.decimal128(b, hint)
	}
	return errNotFramed
}

// embedded reads b, binary data (of a generic or a user-defined subtype)
// found at at, as a BSON document where it is one whole (its length is b's:
// item), at depth, its masks written in place, and reports whether it read
// it so (false: b is no document, read as binary data). Its findings that
// are not masked in place refuse the body in Redact mode, as any BSON
// value's.
func (w *bsonWalker) embedded(at int, b []byte, depth int) (bool, error) {
	if len(b) < 5 || int(binary.LittleEndian.Uint32(b)) != len(b) {
		return false, nil
	}
	end := w.pos
	w.pos = at
	if err := w.item(depth); !errors.Is(err, errNotFramed) {
		return true, err // (its length is b's: it ends at end)
	}
	w.pos = end
	return false, nil
}

// skip passes n bytes.
func (w *bsonWalker) skip(n int) error {
	if _, ok := w.take(uint64(n)); !ok {
		return errNotFramed
	}
	return nil
}

// str reads a string: its length (its NUL included), its bytes, the NUL.
func (w *bsonWalker) str(hint detect.CategorySet) error {
	n, ok := w.int32()
	if !ok || n < 1 {
		return errNotFramed
	}
	at := w.pos
	b, ok := w.take(uint64(n))
	if !ok || b[n-1] != 0 {
		return errNotFramed
	}
	return w.text(at, b[:n-1], hint)
}

// text reads b, found at at, as text (flat text when it is no UTF-8), and
// masks it in place when the mask has its length; in Redact mode any
// other finding refuses the body.
func (w *bsonWalker) text(at int, b []byte, hint detect.CategorySet) error {
	if w.dry {
		return nil
	}
	var red []byte
	if utf8.Valid(b) {
		fs := w.in.find(b, hint)
		if len(fs) == 0 || w.in.mode != Redact {
			return nil
		}
		red = detect.Apply(b, fs)
	} else {
		fs := w.in.findFlat(b)
		if len(fs) == 0 || w.in.mode != Redact {
			return nil
		}
		e := &binaryEdit{src: b}
		e.maskText(0, fs, true)
		red = e.masked()
	}
	if len(red) != len(b) {
		return errBSONRedact
	}
	w.out.replace(at, at+len(b), red)
	return nil
}

// integer reads a signed integer as decimal text.
func (w *bsonWalker) integer(v int64, hint detect.CategorySet) error {
	if v < 0 {
		return w.number(true, strconv.AppendUint(w.num[:0], uint64(-v), 10), hint)
	}
	return w.number(false, strconv.AppendUint(w.num[:0], uint64(v), 10), hint)
}

// decimal128 reads an IEEE 754-2008 decimal128 (binary integer
// significand, little-endian) that holds an integer as that integer.
func (w *bsonWalker) decimal128(b []byte, hint detect.CategorySet) error {
	lo, hi := binary.LittleEndian.Uint64(b[:8]), binary.LittleEndian.Uint64(b[8:])
	if hi>>61&3 == 3 {
		return nil // infinities, NaNs and the rare second form: no identifier
	}
	exp := int(hi>>49&0x3fff) - 6176
	coef := new(big.Int).SetUint64(hi & (1<<49 - 1))
	coef.Lsh(coef, 64).Or(coef, new(big.Int).SetUint64(lo))
	if coef.Sign() == 0 || exp > 20 || exp < -40 {
		return nil // no integer of an identifier's length
	}
	ten := big.NewInt(10)
	for ; exp > 0; exp-- {
		coef.Mul(coef, ten)
	}
	rem := new(big.Int)
	for ; exp < 0; exp++ {
		if coef.QuoRem(coef, ten, rem); rem.Sign() != 0 {
			return nil
		}
	}
	return w.number(hi>>63 == 1, coef.Append(w.num[:0], 10), hint)
}

// number reads an integer's digits (neg: negated) as decimal text when
// it has as many digits as an identifier under its name's hint may
// (minNumberFor); in Redact mode one holding an identifier refuses the
// body.
func (w *bsonWalker) number(neg bool, digits []byte, hint detect.CategorySet) error {
	w.num = digits
	if w.dry {
		return nil
	}
	var fs []detect.Finding
	if w.buf, fs = w.in.findNumber(w.buf, neg, digits, hint); len(fs) > 0 && w.in.mode == Redact {
		return errBSONRedact
	}
	return nil
}
