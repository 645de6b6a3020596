package bodyformat

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// MessagePack is read by its structure, as JSON is: every string and
// binary value is read as text, with the hint of its map key, keys
// included; integers and integral floats of nine digits or more (fewer
// under a key naming a category with shorter values: minNumberFor) are
// read as the decimal numbers a receiver shows. MessagePack has no byte length
// around containers (maps and arrays count their elements), so a masked
// string is written back with the header its new length needs, and a
// number holding an identifier becomes a string holding its mask (as in
// JSON); an array's elements take the hint of its key. A body whose first
// value does not parse is read like any other body (errNotFramed:
// framedThenRead); one whose first value parses, as values up to the first
// that does not, the rest as a body that does not parse (itemsThenRest);
// one that nests deeper than Limits.MaxDepth is uninspectable
// (ErrMalformed).

// errMsgpack is a MessagePack body that does not parse.
var errMsgpack = errNotFramed

// msgpackWalker walks a MessagePack body.
type msgpackWalker struct {
	in *inspector
	byteCursor
	out splicer
	buf []byte // a number as decimal text
	num []byte // a number's digits
}

// msgpackBody reads the MessagePack values of b, one after another, and
// returns it masked, nil when nothing changed or the mode is Scan.
func (in *inspector) msgpackBody(b []byte, rest restReader) ([]byte, error) {
	w := &msgpackWalker{in: in, byteCursor: byteCursor{src: b}, out: splicer{src: b}}
	return in.itemsThenRest(b, &w.out, &w.pos, func() error { return w.value(0, 0) }, rest)
}

// stringFrom returns the content of the str or bin value encoded from at
// to w.pos (keyedWalker).
func (w *msgpackWalker) stringFrom(at int) ([]byte, bool) {
	h, ok := readMsgpackHead(w.src[:w.pos], at)
	if !ok || h.kind != mpHeadText || h.arg != uint64(w.pos-h.next) {
		return nil, false
	}
	return w.src[h.next:w.pos], true
}

// msgpackKind is the kind of a MessagePack value, as its head tells.
type msgpackKind uint8

// The kinds of value msgpackHead tells apart.
const (
	mpHeadSkip    msgpackKind = iota // arg bytes follow that hold no text: fixint, nil, bool (0), float32 (4)
	mpHeadText                       // a str or bin of arg bytes
	mpHeadExt                        // an extension: arg bytes, its type then its data
	mpHeadUint                       // an unsigned integer, arg
	mpHeadInt                        // a signed integer, arg's low width bytes
	mpHeadFloat64                    // a float64, arg its bits
	mpHeadArray                      // arg elements
	mpHeadMap                        // arg key and value pairs
)

// msgpackHead is what the head of a MessagePack value says.
type msgpackHead struct {
	kind  msgpackKind
	arg   uint64 // a length, a count, an integer or a float's bits (kind)
	width int    // a signed integer's bytes
	next  int    // where what follows the head starts
}

// readMsgpackHead reads the head of the value at b[pos]: its type byte and
// the length, count or number after it. ok is false when the bytes end
// first or the type byte is never used (0xc1). It is the one reading of a
// value's head, for the walker (value) and the check that a body parses
// (msgpackParses).
func readMsgpackHead(b []byte, pos int) (h msgpackHead, ok bool) {
	if pos >= len(b) {
		return h, false
	}
	t := b[pos]
	pos++
	be := func(n int) (uint64, bool) { // a big-endian number of n bytes
		if n > len(b)-pos {
			return 0, false
		}
		var v uint64
		for _, c := range b[pos : pos+n] {
			v = v<<8 | uint64(c)
		}
		pos += n
		return v, true
	}
	ok = true
	switch {
	case t <= 0x7f, t >= 0xe0, t == 0xc0, t == 0xc2, t == 0xc3: // fixint, nil, bool
		h.kind = mpHeadSkip
	case t <= 0x8f:
		h.kind, h.arg = mpHeadMap, uint64(t&0x0f)
	case t <= 0x9f:
		h.kind, h.arg = mpHeadArray, uint64(t&0x0f)
	case t <= 0xbf:
		h.kind, h.arg = mpHeadText, uint64(t&0x1f)
	case t == 0xc4, t == 0xc5, t == 0xc6: // bin 8/16/32
		h.kind = mpHeadText
		h.arg, ok = be(1 << (t - 0xc4))
	case t == 0xd9, t == 0xda, t == 0xdb: // str 8/16/32
		h.kind = mpHeadText
		h.arg, ok = be(1 << (t - 0xd9))
	case t == 0xc7, t == 0xc8, t == 0xc9: // ext 8/16/32: length, type, data
		h.kind = mpHeadExt
		h.arg, ok = be(1 << (t - 0xc7))
		h.arg++
	case t >= 0xd4 && t <= 0xd8: // fixext: type, data
		h.kind, h.arg = mpHeadExt, 1+1<<(t-0xd4)
	case t == 0xca: // float32: no nine-digit integer survives its precision
		h.kind, h.arg = mpHeadSkip, 4
	case t == 0xcb:
		h.kind = mpHeadFloat64
		h.arg, ok = be(8)
	case t >= 0xcc && t <= 0xcf: // uint 8/16/32/64
		h.kind = mpHeadUint
		h.arg, ok = be(1 << (t - 0xcc))
	case t >= 0xd0 && t <= 0xd3: // int 8/16/32/64
		h.kind, h.width = mpHeadInt, 1<<(t-0xd0)
		h.arg, ok = be(h.width)
	case t == 0xdc, t == 0xdd: // array 16/32
		h.kind = mpHeadArray
		h.arg, ok = be(2 << (t - 0xdc))
	case t == 0xde, t == 0xdf: // map 16/32
		h.kind = mpHeadMap
		h.arg, ok = be(2 << (t - 0xde))
	default:
		return h, false // 0xc1, never used
	}
	h.next = pos
	return h, ok
}

// value reads one value at w.pos; hint is its map key's, depth its
// nesting.
func (w *msgpackWalker) value(hint detect.CategorySet, depth int) error {
	start := w.pos
	h, ok := readMsgpackHead(w.src, w.pos)
	if !ok {
		return errMsgpack
	}
	w.pos = h.next
	switch h.kind {
	case mpHeadSkip:
		if _, ok := w.take(h.arg); !ok {
			return errMsgpack
		}
	case mpHeadText:
		return w.text(start, h.arg, hint)
	case mpHeadExt:
		return w.ext(h.arg)
	case mpHeadFloat64:
		f := math.Float64frombits(h.arg)
		if f == math.Trunc(f) && math.Abs(f) < 1<<63 {
			w.number(start, int64(f) < 0, uint64(math.Abs(f)), hint)
		}
	case mpHeadUint:
		w.number(start, false, h.arg, hint)
	case mpHeadInt:
		s := int64(h.arg << (64 - 8*h.width) >> (64 - 8*h.width)) // sign-extended
		if s < 0 {
			w.number(start, true, uint64(-s), hint)
		} else {
			w.number(start, false, uint64(s), hint)
		}
	case mpHeadArray:
		return w.container(h.arg, false, hint, depth)
	case mpHeadMap:
		return w.container(h.arg, true, hint, depth)
	}
	return nil
}

// container reads n elements of an array, or n key and value pairs of a
// map: element (a string key gives its value its hint; an array's
// elements take hint, the array's own).
func (w *msgpackWalker) container(n uint64, isMap bool, hint detect.CategorySet, depth int) error {
	if depth >= w.in.lim.MaxDepth {
		return fmt.Errorf("%w: MessagePack nests too deep", ErrMalformed)
	}
	for range n {
		if w.pos >= len(w.src) {
			return errMsgpack // every element takes a byte at least
		}
		if err := element(w, isMap, hint, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// text reads n bytes of a str or bin value whose encoding starts at
// start, and writes it back masked with the header its new length needs.
func (w *msgpackWalker) text(start int, n uint64, hint detect.CategorySet) error {
	b, ok := w.take(n)
	if !ok {
		return errMsgpack
	}
	fs := w.in.find(b, hint)
	if len(fs) == 0 || w.in.mode != Redact {
		return nil
	}
	red := detect.Apply(b, fs)
	w.out.replace(start, w.pos, appendMsgpackText(nil, w.src[start], red))
	return nil
}

// ext skips the type and data of an extension value (n bytes), read as
// flat text with masks of the same length.
func (w *msgpackWalker) ext(n uint64) error {
	at := w.pos
	b, ok := w.take(n)
	if !ok {
		return errMsgpack
	}
	fs := w.in.findFlat(b[1:])
	if len(fs) == 0 || w.in.mode != Redact {
		return nil
	}
	e := &binaryEdit{src: b[1:]}
	e.maskText(0, fs, true)
	w.out.replace(at+1, w.pos, e.masked())
	return nil
}

// number reads an integer (neg: its absolute value v is negated) as
// decimal text when it has as many digits as an identifier under its
// key's hint may (minNumberFor: nine, fewer under a key naming a landline,
// a permit or QQ), and replaces a value holding an identifier, encoded
// from start on, with a string of its mask.
func (w *msgpackWalker) number(start int, neg bool, v uint64, hint detect.CategorySet) {
	w.num = strconv.AppendUint(w.num[:0], v, 10)
	var fs []detect.Finding
	w.buf, fs = w.in.findNumber(w.buf, neg, w.num, hint)
	if len(fs) == 0 || w.in.mode != Redact {
		return
	}
	w.out.replace(start, w.pos, appendMsgpackText(nil, 0xa0, detect.Apply(w.buf, fs)))
}

// appendMsgpackText appends s as a str value (or a bin one when like is
// a bin type byte) with the shortest header its length allows.
func appendMsgpackText(b []byte, like byte, s []byte) []byte {
	n := len(s)
	if like >= 0xc4 && like <= 0xc6 {
		switch {
		case n <= math.MaxUint8:
			b = append(b, 0xc4, byte(n))
		case n <= math.MaxUint16:
			b = binary.BigEndian.AppendUint16(append(b, 0xc5), uint16(n))
		default:
			b = binary.BigEndian.AppendUint32(append(b, 0xc6), uint32(n))
		}
		return append(b, s...)
	}
	switch {
	case n <= 31:
		b = append(b, 0xa0|byte(n))
	case n <= math.MaxUint8:
		b = append(b, 0xd9, byte(n))
	case n <= math.MaxUint16:
		b = binary.BigEndian.AppendUint16(append(b, 0xda), uint16(n))
	default:
		b = binary.BigEndian.AppendUint32(append(b, 0xdb), uint32(n))
	}
	return append(b, s...)
}

// msgpackParses reports whether b is MessagePack values, one after
// another, each whole. It counts the values still to read rather than
// recursing: every value takes a byte at least, so a count past the bytes
// left ends the walk.
func msgpackParses(b []byte) bool {
	for pos := 0; pos < len(b); {
		end, ok := msgpackValueEnd(b, pos)
		if !ok {
			return false
		}
		pos = end
	}
	return true
}

// msgpackFirstParses reports whether the first MessagePack value of b is
// whole.
func msgpackFirstParses(b []byte) bool {
	_, ok := msgpackValueEnd(b, 0)
	return ok
}

// msgpackValueEnd returns where the value at pos in b ends, and whether it
// is whole.
func msgpackValueEnd(b []byte, pos int) (int, bool) {
	for need := uint64(1); need > 0; need-- { // values of this value still to read
		if need > uint64(len(b)-pos) {
			return pos, false
		}
		h, ok := readMsgpackHead(b, pos)
		if !ok {
			return pos, false
		}
		pos = h.next
		switch h.kind {
		case mpHeadSkip, mpHeadText, mpHeadExt:
			if h.arg > uint64(len(b)-pos) {
				return pos, false
			}
			pos += int(h.arg)
		case mpHeadArray:
			need += h.arg
		case mpHeadMap:
			need += 2 * h.arg
		}
	}
	return pos, true
}
