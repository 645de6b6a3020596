package detect

import (
	"bytes"
	"testing"
)

// TestIndexNameDotAsIndexAny holds indexNameDot to bytes.IndexAny over
// the dots, on every text of up to five bytes drawn from the dots' own
// bytes, a Han character's, a four-byte character's and ASCII: partial
// and invalid forms, dots inside other characters' bytes, and the
// full-width full stop with fullStop off.
func TestIndexNameDotAsIndexAny(t *testing.T) {
	alphabet := []byte{0xC2, 0xB7, 0xE2, 0x80, 0xA2, 0xE3, 0x83, 0xBB, 0xEF, 0xBC, 0x8E, 0xE4, 0xB8, 0xAD, 0xF0, 0x9F, 'a'}
	text := make([]byte, 0, 5)
	checked := 0
	var walk func()
	walk = func() {
		for _, fullStop := range []bool{true, false} {
			dots := "·•・"
			if fullStop {
				dots += "．"
			}
			if got, want := indexNameDot(text, fullStop), bytes.IndexAny(text, dots); got != want {
				t.Fatalf("indexNameDot(% x, %v) = %d, bytes.IndexAny %d", text, fullStop, got, want)
			}
			checked++
		}
		if len(text) == cap(text) {
			return
		}
		for _, b := range alphabet {
			text = append(text, b)
			walk()
			text = text[:len(text)-1]
		}
	}
	walk()
	for _, s := range []string{"安德烈·马尔科", "迈克尔•翁达杰", "山田・太郎", "张．三", "abc", ""} {
		for _, fullStop := range []bool{true, false} {
			dots := "·•・"
			if fullStop {
				dots += "．"
			}
			if got, want := indexNameDot([]byte(s), fullStop), bytes.IndexAny([]byte(s), dots); got != want {
				t.Errorf("indexNameDot(%q, %v) = %d, want %d", s, fullStop, got, want)
			}
		}
	}
	if checked < 1<<20 {
		t.Fatalf("only %d cases checked", checked)
	}
}
