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
// binaryBody); one whose first value parses, as values up to the first
// that does not, the rest as a body that does not parse (itemsThenRest);
// one that nests deeper than Limits.MaxDepth is uninspectable
// (ErrMalformed).

// errMsgpack is a MessagePack body that does not parse.
var errMsgpack = errNotFramed

// msgpackWalker walks a MessagePack body.
type msgpackWalker struct {
	in  *inspector
	src []byte
	pos int
	out splicer
	buf []byte // a number as decimal text
	num []byte // a number's digits
}

// msgpackBody reads the MessagePack values of b, one after another, and
// returns it masked, nil when nothing changed or the mode is Scan.
func (in *inspector) msgpackBody(b []byte, rest restReader) ([]byte, error) {
	w := &msgpackWalker{in: in, src: b, out: splicer{src: b}}
	return in.itemsThenRest(b, &w.out, &w.pos, func() error { return w.value(0, 0) }, rest)
}

// position returns where w stands (keyedWalker).
func (w *msgpackWalker) position() int { return w.pos }

// stringFrom returns the content of the str or bin value encoded from at
// to w.pos (keyedWalker).
func (w *msgpackWalker) stringFrom(at int) ([]byte, bool) {
	return msgpackString(w.src[at:w.pos])
}

// take returns the next n bytes, or false when there are fewer.
func (w *msgpackWalker) take(n uint64) ([]byte, bool) {
	if n > uint64(len(w.src)-w.pos) {
		return nil, false
	}
	b := w.src[w.pos : w.pos+int(n)]
	w.pos += int(n)
	return b, true
}

// size reads a big-endian length of n bytes.
func (w *msgpackWalker) size(n int) (uint64, bool) {
	b, ok := w.take(uint64(n))
	if !ok {
		return 0, false
	}
	var v uint64
	for _, c := range b {
		v = v<<8 | uint64(c)
	}
	return v, true
}

// value reads one value at w.pos; hint is its map key's, depth its
// nesting.
func (w *msgpackWalker) value(hint detect.CategorySet, depth int) error {
	start := w.pos
	c, ok := w.take(1)
	if !ok {
		return errMsgpack
	}
	t := c[0]
	switch {
	case t <= 0x7f, t >= 0xe0, t == 0xc0, t == 0xc2, t == 0xc3: // fixint, nil, bool
		return nil
	case t <= 0x8f:
		return w.container(uint64(t&0x0f), true, hint, depth)
	case t <= 0x9f:
		return w.container(uint64(t&0x0f), false, hint, depth)
	case t <= 0xbf:
		return w.text(start, uint64(t&0x1f), hint)
	}
	switch t {
	case 0xc4, 0xc5, 0xc6: // bin 8/16/32
		n, ok := w.size(1 << (t - 0xc4))
		if !ok {
			return errMsgpack
		}
		return w.text(start, n, hint)
	case 0xd9, 0xda, 0xdb: // str 8/16/32
		n, ok := w.size(1 << (t - 0xd9))
		if !ok {
			return errMsgpack
		}
		return w.text(start, n, hint)
	case 0xc7, 0xc8, 0xc9: // ext 8/16/32: length, type, data
		n, ok := w.size(1 << (t - 0xc7))
		if !ok {
			return errMsgpack
		}
		return w.ext(n + 1)
	case 0xd4, 0xd5, 0xd6, 0xd7, 0xd8: // fixext: type, data
		return w.ext(1 + 1<<(t-0xd4))
	case 0xca: // float32: no nine-digit integer survives its precision
		if _, ok := w.take(4); !ok {
			return errMsgpack
		}
		return nil
	case 0xcb:
		b, ok := w.take(8)
		if !ok {
			return errMsgpack
		}
		f := math.Float64frombits(binary.BigEndian.Uint64(b))
		if f == math.Trunc(f) && math.Abs(f) < 1<<63 {
			w.number(start, int64(f) < 0, uint64(math.Abs(f)), hint)
		}
		return nil
	case 0xcc, 0xcd, 0xce, 0xcf: // uint 8/16/32/64
		v, ok := w.size(1 << (t - 0xcc))
		if !ok {
			return errMsgpack
		}
		w.number(start, false, v, hint)
		return nil
	case 0xd0, 0xd1, 0xd2, 0xd3: // int 8/16/32/64
		n := 1 << (t - 0xd0)
		v, ok := w.size(n)
		if !ok {
			return errMsgpack
		}
		s := int64(v << (64 - 8*n) >> (64 - 8*n)) // sign-extended
		if s < 0 {
			w.number(start, true, uint64(-s), hint)
		} else {
			w.number(start, false, uint64(s), hint)
		}
		return nil
	case 0xdc, 0xdd: // array 16/32
		n, ok := w.size(2 << (t - 0xdc))
		if !ok {
			return errMsgpack
		}
		return w.container(n, false, hint, depth)
	case 0xde, 0xdf: // map 16/32
		n, ok := w.size(2 << (t - 0xde))
		if !ok {
			return errMsgpack
		}
		return w.container(n, true, hint, depth)
	}
	return errMsgpack // 0xc1, never used
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

// msgpackString returns the content of an encoded str or bin value.
func msgpackString(b []byte) ([]byte, bool) {
	if len(b) == 0 {
		return nil, false
	}
	switch t := b[0]; {
	case t >= 0xa0 && t <= 0xbf:
		return b[1:], true
	case t == 0xc4 || t == 0xd9:
		return b[min(len(b), 2):], true
	case t == 0xc5 || t == 0xda:
		return b[min(len(b), 3):], true
	case t == 0xc6 || t == 0xdb:
		return b[min(len(b), 5):], true
	}
	return nil, false
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
	pos := 0
	for pos < len(b) {
		need := uint64(1) // values of the current top-level value still to read
		for need > 0 {
			if pos >= len(b) || need > uint64(len(b)-pos) {
				return false
			}
			need--
			t := b[pos]
			pos++
			size := func(n int) (uint64, bool) {
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
			var skip uint64
			ok := true
			switch {
			case t <= 0x7f, t >= 0xe0, t == 0xc0, t == 0xc2, t == 0xc3:
			case t <= 0x8f:
				need += 2 * uint64(t&0x0f)
			case t <= 0x9f:
				need += uint64(t & 0x0f)
			case t <= 0xbf:
				skip = uint64(t & 0x1f)
			case t == 0xc4, t == 0xc5, t == 0xc6:
				skip, ok = size(1 << (t - 0xc4))
			case t == 0xd9, t == 0xda, t == 0xdb:
				skip, ok = size(1 << (t - 0xd9))
			case t == 0xc7, t == 0xc8, t == 0xc9:
				skip, ok = size(1 << (t - 0xc7))
				skip++ // the extension's type
			case t >= 0xd4 && t <= 0xd8:
				skip = 1 + 1<<(t-0xd4)
			case t == 0xca:
				skip = 4
			case t == 0xcb:
				skip = 8
			case t >= 0xcc && t <= 0xcf:
				skip = 1 << (t - 0xcc)
			case t >= 0xd0 && t <= 0xd3:
				skip = 1 << (t - 0xd0)
			case t == 0xdc, t == 0xdd:
				var n uint64
				n, ok = size(2 << (t - 0xdc))
				need += n
			case t == 0xde, t == 0xdf:
				var n uint64
				n, ok = size(2 << (t - 0xde))
				need += 2 * n
			default:
				return false // 0xc1, never used
			}
			if !ok || skip > uint64(len(b)-pos) {
				return false
			}
			pos += int(skip)
		}
	}
	return true
}
