package bodyformat

import (
	"bytes"
	"encoding/ascii85"
	"errors"
	"io"
	"math/bits"
)

// The PDF stream filters besides FlateDecode and ASCIIHexDecode, as
// readers for readDecoded, and the predictors undone in place. Each
// yields what a lenient viewer shows of a broken stream: its data up to
// the fault.

// ascii85Reader decodes ASCII85Decode data: base-85 groups up to "~>",
// white space ignored, z for four zero bytes.
func ascii85Reader(b []byte) io.Reader {
	if end := bytes.Index(b, []byte("~>")); end >= 0 {
		b = b[:end]
	}
	countReadingSteps(len(b))
	return ascii85.NewDecoder(bytes.NewReader(b))
}

// runLengthReader decodes RunLengthDecode data: a length byte n, then
// n+1 bytes copied (n < 128) or one byte repeated 257-n times (n > 128),
// up to the end marker 128.
type runLengthReader struct {
	b      []byte
	copyN  int  // bytes of a literal run left
	repeat int  // times rep is still to be written
	rep    byte // the repeated byte
}

func (r *runLengthReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		switch {
		case r.repeat > 0:
			k := min(r.repeat, len(p)-n)
			for i := range k {
				p[n+i] = r.rep
			}
			n += k
			r.repeat -= k
		case r.copyN > 0:
			k := copy(p[n:], r.b[:min(r.copyN, len(r.b))])
			n += k
			r.b = r.b[k:]
			r.copyN -= k
			if len(r.b) == 0 {
				r.copyN = 0
			}
		case len(r.b) == 0 || r.b[0] == 128:
			r.b = nil
			return n, io.EOF
		case r.b[0] < 128:
			r.copyN = int(r.b[0]) + 1
			r.b = r.b[1:]
		case len(r.b) < 2:
			r.b = nil
		default:
			r.repeat, r.rep = 257-int(r.b[0]), r.b[1]
			r.b = r.b[2:]
		}
	}
	countReadingSteps(n)
	return n, nil
}

// errLZWCode: an LZW code that names no entry of the table yet.
var errLZWCode = errors.New("LZW code out of range")

// The codes of LZWDecode with a special meaning, and its largest table.
const (
	lzwClear   = 256
	lzwEnd     = 257
	lzwMaxCode = 4096
)

// lzwReader decodes LZWDecode data: codes of 9 to 12 bits, most
// significant bit first, a clear code resetting the table, growing a bit
// one code early unless /EarlyChange is 0 (late).
type lzwReader struct {
	b       []byte
	bitBuf  uint32
	nBits   uint
	width   uint
	early   int
	next    int // the code the next entry gets
	prev    int // the last code read, -1 after a clear
	prefix  [lzwMaxCode]uint16
	suffix  [lzwMaxCode]byte
	first   [lzwMaxCode]byte // an entry's first byte
	pending []byte           // decoded, not yet returned
	stack   [lzwMaxCode]byte
	done    bool
}

// newLZWReader returns the decoder of b.
func newLZWReader(b []byte, late bool) *lzwReader {
	r := &lzwReader{b: b, early: 1}
	if late {
		r.early = 0
	}
	for i := range 256 {
		r.suffix[i], r.first[i] = byte(i), byte(i)
	}
	r.reset()
	return r
}

// lzwCost is what an lzwReader holds, as charged.
const lzwCost = 5*lzwMaxCode + 256

func (r *lzwReader) reset() { r.width, r.next, r.prev = 9, lzwEnd+1, -1 }

func (r *lzwReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(r.pending) > 0 {
			k := copy(p[n:], r.pending)
			n += k
			r.pending = r.pending[k:]
			continue
		}
		if r.done {
			return n, io.EOF
		}
		code, ok := r.code()
		if !ok || code == lzwEnd {
			r.done = true
			continue
		}
		if code == lzwClear {
			r.reset()
			continue
		}
		if err := r.entry(code); err != nil {
			r.done = true
			return n, err
		}
	}
	countReadingSteps(n)
	return n, nil
}

// code returns the next code of the data, false at its end.
func (r *lzwReader) code() (int, bool) {
	for r.nBits < r.width {
		if len(r.b) == 0 {
			return 0, false
		}
		r.bitBuf = r.bitBuf<<8 | uint32(r.b[0])
		r.b = r.b[1:]
		r.nBits += 8
	}
	r.nBits -= r.width
	return int(r.bitBuf>>r.nBits) & (1<<r.width - 1), true
}

// entry decodes code into pending and adds the table entry it makes.
func (r *lzwReader) entry(code int) error {
	if code > r.next || code == r.next && r.prev < 0 {
		return errLZWCode
	}
	c := code
	i := len(r.stack)
	if code == r.next { // the entry being made: prev's string and its first byte
		i--
		r.stack[i] = r.first[r.prev]
		c = r.prev
	}
	for c > lzwEnd {
		i--
		r.stack[i] = r.suffix[c]
		c = int(r.prefix[c])
	}
	i--
	r.stack[i] = byte(c)
	r.pending = r.stack[i:]
	if r.prev >= 0 && r.next < lzwMaxCode {
		r.prefix[r.next], r.suffix[r.next], r.first[r.next] = uint16(r.prev), r.stack[i], r.first[r.prev]
		r.next++
		if w := r.next + r.early; w&(w-1) == 0 {
			r.width = min(uint(bits.Len(uint(w))), 12)
		}
	}
	r.prev = code
	return nil
}

// unpredict undoes a stream's predictor p over its decoded data b in
// place, returning the samples: rows of p.rowBytes bytes (a PNG
// predictor's rows each lose their filter-type byte). A row cut short
// ends the data.
func unpredict(b []byte, p pdfParms) []byte {
	row, pixel, _ := p.rowBytes()
	if p.predictor <= 1 || row == 0 {
		return b
	}
	countReadingSteps(len(b))
	if p.predictor == 2 { // TIFF: each byte the difference from the pixel's before it
		b = b[:len(b)/row*row]
		for r := 0; r < len(b); r += row {
			for i := r + pixel; i < r+row; i++ {
				b[i] += b[i-pixel]
			}
		}
		return b
	}
	out := 0
	for in := 0; in+1+row <= len(b); in += 1 + row {
		kind := b[in]
		for k := range row {
			x := b[in+1+k]
			var left, up, upLeft byte
			if k >= pixel {
				left = b[out+k-pixel]
			}
			if out >= row {
				up = b[out-row+k]
				if k >= pixel {
					upLeft = b[out-row+k-pixel]
				}
			}
			switch kind {
			case 1:
				x += left
			case 2:
				x += up
			case 3:
				x += byte((int(left) + int(up)) / 2)
			case 4:
				x += paeth(left, up, upLeft)
			}
			b[out+k] = x
		}
		out += row
	}
	return b[:out]
}

// paeth is the PNG Paeth predictor of a byte from its neighbours.
func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
