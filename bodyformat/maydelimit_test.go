package bodyformat

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// mayDelimitByBytes is mayDelimit as it was before its byte classes
// (mayDelimitClass): each ASCII byte tested in turn.
func mayDelimitByBytes(text []byte) bool {
	delimited, digits := false, 0
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == 0:
			delimited, digits = false, 0
			i = pastNULs(text, i+1)
			continue
		case c == '&':
			size, ok := digitAt(text, i)
			if ok {
				digits++
			} else {
				size = 1
			}
			i += size
		case c < utf8.RuneSelf:
			if isASCIIDigit(c) {
				digits++
			} else if delimiterByte[c] || c == '.' && i+1 < len(text) && text[i+1] == ' ' {
				delimited = true
			}
			i++
		default:
			if r, ok := threeByteRune(text[i:]); ok {
				delimited = delimited || delimiter(r)
				if digitRunes3[r>>6]&(1<<(r&63)) != 0 {
					digits++
				}
				i += 3
				break
			}
			r, size := utf8.DecodeRune(text[i:])
			if size == 1 || delimiter(r) {
				delimited = true
			}
			if _, ok := digitAt(text, i); ok {
				digits++
			}
			i += size
		}
		if delimited && digits >= minDelimitedDigits {
			return true
		}
	}
	return false
}

// TestMayDelimitClasses: mayDelimit, which sorts ASCII bytes by a table,
// answers as the byte-by-byte tests did, on random texts of digits in
// every spelling, delimiters, NUL bytes, references and gaps, and on the
// lines of the corpora; and both answers occur.
func TestMayDelimitClasses(t *testing.T) {
	r := rng(t.Name())
	atoms := []string{"1", "38", "1234", "5678", "１８７", "一八七", "&#49;", "&#x31;", "&amp;", "&", "|", "｜", "，", "、", ":", "\n", "\t",
		" ", "-", ".", ". ", ".x", "\x00", "\x00\x00\x00\x00\x00\x00\x00\x00\x00", "手机", "tel:", "X", "a", "\xff", "\xe4\xb8", "#", "~", "_", "号"}
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
