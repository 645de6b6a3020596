package fuzzshape

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestSeedsReadCorpusFiles checks that a corpus file's first []byte or
// string value is read back as written, that a file of another first type
// or of no fuzz encoding is passed over, and that every shape adds pieces.
func TestSeedsReadCorpusFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a": "go test fuzz v1\n[]byte(\"1 1 1\\x00\\xff\")\nbyte('\\x01')\n",
		"b": "go test fuzz v1\nstring(\"姓名：\")\n",
		"c": "go test fuzz v1\nuint16(3)\n",
		"d": "not a corpus file\n[]byte(\"x\")\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	seeds, err := Seeds(dir, filepath.Join(dir, "missing"))
	if err != nil {
		t.Fatal(err)
	}
	if len(seeds) < 2 || !bytes.Equal(seeds[0], []byte("1 1 1\x00\xff")) || string(seeds[1]) != "姓名：" {
		t.Fatalf("corpus seeds = %q", seeds[:min(len(seeds), 3)])
	}
	for _, s := range seeds[2:] {
		if string(s) == "x" {
			t.Fatal("a file without the fuzz header was read")
		}
	}
	if len(seeds) < 2+10 {
		t.Fatalf("%d seeds: the shapes' pieces are missing", len(seeds))
	}
}

// TestTileIsEightTimes checks that the large input is the small one eight
// times over, that the small one reaches n, and that Units adds a record.
func TestTileIsEightTimes(t *testing.T) {
	for _, unit := range [][]byte{[]byte("1 "), []byte("abc"), bytes.Repeat([]byte("x"), 5000)} {
		small, large := Tile(unit, 4096)
		if len(small) < min(4096, len(unit)) || len(small)%len(unit) != 0 || !bytes.Equal(large, bytes.Repeat(small, 8)) {
			t.Fatalf("unit of %d bytes: small %d, large %d", len(unit), len(small), len(large))
		}
		if len(small)-len(unit) >= 4096 {
			t.Fatalf("unit of %d bytes: small %d, more copies than n needs", len(unit), len(small))
		}
	}
	if s, l := Tile(nil, 10); s != nil || l != nil {
		t.Fatal("an empty unit gives input")
	}
	u := Units([]byte("p"))
	if len(u) != 2 || string(u[0]) != "p" || !bytes.Equal(u[1][1:], Record()) || !bytes.Equal(Record(), Record()) {
		t.Fatalf("units = %q", u)
	}
}
