package bodyformat

// (attack24) the predictors and decoders over odd parameters and rows cut
// short must not panic, and must not write past what they return.

import (
	"io"
	"math/rand/v2"
	"testing"
)

func TestPDFViewerPredictorGrid(t *testing.T) {
	r := rand.New(rand.NewPCG(24, 24))
	for _, pred := range []int64{2, 10, 11, 12, 13, 14, 15} {
		for _, colors := range []int64{0, 1, 2, 3, 5, 7, 255, 256, 257} {
			for _, bits := range []int64{0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 32} {
				for _, columns := range []int64{0, 1, 2, 3, 7, 9, 1000} {
					p := pdfParms{predictor: pred, colors: colors, bits: bits, columns: columns, early: 1}
					if _, _, ok := p.rowBytes(); !ok {
						continue
					}
					for _, n := range []int{0, 1, 2, 3, 4, 5, 7, 9, 17, 33, 65, 301} {
						b := make([]byte, n)
						for i := range b {
							b[i] = byte(r.IntN(256))
						}
						func() {
							defer func() {
								if e := recover(); e != nil {
									t.Errorf("PANIC unpredict %+v len %d: %v", p, n, e)
								}
							}()
							out := unpredict(b, p)
							if len(out) > n {
								t.Errorf("unpredict %+v len %d: %d out", p, n, len(out))
							}
						}()
					}
				}
			}
		}
	}
}

func TestPDFViewerDecodersRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(24, 25))
	for it := 0; it < 3000; it++ {
		b := make([]byte, r.IntN(400))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		for _, early := range []int64{-250, -1, 0, 1, 2, 7, 1 << 20} {
			func() {
				defer func() {
					if e := recover(); e != nil {
						t.Fatalf("PANIC lzw early %d %x: %v", early, b, e)
					}
				}()
				lr := io.LimitReader(newLZWReader(b, early), 1<<20)
				io.ReadAll(lr)
			}()
		}
		func() {
			defer func() {
				if e := recover(); e != nil {
					t.Fatalf("PANIC a85/rl %x: %v", b, e)
				}
			}()
			io.ReadAll(io.LimitReader(newASCII85Reader(b), 1<<20))
			io.ReadAll(io.LimitReader(&runLengthReader{b: b}, 1<<20))
		}()
	}
}
