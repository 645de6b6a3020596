package bodyformat

import (
	"bytes"
	"testing"
)

// TestNamesPartAsThreeSearches: namesPart answers as the three searches
// it replaces (位, 出生, 生日) over the corpora and random strings of the
// characters those are made of and their bytes cut apart.
func TestNamesPartAsThreeSearches(t *testing.T) {
	pieces := []string{"位", "出", "生", "日", "出生", "生日", "前三", "1", "a", "\xe7\x94", "\x9f", "\xe4\xbd", "\x8d", "\xe5\x87\xba"}
	yes, no := 0, 0
	for _, text := range gateCorpus(t, pieces, 50000) {
		want := bytes.Contains(text, []byte("位")) || bytes.Contains(text, []byte("出生")) || bytes.Contains(text, []byte("生日"))
		if got := namesPart(text); got != want {
			t.Fatalf("namesPart(%q) = %v, want %v", text, got, want)
		}
		if want {
			yes++
		} else {
			no++
		}
	}
	if yes < 1000 || no < 1000 {
		t.Fatalf("%d name a part, %d do not: the strings do not test both answers", yes, no)
	}
}
