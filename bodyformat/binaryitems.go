package bodyformat

import (
	"errors"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// What the walkers of CBOR (cbor.go), BSON (bson.go) and MessagePack
// (msgpack.go) share: the items of a body read one after another, the
// hint of an element, an integer read as decimal text.

// byteCursor is a walker's place in the bytes of a binary body.
type byteCursor struct {
	src []byte
	pos int
}

// take returns the next n bytes, or false when there are fewer. A length
// read as a negative int converts to a huge n, so it is refused too.
func (c *byteCursor) take(n uint64) ([]byte, bool) {
	if n > uint64(len(c.src)-c.pos) {
		return nil, false
	}
	b := c.src[c.pos : c.pos+int(n)]
	c.pos += int(n)
	return b, true
}

// position returns where c stands (keyedWalker).
func (c *byteCursor) position() int { return c.pos }

// restReader reads what follows the items of a body that parse
// (itemsThenRest) and returns it masked, nil when nothing changed.
type restReader func(rest []byte) ([]byte, error)

// itemsThenRest reads b's top-level items one after another (item reads
// the one at *pos, writing its masks into out) and returns b masked, nil
// when nothing changed or the mode is Scan. A stream decoder reads the
// first item and never looks past the items it reads, a lenient reader
// reads the bytes: when an item after the first does not parse, b from
// where it starts is read by rest, as the body is read when it does not
// parse at all (charsetText), or when rest is nil (an item nested in a
// byte string) as a binary body whole (binaryWhole, read-only: in Redact
// mode a finding refuses the body); what that item's walk found and
// masked is forgotten. When the first item does not parse, the error is
// errNotFramed: b is no body of the framing.
func (in *inspector) itemsThenRest(b []byte, out *splicer, pos *int, item func() error, rest restReader) ([]byte, error) {
	for *pos < len(b) && !in.failed() {
		at, found, masked := *pos, in.mark(), out.mark()
		err := item()
		if at > 0 && errors.Is(err, errNotFramed) {
			in.rollback(found)
			out.restore(masked)
			var red []byte
			if rest == nil {
				err = in.binaryWhole(b[at:])
			} else {
				red, err = rest(b[at:])
			}
			if err != nil {
				return nil, err
			}
			if red != nil {
				out.replace(at, len(b), red)
			}
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if in.mode != Redact {
		return nil, nil
	}
	return out.result(), nil
}

// keyedWalker is a walker of a binary framing whose containers count
// their elements (MessagePack, CBOR).
type keyedWalker interface {
	// value reads the item at the walker's position.
	value(hint detect.CategorySet, depth int) error
	// position returns the walker's position.
	position() int
	// stringFrom returns the content of the item read last, when it is a
	// string that starts at at (its chunks joined).
	stringFrom(at int) ([]byte, bool)
}

// element reads a container's next element at depth: in a map a key, then
// its value with the key's hint where the key is a string; in an array a
// value with the array's own hint, the key's the array is the value of
// (as JSON's arrays: a name in {"realName":[name]} is read as a name).
func element(w keyedWalker, isMap bool, hint detect.CategorySet, depth int) error {
	if isMap {
		at := w.position()
		if err := w.value(0, depth); err != nil {
			return err
		}
		hint = 0
		if key, ok := w.stringFrom(at); ok {
			hint = keyHint(key)
		}
	}
	return w.value(hint, depth)
}

// findNumber reads an integer, its decimal digits (neg: negated), as the
// decimal text a receiver shows, written into buf, when it has as many
// digits as an identifier under hint may (minNumberFor), and returns that
// text and what it holds (none when it has fewer digits).
func (in *inspector) findNumber(buf []byte, neg bool, digits []byte, hint detect.CategorySet) ([]byte, []detect.Finding) {
	buf = buf[:0]
	if len(digits) < minNumberFor(hint) {
		return buf, nil
	}
	if neg {
		buf = append(buf, '-')
	}
	buf = append(buf, digits...)
	return buf, in.find(buf, hint)
}
