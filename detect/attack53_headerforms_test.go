package detect_test

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestAttack53HeaderInvisibles (attack53b F5): tableSweep passes a byte
// order mark only as the text's first three bytes, and headerLabel reads
// a cell's label from its bytes as they stand: a second BOM (a file saved
// twice through a BOM-adding editor), a space before the BOM, a BOM
// before a second export appended to the first, or an invisible
// character inside the label (联\u200b系人, 联\u00ad系人) hides the header,
// and every nickname of the column goes out raw, in main and merge53
// alike. Invisible characters are what the engine reads through
// elsewhere (mobiles, IDs); a sender adds one to unmask a whole column.
func TestAttack53HeaderInvisibles(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	r := rand.New(rand.NewPCG(53, 5))
	const rows = 10
	for _, shape := range []struct{ name, before, head string }{
		{"two BOMs", "\ufeff\ufeff", "联系人,状态,手机"},
		{"space, BOM", " \ufeff", "联系人,状态,手机"},
		{"BOM of an appended export", "订单,金额\n10001,30\n\ufeff", "联系人,状态,手机"},
		{"ZWSP in the label", "", "联\u200b系人,状态,手机"},
		{"soft hyphen in the label", "", "联\u00ad系人,状态,手机"},
		{"word joiner after the label", "", "联系人\u2060,状态,手机"},
	} {
		text := shape.before + attack53Export(r, shape.head, "\n", rows, nil)
		out, fs := fix49Redact(t, e, text)
		attack53AllNamesMasked(t, shape.name+" "+strconv.Quote(shape.before+shape.head), text, out, fs, rows)
	}
}

// TestAttack53SpacedHeaderLabel (attack53b F6): Chinese forms align a
// two-character label with four-character ones by spaces inside it (姓　名,
// 姓  名, 联 系 人). headerLabel reads no such cell as a label, nor does the
// label reader in prose (姓　名：小叶子呀), so the nicknames of an export
// headed 姓　名 go out raw, in main and merge53 alike.
func TestAttack53SpacedHeaderLabel(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	r := rand.New(rand.NewPCG(53, 6))
	const rows = 10
	for _, head := range []string{"姓\u3000名,状态,手机", "姓  名,状态,手机", "联 系 人,状态,手机"} {
		text := attack53Export(r, head, "\n", rows, nil)
		out, fs := fix49Redact(t, e, text)
		attack53AllNamesMasked(t, strconv.Quote(head), text, out, fs, rows)
	}
	for _, label := range []string{"姓\u3000名：", "姓\u3000\u3000名：", "联 系 人："} {
		text := "订单已发货。" + label + "小叶子呀，状态：已签收"
		out, fs := fix49Redact(t, e, text)
		if countCategory(fs, detect.CNName) != 1 || out == text {
			t.Errorf("%q -> %q: the name after a spaced label goes out raw", text, out)
		}
	}
}
