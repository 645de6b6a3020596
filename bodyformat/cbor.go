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

// CBOR (RFC 8949) is read by its structure, as MessagePack is (msgpack.go):
// every text string is read as text with the hint of its map key (a chunked
// key's joined text), keys included, an array's elements with the array's;
// an indefinite-length string is read as the decoder returns it, its chunks
// joined; a byte string is read as text where it is UTF-8, else as flat
// text (findFlat), and under tag 24 as the CBOR items it encodes
// (embedded); integers, integral floats and the bignums of tags 2 and 3
// (over a definite or a chunked byte string) are read as the decimal
// numbers a receiver shows, when they have as many digits as an identifier
// under their key may (minNumberFor). CBOR containers count their elements
// and hold no byte length, so a masked string is written back, with the
// header its new length needs, as a definite-length string (a chunked one
// as one string), and a number holding an identifier becomes a text string
// holding its mask (as in JSON and MessagePack). A byte string read as flat
// text is masked in place, at its length. A body labelled CBOR whose first
// item does not parse is read like any other body (errNotFramed); one whose
// first item parses, as items up to the first that does not, the rest as a
// body that does not parse (itemsThenRest); an untyped one is read as CBOR
// only when it is one (cborSniffed). Nesting (containers and tags) deeper
// than Limits.MaxDepth is uninspectable (ErrMalformed).

// maxCBORBignum is the most bytes of a bignum (tags 2 and 3), after its
// leading zero bytes, read as a decimal number: 20 bytes hold 48 digits,
// more than any identifier.
const maxCBORBignum = 20

// cborWalker walks a CBOR body.
type cborWalker struct {
	in *inspector
	byteCursor
	out   splicer
	buf   []byte // a number as decimal text
	num   []byte // a number's digits
	str   []byte // the content of the string read last (stringFrom)
	strAt int    // where it starts
	deep  bool   // skip stopped at its depth limit
}

// cborType reports a media type of CBOR.
func cborType(mt string) bool {
	return mt == "application/cbor" || mt == "application/cbor-seq" || len(mt) > len("+cbor") && mt[len(mt)-len("+cbor"):] == "+cbor"
}

// cborSniffed reports whether b, a body of no type or
// application/octet-stream, is CBOR beyond doubt: one map or array (or
// one under the self-described CBOR tag 55799) that ends exactly where b
// ends. Its first byte (0x80-0xBF) is a UTF-8 continuation byte, which no
// text starts with.
func cborSniffed(b []byte, maxDepth int) bool {
	if len(b) < 2 {
		return false
	}
	if !(b[0] >= 0x80 && b[0] <= 0xbf) && !(len(b) > 3 && b[0] == 0xd9 && b[1] == 0xd9 && b[2] == 0xf7) {
		return false
	}
	w := &cborWalker{byteCursor: byteCursor{src: b}}
	return w.skip(0, maxDepth) && w.pos == len(b)
}

// cborFirstParses reports whether the first CBOR item of b is whole,
// nested no deeper than maxDepth.
func cborFirstParses(b []byte, maxDepth int) bool {
	w := &cborWalker{byteCursor: byteCursor{src: b}}
	return w.skip(0, maxDepth)
}

// cborParses reports whether b is CBOR items, one after another, each
// whole, nested at most maxDepth deep.
func cborParses(b []byte, maxDepth int) bool {
	w := &cborWalker{byteCursor: byteCursor{src: b}}
	for w.pos < len(b) {
		if !w.skip(0, maxDepth) {
			return false
		}
	}
	return true
}

// untypedBinary reports a media type a body's bytes decide: none, or
// application/octet-stream.
func untypedBinary(mt string) bool { return mt == "" || mt == "application/octet-stream" }

// cborBody reads the CBOR values of b, one after another, and returns it
// masked, nil when nothing changed or the mode is Scan.
func (in *inspector) cborBody(b []byte, rest restReader) ([]byte, error) {
	w := &cborWalker{in: in, byteCursor: byteCursor{src: b}, out: splicer{src: b}, strAt: -1}
	return in.itemsThenRest(b, &w.out, &w.pos, func() error { return w.item(0, 0) }, rest)
}

// item reads one top-level item at w.pos (of a body, or of tag 24's byte
// string) at depth when it parses (skip, a read that takes no finding:
// an item cut short is given up before it is read, not read then
// forgotten, so that nested byte strings of tag 24 are not read once per
// level), else errNotFramed; an item nested too deep is read, and
// refused.
func (w *cborWalker) item(hint detect.CategorySet, depth int) error {
	chk := cborWalker{byteCursor: w.byteCursor}
	if !chk.skip(0, w.in.lim.MaxDepth-depth) && !chk.deep {
		return errNotFramed
	}
	return w.value(hint, depth)
}

// stringFrom returns the content of the string read last when it starts
// at at (keyedWalker): a chunked key's joined text too.
func (w *cborWalker) stringFrom(at int) ([]byte, bool) {
	return w.str, w.strAt == at
}

// head reads an item's initial byte and argument: its major type, its
// argument (a count, a length, a value, a float's bits) and its additional
// information (31: indefinite length, or a break for major type 7); ok is
// false when the bytes end first or the information is reserved (28-30).
func (w *cborWalker) head() (major byte, arg uint64, info byte, ok bool) {
	if w.pos >= len(w.src) {
		return 0, 0, 0, false
	}
	c := w.src[w.pos]
	w.pos++
	major, info = c>>5, c&0x1f
	switch {
	case info < 24:
		return major, uint64(info), info, true
	case info <= 27:
		n := 1 << (info - 24)
		if n > len(w.src)-w.pos {
			return 0, 0, 0, false
		}
		for _, x := range w.src[w.pos : w.pos+n] {
			arg = arg<<8 | uint64(x)
		}
		w.pos += n
		return major, arg, info, true
	case info == 31:
		return major, 0, info, true
	}
	return 0, 0, 0, false // 28-30 are reserved
}

// skip reads one item without inspecting it, and reports whether it
// parses (deep: not past maxDepth): cborSniffed's check, and item's.
// Every step takes a byte.
func (w *cborWalker) skip(depth, maxDepth int) bool {
	if depth >= maxDepth {
		w.deep = true
		return false
	}
	major, arg, info, ok := w.head()
	if !ok {
		return false
	}
	switch major {
	case 0, 1:
		return info != 31
	case 2, 3:
		if info != 31 {
			_, ok := w.take(arg)
			return ok
		}
		for {
			if w.pos < len(w.src) && w.src[w.pos] == 0xff {
				w.pos++
				return true
			}
			m, n, i, ok := w.head()
			if !ok || m != major || i == 31 {
				return false
			}
			if _, ok := w.take(n); !ok {
				return false
			}
		}
	case 4, 5:
		per := uint64(1)
		if major == 5 {
			per = 2
		}
		if info == 31 {
			for {
				if w.pos < len(w.src) && w.src[w.pos] == 0xff {
					w.pos++
					return true
				}
				for range per {
					if !w.skip(depth+1, maxDepth) {
						return false
					}
				}
			}
		}
		for range arg {
			for range per {
				if w.pos >= len(w.src) || !w.skip(depth+1, maxDepth) {
					return false
				}
			}
		}
		return true
	case 6:
		return info != 31 && w.skip(depth+1, maxDepth)
	}
	return info != 31 // simple values and floats; a lone break is none
}

// value reads one item at w.pos; hint is its map key's, depth its
// nesting.
func (w *cborWalker) value(hint detect.CategorySet, depth int) error {
	if depth >= w.in.lim.MaxDepth {
		return fmt.Errorf("%w: CBOR nests too deep", ErrMalformed)
	}
	start := w.pos
	major, arg, info, ok := w.head()
	if !ok {
		return errNotFramed
	}
	switch major {
	case 0:
		if info == 31 {
			return errNotFramed
		}
		w.number(start, false, strconv.AppendUint(w.num[:0], arg, 10), hint)
		return nil
	case 1: // -1 - arg
		if info == 31 {
			return errNotFramed
		}
		if arg == math.MaxUint64 {
			w.number(start, true, append(w.num[:0], "18446744073709551616"...), hint)
		} else {
			w.number(start, true, strconv.AppendUint(w.num[:0], arg+1, 10), hint)
		}
		return nil
	case 2, 3:
		if info == 31 {
			return w.chunked(start, major, hint)
		}
		b, ok := w.take(arg)
		if !ok {
			return errNotFramed
		}
		return w.text(start, major, b, hint)
	case 4, 5:
		return w.container(arg, info == 31, major == 5, hint, depth)
	case 6:
		if info == 31 {
			return errNotFramed
		}
		if arg == 2 || arg == 3 {
			if done, err := w.bignum(start, arg == 3, hint); done {
				return err
			}
		}
		if arg == 24 {
			if done, err := w.embedded(hint, depth+1); done {
				return err
			}
		}
		return w.value(hint, depth+1)
	}
	switch info {
	case 25: // half: no nine-digit integer survives its precision
		return nil
	case 26:
		w.float(start, float64(math.Float32frombits(uint32(arg))), hint)
		return nil
	case 27:
		w.float(start, math.Float64frombits(arg), hint)
		return nil
	case 31:
		return errNotFramed // a break outside an indefinite item
	}
	return nil // simple values
}

// container reads the elements of an array, or the key and value pairs
// of a map (isMap), n of them or up to a break (indef): element (a string
// key gives its value its hint; an array's elements take hint, the
// array's own).
func (w *cborWalker) container(n uint64, indef, isMap bool, hint detect.CategorySet, depth int) error {
	for i := uint64(0); indef || i < n; i++ {
		if w.pos >= len(w.src) {
			return errNotFramed // every element takes a byte at least
		}
		if indef && w.src[w.pos] == 0xff {
			w.pos++
			return nil
		}
		if err := element(w, isMap, hint, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// chunked reads an indefinite-length string of major type major from
// start: its chunks joined (joinChunks), read as one string.
func (w *cborWalker) chunked(start int, major byte, hint detect.CategorySet) error {
	joined, err := w.joinChunks(major)
	if err != nil {
		return err
	}
	return w.text(start, major, joined, hint)
}

// joinChunks reads the chunks of an indefinite-length string of major
// type major after its initial byte: its definite chunks of the same type
// up to a break, joined as the decoder joins them.
func (w *cborWalker) joinChunks(major byte) ([]byte, error) {
	var joined []byte
	for {
		if w.pos >= len(w.src) {
			return nil, errNotFramed
		}
		if w.src[w.pos] == 0xff {
			w.pos++
			return joined, nil
		}
		m, n, info, ok := w.head()
		if !ok || m != major || info == 31 {
			return nil, errNotFramed
		}
		b, ok := w.take(n)
		if !ok {
			return nil, errNotFramed
		}
		if err := w.in.reserve(int64(len(b))); err != nil {
			return nil, err
		}
		joined = append(joined, b...)
	}
}

// byteString reads a byte string at w.pos, definite or chunked (joined),
// and returns its content and where its encoding starts; ok is false,
// w.pos unmoved, when the item there is no byte string.
func (w *cborWalker) byteString() (b []byte, start int, ok bool, err error) {
	start = w.pos
	major, n, info, ok := w.head()
	if !ok || major != 2 {
		w.pos = start
		return nil, start, false, nil
	}
	if info == 31 {
		b, err = w.joinChunks(2)
		return b, start, true, err
	}
	b, ok = w.take(n)
	if !ok {
		return nil, start, true, errNotFramed
	}
	return b, start, true, nil
}

// embedded reads the byte string of tag 24 (an encoded CBOR data item,
// RFC 8949 3.4.5.1) from w.pos as the CBOR items a decoder reads in it
// (itemsThenRest: what follows the items that parse read as a binary
// body) at depth, and writes it back masked, as a definite byte string;
// it reports whether it read it so (false: the tag holds no byte string,
// or one whose first item does not parse, read as any tag's content;
// w.pos unmoved).
func (w *cborWalker) embedded(hint detect.CategorySet, depth int) (bool, error) {
	at := w.pos
	b, start, ok, err := w.byteString()
	if !ok || err != nil {
		return ok, err
	}
	inner := &cborWalker{in: w.in, byteCursor: byteCursor{src: b}, out: splicer{src: b}, strAt: -1}
	found := w.in.mark()
	red, err := w.in.itemsThenRest(b, &inner.out, &inner.pos, func() error { return inner.item(hint, depth) }, nil)
	if errors.Is(err, errNotFramed) {
		w.in.rollback(found)
		w.pos = at
		return false, nil
	}
	if err == nil && red != nil {
		w.out.replace(start, w.pos, appendCBORString(nil, 2, red))
	}
	return true, err
}

// text reads b, the content of a text string (major 3) or a byte string
// (major 2) encoded from start to w.pos, and writes it back masked: as a
// string of the same type with the header its new length needs, or, for
// a byte string that is no UTF-8 (read as flat text), masked in place.
func (w *cborWalker) text(start int, major byte, b []byte, hint detect.CategorySet) error {
	w.str, w.strAt = b, start
	if major == 2 && !utf8.Valid(b) {
		fs := w.in.findFlat(b)
		if len(fs) == 0 || w.in.mode != Redact {
			return nil
		}
		e := &binaryEdit{src: b}
		e.maskText(0, fs, true)
		w.out.replace(start, w.pos, appendCBORString(nil, 2, e.masked()))
		return nil
	}
	fs := w.in.find(b, hint)
	if len(fs) == 0 || w.in.mode != Redact {
		return nil
	}
	w.out.replace(start, w.pos, appendCBORString(nil, major, detect.Apply(b, fs)))
	return nil
}

// bignum reads the byte string of tag 2 (or 3, neg: -1 - n) from w.pos,
// definite or chunked (joined), as the decimal number a decoder returns,
// and reports whether it read it (false: the tag holds no byte string, or
// a longer one than maxCBORBignum, and is read as any tag's content;
// w.pos is unmoved).
func (w *cborWalker) bignum(start int, neg bool, hint detect.CategorySet) (bool, error) {
	at := w.pos
	b, _, ok, err := w.byteString()
	if !ok || err != nil {
		return ok, err
	}
	for len(b) > 0 && b[0] == 0 {
		b = b[1:]
	}
	if len(b) > maxCBORBignum {
		w.pos = at
		return false, nil
	}
	v := new(big.Int).SetBytes(b)
	if neg {
		v.Add(v, big.NewInt(1))
	}
	w.number(start, neg, v.Append(w.num[:0], 10), hint)
	return true, nil
}

// float reads a float encoded from start that holds an integer as that
// integer.
func (w *cborWalker) float(start int, f float64, hint detect.CategorySet) {
	if f != math.Trunc(f) || math.IsInf(f, 0) || math.Abs(f) >= 1e20 {
		return
	}
	if a := math.Abs(f); a < 1<<63 {
		w.number(start, f < 0, strconv.AppendUint(w.num[:0], uint64(a), 10), hint)
		return
	}
	v, _ := new(big.Float).SetFloat64(math.Abs(f)).Int(nil)
	w.number(start, f < 0, v.Append(w.num[:0], 10), hint)
}

// number reads an integer (neg: the decimal digits of its absolute
// value are negated) as decimal text when it has as many digits as an
// identifier under its key's hint may (minNumberFor), and replaces the
// item holding an identifier, encoded from start on, with a text string
// of its mask.
func (w *cborWalker) number(start int, neg bool, digits []byte, hint detect.CategorySet) {
	w.num = digits
	var fs []detect.Finding
	w.buf, fs = w.in.findNumber(w.buf, neg, digits, hint)
	if len(fs) == 0 || w.in.mode != Redact {
		return
	}
	w.out.replace(start, w.pos, appendCBORString(nil, 3, detect.Apply(w.buf, fs)))
}

// appendCBORString appends s as a definite-length string of major type
// major (2 bytes, 3 text) with the shortest header its length allows.
func appendCBORString(b []byte, major byte, s []byte) []byte {
	m := major << 5
	switch n := uint64(len(s)); {
	case n < 24:
		b = append(b, m|byte(n))
	case n <= math.MaxUint8:
		b = append(b, m|24, byte(n))
	case n <= math.MaxUint16:
		b = binary.BigEndian.AppendUint16(append(b, m|25), uint16(n))
	case n <= math.MaxUint32:
		b = binary.BigEndian.AppendUint32(append(b, m|26), uint32(n))
	default:
		b = binary.BigEndian.AppendUint64(append(b, m|27), n)
	}
	return append(b, s...)
}

// cborMasked reads b as CBOR (cborBody) and returns it masked (nil when
// nothing changed) in either mode (framedMasked).
func (in *inspector) cborMasked(b []byte) ([]byte, error) {
	return in.framedMasked(b, func(b []byte) ([]byte, error) { return in.cborBody(b, restReadAfter) })
}
