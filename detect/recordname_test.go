package detect

import (
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestRecordNameNotProducts: a place, a dish, a drink or a brand that
// opens with a surname is no record's name (a common word and more: 王府井,
// 龙井茶; a food's final: 黄焖鸡, 胡辣汤; a brand: 王老吉), while every
// generated name still is one.
func TestRecordNameNotProducts(t *testing.T) {
	for _, w := range []string{"王府井", "钱塘江", "黄焖鸡", "胡辣汤", "龙井茶", "石榴汁", "马蹄糕", "陈皮糖",
		"朱古力", "王老吉", "周黑鸭", "江小白", "金龙鱼", "孙悟空"} {
		if RecordName([]byte(w)) {
			t.Errorf("%s taken for a record's name", w)
		}
	}
	r := rand.New(rand.NewPCG(44, 9))
	for k := 0; k < 2000; k++ {
		if n := synth.CNName(r); !RecordName([]byte(n)) {
			t.Errorf("a generated name refused: %s", n)
		}
	}
}
