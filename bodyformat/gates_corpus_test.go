package bodyformat

import (
	"bufio"
	"math/rand/v2"
	"os"
	"testing"
)

// gateCorpus returns the texts a gate's tests compare gated and ungated
// readings over: the lines of the shared corpora (when there), the
// customer records of the benchmarks' shape, and random strings of
// pieces (gatePieces) that put the bytes a gate looks at side by side.
func gateCorpus(t testing.TB, pieces []string, random int) [][]byte {
	t.Helper()
	var texts [][]byte
	for _, name := range []string{"realtext-dev/clean.txt", "realtext-dev/addresses.jsonl", "realtext-dev/names.jsonl", "peer-vectors/vectors.jsonl"} {
		f, err := os.Open("../../shared/corpora/" + name)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for n := 0; n < 4000 && sc.Scan(); n++ {
			texts = append(texts, append([]byte(nil), sc.Bytes()...))
		}
		f.Close()
	}
	rnd := rand.New(rand.NewPCG(30, 30))
	for range random {
		var b []byte
		for n := rnd.IntN(24); n > 0; n-- {
			b = append(b, pieces[rnd.IntN(len(pieces))]...)
		}
		texts = append(texts, b)
	}
	return texts
}
