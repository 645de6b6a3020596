package detect

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestHasAddressDashAsContains holds hasAddressDash, which looks for the
// dashes beyond ASCII only where their first byte is, to its definition
// (one of the four dashes of isAddressDash, written as itself) over random
// texts of dashes, their broken forms, other characters with the same
// first bytes and addresses.
func TestHasAddressDashAsContains(t *testing.T) {
	if dashEm[0] != dashEn[0] {
		t.Fatal("— and – no longer share their first byte: hasAddressDash looks for them behind one")
	}
	pieces := []string{"-", "—", "–", "－", "\xe2", "\xe2\x80", "\xef\xbc", "\xef", "（", "）", "，", "…", "•", "号", "3", "幢", "北京市"}
	rng := rand.New(rand.NewPCG(8, 54))
	dashed := 0
	for range 20000 {
		var b []byte
		for n := rng.IntN(8); n > 0; n-- {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		want := bytes.IndexByte(b, '-') >= 0 || bytes.Contains(b, dashEm) || bytes.Contains(b, dashFullWidth) || bytes.Contains(b, dashEn)
		if got := hasAddressDash(b); got != want {
			t.Fatalf("hasAddressDash(% x) = %v, want %v", b, got, want)
		}
		if want {
			dashed++
		}
	}
	if dashed == 0 {
		t.Fatal("no dash drawn: the test proves nothing")
	}
}
