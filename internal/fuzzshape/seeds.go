package fuzzshape

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// Seeds returns the pieces a complexity target starts from: the first
// []byte or string value of every file of the fuzz corpora under dirs
// (testdata/fuzz/<Target> directories, in Go's "go test fuzz v1"
// encoding; a directory that does not exist adds nothing), and a piece of
// every synthetic shape (synth.Shapes), of 16, 64 or 512 bytes in turn: a
// few seeds, as each costs an inspection of about 150 KiB.
func Seeds(dirs ...string) ([][]byte, error) {
	var out [][]byte
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*"))
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			if v, ok := firstBytes(b); ok && len(v) > 0 && len(v) <= MaxPiece {
				out = append(out, v)
			}
		}
	}
	r := rand.New(rand.NewPCG(8, 8))
	for i, sh := range synth.Shapes {
		out = append(out, sh.Gen(r, []int{16, 64, 512}[i%3]))
	}
	return out, nil
}

// firstBytes returns the first value of a corpus file when it is a []byte
// or a string: its second line, []byte("…") or "…", Go-quoted.
func firstBytes(file []byte) ([]byte, bool) {
	lines := bytes.Split(file, []byte("\n"))
	if len(lines) < 2 || string(lines[0]) != "go test fuzz v1" {
		return nil, false
	}
	v := lines[1]
	switch {
	case bytes.HasPrefix(v, []byte("[]byte(")) && bytes.HasSuffix(v, []byte(")")):
		v = v[len("[]byte(") : len(v)-1]
	case bytes.HasPrefix(v, []byte("string(")) && bytes.HasSuffix(v, []byte(")")):
		v = v[len("string(") : len(v)-1]
	}
	s, err := strconv.Unquote(string(v))
	if err != nil {
		return nil, false
	}
	return []byte(s), true
}
