package bodyformat

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// mayDelimitByBytes is mayDelimit without its byte classes
// (mayDelimitClass) and the three-byte fast path: each character read in
// turn, as a digit (digitAt) or a gap's (gapUnit), anything else ending
// the stretch counted.
func mayDelimitByBytes(text []byte) bool {
	delimited, digits, gaps := false, 0, 0
	for i := 0; i < len(text); {
		if text[i] == 0 {
			delimited, digits, gaps = false, 0, 0
			i = pastNULs(text, i+1)
			continue
		}
		if size, ok := digitAt(text, i); ok {
			digits, gaps = digits+1, 0
			i += size
		} else {
			_, size, ok, delim := gapUnit(text, i)
			i += size
			if gaps++; !ok || gaps > maxDelimitedGap {
				delimited, digits, gaps = false, 0, 0
				continue
			}
			delimited = delimited || delim && digits > 0
		}
		if delimited && digits >= minDelimitedDigits {
			return true
		}
	}
	return false
}

// TestMayDelimitClasses: mayDelimit, which sorts ASCII bytes by a table,
// answers as the byte-by-byte tests did, on random texts of digits in
// every spelling, delimiters, NUL bytes, references, gaps and words, and on the
// lines of the corpora; and both answers occur.
func TestMayDelimitClasses(t *testing.T) {
	r := rng(t.Name())
	atoms := []string{"1", "38", "1234", "5678", "１８７", "一八七", "&#49;", "&#x31;", "&amp;", "&", "|", "｜", "，", "、", ":", "\n", "\t",
		" ", "-", ".", ". ", ".x", "\x00", "\x00\x00\x00\x00\x00\x00\x00\x00\x00", "手机", "tel:", "X", "a", "\xff", "\xe4\xb8", "#", "~", "_", "号",
		"丨", "/", "\u3000", "\u00ad", "é", "         ", "\"", "Ｘ",
		"word", "Zq", "abc,", "id:", "x9y", "市场监管", "丨号"} // (runs of letters, of ideographs: mayDelimit skips them in one turn)
	var texts [][]byte
	for range 30000 {
		var b strings.Builder
		for range 1 + r.IntN(30) {
			b.WriteString(atoms[r.IntN(len(atoms))])
		}
		texts = append(texts, []byte(b.String()))
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpora", "*", "*"))
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, bytes.Split(data, []byte("\n"))...)
	}
	yes, no := 0, 0
	for _, text := range texts {
		got, want := mayDelimit(text), mayDelimitByBytes(text)
		if got != want {
			t.Fatalf("mayDelimit(%q) = %v, byte by byte %v", text, got, want)
		}
		if got {
			yes++
		} else {
			no++
		}
	}
	if yes < 1000 || no < 1000 {
		t.Errorf("%d texts may delimit, %d may not: both answers must be compared often", yes, no)
	}
}
