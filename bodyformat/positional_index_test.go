package bodyformat

import (
	"bytes"
	"testing"
)

// TestIndexAnyRune: indexAnyRune finds what bytes.IndexAny finds, in
// text with ASCII, Chinese, invalid UTF-8 and U+FFFD.
func TestIndexAnyRune(t *testing.T) {
	for _, chars := range [][]rune{partLeads, chainLeads} {
		for _, text := range []string{
			"", "abc", "前三位138", "多位受访居民", "\xff\xfe位", "\xe4\xbd", "\xe4\xbd位", "\uFFFD出", "尾", "生日 1990", "ab中cd",
			"日本の文字、位置", "\xe5\x87\xba", "出\xe5\x87", "\xe0\x80\x80位", "\xed\xa0\x80出", "位\xe4\xbd\x8d",
			"é位", "😀位", "\xe4\xbd\x8d\x8d",
		} {
			if got, want := indexAnyRune([]byte(text), chars), bytes.IndexAny([]byte(text), string(chars)); got != want {
				t.Errorf("indexAnyRune(%q, %q) = %d, bytes.IndexAny %d", text, chars, got, want)
			}
		}
	}
}
