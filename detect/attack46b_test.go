package detect

import (
	"strings"
	"testing"
)

// Attack pass 46 (b): the readings merge46 added for addresses across
// gaps (addressgaps.go), English rooms (roomWordBefore) and stars between
// a label and its value (emphasis.go, skipLabelGlue) leave shapes out
// that an LLM reply or an HTML page writes every day. These tests fail on
// merge46; each asserts the raw value is gone and a finding is made.

// attack46bRedacted redacts s and reports an error unless a finding of
// category c was made and every raw value is gone from the output.
func attack46bRedacted(t *testing.T, e *Engine, s string, c Category, raws ...string) {
	t.Helper()
	out, fs := e.Redact([]byte(s))
	found := false
	for _, f := range fs {
		found = found || f.Category == c
	}
	if !found {
		t.Errorf("no %v found in %q (findings %v)", c, s, fs)
	}
	for _, raw := range raws {
		if strings.Contains(string(out), raw) {
			t.Errorf("%q kept in the output %q", raw, out)
		}
	}
}

// TestAttack46bBoldLabelColonInside: the commonest Markdown an LLM writes
// for a field, a bold label holding its colon then a space (**姓名：**
// 王小明), passes the name raw: skipLabelGlue reads stars as glue only
// when a value follows them at once or, first, a colon does
// (labelled.go, skipLabelGlue's '*' case).
func TestAttack46bBoldLabelColonInside(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	for _, s := range []string{
		"**姓名：** 王小明",
		"**姓名:** 王小明",
		"- **收货人：** 王小明",
		"**姓名** ：王小明",
		"姓名：** 王小明 **",
	} {
		attack46bRedacted(t, e, s, CNName, "小明")
	}
}

// TestAttack46bEmphasisAroundLabelAndValue: emphasis opened before the
// label and closed after the value (**地址：河南省…917号**, a whole line
// in bold) or closing stars after a labelled address: emitAddress takes a
// '*' after the address for a mask's (address.go, emitAddress), and
// trustedNameValue the same after a four-character name (namelabel.go).
func TestAttack46bEmphasisAroundLabelAndValue(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	const addr = "河南省郑州市金水区建设路917号3幢2501室"
	for _, s := range []string{
		"**地址：" + addr + "**",
		"**地址**：" + addr + "**",
		"地址：" + addr + "**",
		"*地址：" + addr + "*",
	} {
		attack46bRedacted(t, e, s, CNAddress, "917", "2501")
	}
	attack46bRedacted(t, e, "**姓名：王二三明**，", CNName, "二三明")
}

// TestAttack46bBoldItalicValue: three stars (bold and italic, ***…***)
// around a labelled value are read as a mask's (maxEmphasisStars is 2),
// so the name passes raw though as many stars close it as open it.
func TestAttack46bBoldItalicValue(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	for _, s := range []string{"姓名：***王小明***", "收件人：***王小明***", "姓名：***王小明***先生"} {
		attack46bRedacted(t, e, s, CNName, "小明")
	}
	attack46bRedacted(t, e, "地址：***河南省郑州市金水区建设路917号3幢2501室***", CNAddress, "917", "2501")
}

// TestAttack46bInvisibleInLabelGlue: an invisible character (U+200B)
// between a label and its value, or between emphasis stars and the value,
// hides the label: skipLabelGlue (labelled.go) reads spaces, colons and
// now stars as glue, but not the characters a reader draws as nothing,
// which the address markers now read through (addressgaps.go).
func TestAttack46bInvisibleInLabelGlue(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	for _, s := range []string{
		"姓名\u200b：王小明",
		"姓名：\u200b王小明",
		"姓名：\u200b**王小明**",
		"姓名：*\u200b*王小明**",
	} {
		attack46bRedacted(t, e, s, CNName, "小明")
	}
	attack46bRedacted(t, e, "地址：*\u200b河南省郑州市金水区建设路917号3幢2501室", CNAddress, "917", "2501")
}

// TestAttack46bNoBreakSpaceInLabelGlue: a no-break space (U+00A0, what
// &nbsp; decodes to) or an en space between a label and its value hides
// the label: skipLabelGlue (labelled.go) reads ' ', '\t' and U+3000 but
// not these, so the name after it is not read at all.
func TestAttack46bNoBreakSpaceInLabelGlue(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	for _, s := range []string{
		"姓名：\u00a0王小明",
		"姓名\u00a0王小明",
		"姓名: \u00a0王小明",
		"姓名：\u2002王小明",
		"**姓名：**\u00a0王小明",
	} {
		attack46bRedacted(t, e, s, CNName, "小明")
	}
}

// TestAttack46bMarkdownTableAndOtherEmphasis: a Markdown table whose
// label cell is bold (| **姓名** | 王小明 |, as LLM replies lay records
// out) passes the name raw: skipLabelGlue reads a star run as glue only
// when a value or, first, a colon follows it, not a space and a '|'. So do
// the other emphasis spellings: underscores (__姓名__：), a code span
// (`姓名`：) and bold italic stars around the label (***姓名***：). On
// "__姓名：__ 王小明" the closing "__" is read as the value and masked
// ("_*"): clean text altered, the name kept.
func TestAttack46bMarkdownTableAndOtherEmphasis(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	for _, s := range []string{
		"| **姓名** | 王小明 |",
		"| **姓名** | **王小明** |",
		"| **姓名：** | 王小明 |",
		"__姓名__：王小明",
		"__姓名：__ 王小明",
		"`姓名`：王小明",
		"***姓名***：王小明",
	} {
		attack46bRedacted(t, e, s, CNName, "小明")
	}
}
