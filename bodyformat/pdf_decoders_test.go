package bodyformat

import (
	"bytes"
	"compress/lzw"
	"encoding/ascii85"
	"errors"
	"io"
	"math/bits"
	"strconv"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// a85Of returns s under ASCII85Decode, with its end marker.
func a85Of(s []byte) []byte {
	out := make([]byte, ascii85.MaxEncodedLen(len(s)))
	return append(out[:ascii85.Encode(out, s)], "~>"...)
}

// runLengthOf returns s under RunLengthDecode: runs of three or more
// equal bytes repeated, the rest in literal runs, and the end marker.
func runLengthOf(s []byte) []byte {
	var out, lit []byte
	flush := func() {
		for len(lit) > 0 {
			k := min(len(lit), 128)
			out = append(append(out, byte(k-1)), lit[:k]...)
			lit = lit[k:]
		}
	}
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] == s[i] && j-i < 128 {
			j++
		}
		if j-i >= 3 {
			flush()
			out = append(out, byte(257-(j-i)), s[i])
		} else {
			lit = append(lit, s[i:j]...)
		}
		i = j
	}
	flush()
	return append(out, 128)
}

// lzwOf returns s under LZWDecode with the given EarlyChange: codes as
// wide as the decoder expects them, a clear code before the table fills.
func lzwOf(s []byte, early int) []byte {
	var out []byte
	var acc uint64
	var n uint
	width := uint(9)
	put := func(code int) {
		acc = acc<<width | uint64(code)
		for n += width; n >= 8; n -= 8 {
			out = append(out, byte(acc>>(n-8)))
		}
	}
	table := map[string]int{}
	next, decNext, first := lzwEnd+1, lzwEnd+1, true
	emit := func(code int) {
		put(code)
		if !first { // the decoder adds an entry on every code but a clear's first
			decNext++
			if w := decNext + early; w&(w-1) == 0 {
				width = min(uint(bits.Len(uint(w))), 12)
			}
		}
		first = false
	}
	var cur []byte
	for _, c := range s {
		if _, ok := table[string(append(cur, c))]; ok {
			cur = append(cur, c)
			continue
		}
		if len(cur) == 0 {
			cur = []byte{c}
			continue
		}
		emit(code(table, cur))
		table[string(append(cur, c))] = next
		next++
		cur = []byte{c}
		if next >= lzwMaxCode-2 {
			emit(code(table, cur))
			put(lzwClear)
			clear(table)
			next, decNext, first, width, cur = lzwEnd+1, lzwEnd+1, true, 9, nil
		}
	}
	if len(cur) > 0 {
		emit(code(table, cur))
	}
	put(lzwEnd)
	if n > 0 {
		out = append(out, byte(acc<<(8-n)))
	}
	return out
}

// code returns the LZW code of a string: its table entry, or its byte.
func code(table map[string]int, s []byte) int {
	if len(s) == 1 {
		return int(s[0])
	}
	return table[string(s)]
}

// pngPredicted returns s as rows of row bytes under PNG predictors, the
// rows' filter types cycling through None, Sub, Up, Average and Paeth,
// for pixels of pixel bytes.
func pngPredicted(s []byte, row, pixel int) []byte {
	for len(s)%row != 0 {
		s = append(s, ' ')
	}
	var out []byte
	for r := 0; r*row < len(s); r++ {
		kind := r % 5
		out = append(out, byte(kind))
		for k := range row {
			var left, up, upLeft byte
			if k >= pixel {
				left = s[r*row+k-pixel]
			}
			if r > 0 {
				up = s[(r-1)*row+k]
				if k >= pixel {
					upLeft = s[(r-1)*row+k-pixel]
				}
			}
			x := s[r*row+k]
			switch kind {
			case 1:
				x -= left
			case 2:
				x -= up
			case 3:
				x -= byte((int(left) + int(up)) / 2)
			case 4:
				x -= paeth(left, up, upLeft)
			}
			out = append(out, x)
		}
	}
	return out
}

// tiffPredicted returns s as rows of row bytes under TIFF predictor 2
// for pixels of pixel 8-bit samples.
func tiffPredicted(s []byte, row, pixel int) []byte {
	for len(s)%row != 0 {
		s = append(s, ' ')
	}
	out := bytes.Clone(s)
	for r := 0; r < len(s); r += row {
		for i := r + pixel; i < r+row; i++ {
			out[i] = s[i] - s[i-pixel]
		}
	}
	return out
}

// TestLZWReaderReadsGoLZW: with /EarlyChange 0 the decoder reads what Go's
// compress/lzw writes (MSB first, 8-bit literals), through clear codes.
func TestLZWReaderReadsGoLZW(t *testing.T) {
	r := rng(t.Name())
	for _, n := range []int{0, 1, 300, 5000, 100000} {
		src := make([]byte, n)
		for i := range src {
			src[i] = "0123456789 abc"[r.IntN(14)]
		}
		var z bytes.Buffer
		w := lzw.NewWriter(&z, lzw.MSB, 8)
		w.Write(src)
		w.Close()
		got, err := io.ReadAll(newLZWReader(z.Bytes(), 0))
		if err != nil || !bytes.Equal(got, src) {
			t.Errorf("%d bytes: got %d bytes, err %v", n, len(got), err)
		}
		if got, err := io.ReadAll(newLZWReader(lzwOf(src, 1), 1)); err != nil || !bytes.Equal(got, src) {
			t.Errorf("%d bytes, EarlyChange 1: got %d bytes, err %v", n, len(got), err)
		}
	}
}

// TestLZWReaderBadCodes: garbage never panics, whatever the
// EarlyChange.
func TestLZWReaderBadCodes(t *testing.T) {
	r := rng(t.Name())
	for range 2000 {
		b := make([]byte, r.IntN(64))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		io.ReadAll(newLZWReader(b, int64(r.IntN(8))-3))
		io.ReadAll(&runLengthReader{b: b})
		io.ReadAll(newASCII85Reader(b))
		unpredict(b, pdfParms{predictor: 10 + int64(r.IntN(6)), columns: int64(r.IntN(5)), colors: int64(r.IntN(4)), bits: int64(r.IntN(17))})
		unpredict(b, pdfParms{predictor: 2, columns: int64(r.IntN(5)), colors: int64(r.IntN(4)), bits: []int64{1, 2, 3, 4, 5, 7, 8, 16}[r.IntN(8)]})
	}
}

// hexOfBytes returns b under ASCIIHexDecode.
func hexOfBytes(b []byte) []byte {
	const digits = "0123456789ABCDEF"
	out := make([]byte, 0, 2*len(b)+1)
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return append(out, '>')
}

// TestPDFRunLengthBombRefused: a RunLengthDecode stream that expands
// beyond the decoded-size bound is refused (ErrTooLarge), not read.
func TestPDFRunLengthBombRefused(t *testing.T) {
	eng := testEngine(t)
	data := bytes.Repeat([]byte{129, '1'}, 1<<16) // 8 MiB of '1' from 128 KiB
	pdf := pdfStreamFile("<< /Length "+strconv.Itoa(len(data))+" /Filter /RL >>", string(data))
	if _, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{MaxRatio: 10}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("err %v, want ErrTooLarge", err)
	}
}

// FuzzPDFStream reads any bytes as the data of a stream under each filter
// chain the reading decodes: no panic, nothing but a refusal or a size
// or memory limit as an error, and an unchanged body is the input itself.
func FuzzPDFStream(f *testing.F) {
	id := synth.CNID18(rng("fuzz pdf stream"))
	text := []byte("BT (ID " + id + ") Tj ET")
	f.Add(a85Of(text), uint8(0))
	f.Add(runLengthOf(text), uint8(1))
	f.Add(lzwOf(text, 1), uint8(2))
	f.Add(lzwOf(text, 0), uint8(3))
	f.Add(zlibOf(string(pngPredicted(text, 7, 1))), uint8(4))
	f.Add(zlibOf(string(tiffPredicted(text, 6, 3))), uint8(5))
	f.Add([]byte{0x80, 0x7f, 0xff, 0x81, 0}, uint8(2))
	f.Add(a85Of(lzwOf(text, 2)), uint8(7))
	f.Add(zlibOf(string(zlibOf(string(text)))), uint8(8))
	f.Add(hexOfBytes(runLengthOf(text)), uint8(9))
	f.Add(text, uint8(10))
	f.Add([]byte(lzwLiteral(text, 600, text)), uint8(11))
	dicts := []string{
		"/Filter /A85",
		"/Filter /RL",
		"/Filter /LZW",
		"/Filter /LZW /DecodeParms << /EarlyChange 0 >>",
		"/Filter /Fl /DecodeParms << /Predictor 12 /Columns 7 >>",
		"/Filter /Fl /DecodeParms << /Predictor 2 /Colors 3 /Columns 2 >>",
		"/Filter [/A85 /RL /LZW] /DecodeParms << /Predictor 15 /Colors 2 /BitsPerComponent 16 /Columns 3 >>",
		"/Filter [/A85 /LZW] /DecodeParms [null << /Predictor 11 /Colors 3 /BPC 3 /Columns 5 /EarlyChange 2 >>]",
		"/Filter [/Fl /Bogus /Fl] /DP [<< /Predictor 2 /Colors 3 /BPC 2 /Columns 3 >> null << /Predictor 2 /BPC 16 /Columns 9 >>]",
		"/Filter [/AHx /RL] /Subtype /Image",
		"/Subtype /Image",
		"/Filter /LZW /DecodeParms << /EarlyChange -3 >>",
	}
	eng := testEngine(f)
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		pdf := pdfStreamFile("<< /Length "+strconv.Itoa(len(data))+" "+dicts[int(which)%len(dicts)]+" >>", string(data))
		res, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{})
		if err != nil && !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrTooLarge) {
			t.Fatalf("Inspect: %v", err)
		}
		if err == nil && !res.Changed && !sameSlice(res.Body, pdf) {
			t.Fatalf("unchanged body is not the input")
		}
	})
}
