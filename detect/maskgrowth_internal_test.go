package detect

import (
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestMaskGrowth checks the bounds the mask buffers are sized by: no
// partial mask is longer than what it replaces by more than its
// category's maskGrowth, nor than its maxMask, on every synthetic shape and on short values of
// every category (a one-letter local part, the shortest card).
func TestMaskGrowth(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	texts := [][]byte{[]byte("邮箱 a@qq.com b@x.cn")}
	r := rand.New(rand.NewPCG(1, 2))
	for _, sh := range synth.Shapes {
		texts = append(texts, sh.Gen(r, 16<<10))
	}
	cards := 0
	for _, text := range texts {
		for _, f := range e.Find(text) {
			c := f.Category.index()
			if c < 0 {
				t.Fatalf("unknown category %q", f.Category)
			}
			if f.Category == BankCard {
				cards++
			}
			if grow := len(f.Masked) - (f.End - f.Start); grow > registry[c].maskGrowth {
				t.Errorf("%s: mask %d bytes longer than its %d-byte span, maskGrowth %d", f.Category, grow, f.End-f.Start, registry[c].maskGrowth)
			}
			if m := registry[c].maxMask; m > 0 && len(f.Masked) > m {
				t.Errorf("%s: mask %q longer than maxMask %d", f.Category, f.Masked, m)
			}
		}
	}
	if cards == 0 {
		t.Fatal("no card in the shapes: the card's growth is untested")
	}
}
