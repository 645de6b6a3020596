package bodyformat

import (
	"io"
	"math/bits"
)

// The PDF stream filters besides FlateDecode and ASCIIHexDecode, as
// readers for readDecoded, and the predictors undone in place. Each
// yields what a lenient viewer shows of a broken stream: its data up to
// the fault.

// ascii85Reader decodes ASCII85Decode data as pdf.js does: white space
// (space, tab, CR, LF) skipped, z at the start of a group for four zero
// bytes, any other byte a digit worth its code less 33 (the value taken
// modulo 2^32), up to '~' or the end, a last partial group of n digits
// giving n-1 bytes.
type ascii85Reader struct {
	b       []byte
	out     [4]byte
	pending []byte
	done    bool
}

// newASCII85Reader returns the decoder of b.
func newASCII85Reader(b []byte) *ascii85Reader { return &ascii85Reader{b: b} }

// a85Space reports the bytes pdf.js skips in ASCII85 data.
func a85Space(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func (r *ascii85Reader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(r.pending) > 0 {
			k := copy(p[n:], r.pending)
			n += k
			r.pending = r.pending[k:]
			continue
		}
		if r.done {
			break
		}
		r.group()
	}
	countReadingSteps(n)
	if n == 0 && r.done {
		return 0, io.EOF
	}
	return n, nil
}

// group decodes the next group into pending (or ends the data).
func (r *ascii85Reader) group() {
	i := 0
	for i < len(r.b) && a85Space(r.b[i]) {
		i++
	}
	countReadingSteps(i + 1)
	if i == len(r.b) || r.b[i] == '~' {
		r.b, r.done = nil, true
		return
	}
	if r.b[i] == 'z' {
		r.b = r.b[i+1:]
		r.out = [4]byte{}
		r.pending = r.out[:]
		return
	}
	var t int64
	digits := 0
	for ; digits < 5; i++ {
		for i < len(r.b) && a85Space(r.b[i]) {
			i++
			countReadingSteps(1)
		}
		if i == len(r.b) || r.b[i] == '~' {
			r.done = true
			break
		}
		t = t*85 + int64(r.b[i]) - 33
		digits++
	}
	if r.done {
		r.b = nil
	} else {
		r.b = r.b[i:]
	}
	for k := digits; k < 5; k++ {
		t = t*85 + 84 // padded with u
	}
	v := uint32(t)
	r.out = [4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}
	r.pending = r.out[:max(digits-1, 0)]
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
			countReadingSteps(n)
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

// The codes of LZWDecode with a special meaning, and its largest table.
const (
	lzwClear   = 256
	lzwEnd     = 257
	lzwMaxCode = 4096
)

// lzwReader decodes LZWDecode data as pdf.js does: codes of 9 to 12
// bits, most significant bit first, a clear code resetting the table,
// the code width growing when the next code plus /EarlyChange is a power
// of two; a code above the table's next one repeats the last string with
// its first byte (as for the next code itself), and a string longer than
// the table's largest gives zero bytes past it.
type lzwReader struct {
	b       []byte
	bitBuf  uint32
	nBits   uint
	width   uint
	early   int64
	next    int64 // the code the next entry gets (it counts on past the table)
	prev    int
	values  [lzwMaxCode]byte
	lengths [lzwMaxCode]uint16
	prevs   [lzwMaxCode]uint16
	seq     [lzwMaxCode]byte // the string of the last code
	seqLen  int
	emitted int // of seqLen, the bytes returned
	done    bool
}

// newLZWReader returns the decoder of b with /EarlyChange early.
func newLZWReader(b []byte, early int64) *lzwReader {
	r := &lzwReader{b: b, early: early, width: 9, next: lzwEnd + 1}
	for i := range 256 {
		r.values[i], r.lengths[i] = byte(i), 1
	}
	return r
}

// lzwCost is what an lzwReader holds, as charged.
const lzwCost = 6*lzwMaxCode + 256

func (r *lzwReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if r.emitted < r.seqLen {
			k := 0
			if r.emitted < lzwMaxCode {
				k = copy(p[n:], r.seq[r.emitted:min(r.seqLen, lzwMaxCode)])
			} else {
				k = min(len(p)-n, r.seqLen-r.emitted)
				clear(p[n : n+k]) // past the table's longest string
			}
			n += k
			r.emitted += k
			continue
		}
		if r.done {
			break
		}
		code, ok := r.code()
		if !ok || code == lzwEnd {
			r.done = true
			continue
		}
		if code == lzwClear {
			r.width, r.next, r.seqLen, r.emitted = 9, lzwEnd+1, 0, 0
			continue
		}
		r.entry(code)
	}
	countReadingSteps(n)
	if n == 0 && r.done {
		return 0, io.EOF
	}
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

// entry decodes code into seq and adds the table entry it makes.
func (r *lzwReader) entry(code int) {
	hasPrev := r.seqLen > 0
	switch {
	case code < 256:
		r.seq[0], r.seqLen = byte(code), 1
	case int64(code) < r.next:
		r.seqLen = int(r.lengths[code])
		countReadingSteps(r.seqLen)
		q := code
		for j := r.seqLen - 1; j >= 0; j-- {
			if j < lzwMaxCode {
				r.seq[j] = r.values[q]
			}
			q = int(r.prevs[q])
		}
	default: // the entry being made, or above it
		if r.seqLen < lzwMaxCode {
			r.seq[r.seqLen] = r.seq[0]
		}
		r.seqLen++
	}
	r.emitted = 0
	if hasPrev {
		if r.next < lzwMaxCode {
			r.prevs[r.next], r.lengths[r.next], r.values[r.next] = uint16(r.prev), r.lengths[r.prev]+1, r.seq[0]
		}
		r.next++
		if w := r.next + r.early; w > 0 && w&(w-1) == 0 {
			r.width = min(uint(bits.Len64(uint64(w))), 12)
		}
	}
	r.prev = code
}

// unpredict undoes a compression filter's predictor p over its decoded
// data b in place, as pdf.js does, returning the samples: rows of
// p.rowBytes bytes (a PNG predictor's rows each lose their filter-type
// byte; an unknown type leaves the row as it is). A last row cut short
// is undone as far as it goes.
func unpredict(b []byte, p pdfParms) []byte {
	row64, pixel64, ok := p.rowBytes()
	if p.predictor <= 1 || !ok || row64 == 0 {
		return b
	}
	row, pixel := int(row64), int(pixel64)
	countReadingSteps(len(b))
	if p.predictor == 2 {
		bits := int(p.bits)
		if bits == 0 {
			bits = 8
		}
		for r := 0; r < len(b); r += row {
			end := min(r+row, len(b))
			switch bits {
			case 8: // each byte the difference from the pixel's before it
				for i := r + pixel; i < end; i++ {
					b[i] += b[i-pixel]
				}
			case 16:
				for i := r + pixel; i+1 < end; i += 2 {
					v := (uint16(b[i])<<8 | uint16(b[i+1])) + (uint16(b[i-pixel])<<8 | uint16(b[i-pixel+1]))
					b[i], b[i+1] = byte(v>>8), byte(v)
				}
			default:
				tiffSubByte(b[r:end], p, bits)
			}
		}
		return b
	}
	out := 0
	for in := 0; in+1 < len(b); in += 1 + row {
		kind := b[in]
		n := min(row, len(b)-in-1)
		for k := range n {
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
		out += n
	}
	return b[:out]
}

// tiffSubByte undoes TIFF predictor 2 in place over one row w of samples
// of fewer than 8 bits, as pdf.js does: each sample the sum, modulo its
// range, of its difference and the same colour's sample before it; the
// last byte's bits past the samples kept.
func tiffSubByte(w []byte, p pdfParms, bits int) {
	colors, columns := max(int(p.colors), 1), max(int(p.columns), 1)
	var comp [1 << 8]byte
	if colors > len(comp) {
		return // not decoded (rowBytes refuses such rows)
	}
	mask := uint32(1)<<bits - 1
	var inbuf, outbuf uint32
	var inbits, outbits, j, k int
	for i := 0; i < columns; i++ {
		for c := 0; c < colors; c++ {
			if inbits < bits {
				if j == len(w) {
					return // a row cut short
				}
				inbuf = (inbuf<<8 | uint32(w[j])) & 0xffff
				j++
				inbits += 8
			}
			comp[c] = byte((uint32(comp[c]) + inbuf>>(inbits-bits)) & mask)
			inbits -= bits
			outbuf = (outbuf<<bits | uint32(comp[c])) & 0xffff
			outbits += bits
			if outbits >= 8 {
				w[k] = byte(outbuf >> (outbits - 8))
				k++
				outbits -= 8
			}
		}
	}
	if outbits > 0 && k < len(w) {
		w[k] = byte(outbuf<<(8-outbits)) + byte(inbuf&(1<<(8-outbits)-1))
	}
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
