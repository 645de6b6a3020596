package bodyformat

import "testing"

// benchFind runs inspector.find over b, read whole as one piece of text.
func benchFind(b *testing.B, body []byte) {
	eng := testEngine(b)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		lim := Limits{}.withDefaults()
		in := &inspector{eng: eng, mode: Redact, lim: lim, meter: newMeter(lim)}
		in.find(body, 0)
	}
}

func BenchmarkSparseBinaryFind512K(b *testing.B) { benchFind(b, sparseBinary(512<<10, 4096)) }
func BenchmarkSparseBinaryFind4M(b *testing.B)   { benchFind(b, sparseBinary(4<<20, 4096)) }

// sparseBinary is n bytes of NUL with one pseudo-random byte every gap:
// what a compressed PDF stream or a body of sparse binary decodes to.
func sparseBinary(n, gap int) []byte {
	b := make([]byte, n)
	x := uint32(1)
	for i := 0; i < n; i += gap {
		x = x*1664525 + 1013904223
		b[i] = byte(x >> 24)
	}
	return b
}

// randomPDF is a PDF whose one content stream holds n pseudo-random bytes.
func randomPDF(n int) []byte {
	b := []byte("%PDF-1.4\n1 0 obj << >> stream\n")
	x := uint32(7)
	for range n {
		x = x*1664525 + 1013904223
		b = append(b, byte(x>>24))
	}
	return append(b, "\nendstream endobj"...)
}

func benchPDF(b *testing.B, body []byte) {
	eng := testEngine(b)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		lim := Limits{}.withDefaults()
		in := &inspector{eng: eng, mode: Redact, lim: lim, meter: newMeter(lim)}
		in.pdf(body, 0, 0)
	}
}

func BenchmarkRandomPDF64K(b *testing.B)  { benchPDF(b, randomPDF(64<<10)) }
func BenchmarkRandomPDF512K(b *testing.B) { benchPDF(b, randomPDF(512<<10)) }
