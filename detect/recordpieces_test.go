package detect_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// recordPieces are what real records are made of (labels, names, genders
// and ages, address parts and markers, brackets, separators, masks) and a
// few pieces that glue them wrongly; the numbers are generated.
var recordPieces = strings.Fields(`姓名： 联系人： 收货人 地址： 住址 电话 手机： 身份证 张 三 小 亭 王 李娜 欧阳 陶平洋
	男 女 ，男， 45 岁 十 百 一 号 栋 幢 楼 单元 室 层 户 组 村 路 大道 小区 街道 市 区 县 镇 省 共 有 四川 两个 哈哈
	（ ） ( ) 【 】 [ ] ， / · — - # : ： | <td> * A b C 0 9 13 11-6-1 B4- &#49; ` + "\u200b \u3000")

// TestRecordPiecesIdempotent strings record pieces together at random and
// checks the engine's promises under every mask style: findings inside
// the text, ordered and not overlapping, and redacting twice changes
// nothing more (a mask never makes a neighbour readable as a new finding).
func TestRecordPiecesIdempotent(t *testing.T) {
	r := seeded(15)
	pieces := append([]string{" ", "\t", "\n"}, recordPieces...)
	for range 4 {
		m := synth.CNMobile(r)
		pieces = append(pieces, m, synth.Grouped(m, " ", 4, 4, 3), synth.CNID18(r))
	}
	engines := []*detect.Engine{
		newEngine(t, detect.Policy{FingerprintKey: []byte("k")}),
		newEngine(t, detect.Policy{FingerprintKey: []byte("k"), Mask: detect.MaskFull}),
		newEngine(t, detect.Policy{FingerprintKey: []byte("k"), Mask: detect.MaskLabel}),
		newEngine(t, detect.Policy{FingerprintKey: []byte("k"), Mask: detect.MaskHash}),
	}
	var bad failures
	const cases = 40000
	for range cases {
		var b strings.Builder
		for n := r.IntN(16) + 1; n > 0; n-- {
			b.WriteString(pickOf(r, pieces))
		}
		text := []byte(b.String())
		for _, e := range engines {
			out, fs := e.Redact(text)
			if msg := invariantViolation(text, fs); msg != "" {
				bad.add("%q: %s", text, msg)
			}
			if again, _ := e.Redact(out); !bytes.Equal(again, out) {
				bad.add("not idempotent:\n in: %q\nout: %q\nagain: %q", text, out, again)
			}
		}
	}
	bad.report(t, "record pieces", cases)
}
