package bodyformat

import (
	"bytes"
	"testing"
)

// appendedKeyByMaps is appendedKey without appendedWordLens: the last word
// looked up in both maps whatever its first letter and length.
func appendedKeyByMaps(key []byte) bool {
	if len(key) > 32 {
		return false
	}
	if joinedKey(key) {
		return true
	}
	w := bytes.ToLower(lastWord(key))
	return joinedKeys[string(w)] || appendedWords[string(w)]
}

// TestAppendedKeyAsMaps compares appendedKey, which turns a last word
// away by its first letter and length (appendedWordLens), with the maps'
// look-ups alone, over every word and identifier of the corpora, the
// words of both lists in every case and random keys made of their
// pieces.
func TestAppendedKeyAsMaps(t *testing.T) {
	pieces := []string{"text", "Text", "TEXT", "content", "Content", "delta", "Chunk", "token", "part", "output", "Response", "answer", "message",
		"thinking", "Thinking", "REASONING", "reasoning", "_", "-", "1", "x", "X", "texts", "tex", "reason", "Name", "card", "no", "At", "@", "`", "[", "\x80", "ä"}
	yes, no := 0, 0
	check := func(key []byte) {
		got, want := appendedKey(key), appendedKeyByMaps(key)
		if got != want {
			t.Fatalf("appendedKey(%q) = %v, want %v", key, got, want)
		}
		if got {
			yes++
		} else {
			no++
		}
	}
	for _, text := range gateCorpus(t, pieces, 50000) {
		check(text)
		for _, f := range bytes.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == '"' || r == ':' || r == ',' || r == '{' || r == '}' }) {
			check(f)
		}
	}
	if yes < 1000 || no < 1000 {
		t.Fatalf("%d appended, %d not: the keys do not test both answers", yes, no)
	}
}
