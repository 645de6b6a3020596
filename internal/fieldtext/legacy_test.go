package fieldtext

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// pctAll percent-escapes every byte of b.
func pctAll(b []byte) string {
	var s strings.Builder
	for _, c := range b {
		fmt.Fprintf(&s, "%%%02X", c)
	}
	return s.String()
}

// wideIn is s with its ASCII digits made full-width, encoded in enc.
func wideIn(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(strings.Map(func(c rune) rune {
		if c >= '0' && c <= '9' {
			return c - '0' + '０'
		}
		return c
	}, s)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRedactLegacyEscapedDigits: a target or field whose escapes decode,
// in GBK, Big5 or Shift_JIS, to the full-width digits of a mobile or an
// identifier (Tomcat with URIEncoding=GBK reads them so) is masked, the
// escapes replaced; the same text in UTF-8 escapes still is.
func TestRedactLegacyEscapedDigits(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	find := testFinder()
	mob, id := synth.CNMobile(r), synth.CNID18(r)
	for _, tc := range []struct {
		name string
		enc  encoding.Encoding
		in   func(esc string) string
		val  string
	}{
		{"gbk query", simplifiedchinese.GBK, func(e string) string { return "/u?tel=" + e }, mob},
		{"gbk query, unhinted", simplifiedchinese.GBK, func(e string) string { return "/u?q=" + e }, mob},
		{"gbk path", simplifiedchinese.GBK, func(e string) string { return "/u/" + e }, mob},
		{"gbk path, id", simplifiedchinese.GBK, func(e string) string { return "/u/" + e + "/x" }, id},
		{"gb18030 fragment", simplifiedchinese.GB18030, func(e string) string { return "/u#" + e }, mob},
		{"big5 query", traditionalchinese.Big5, func(e string) string { return "/u?tel=" + e }, mob},
		{"shift_jis query", japanese.ShiftJIS, func(e string) string { return "/u?tel=" + e }, mob},
		{"gbk header text", simplifiedchinese.GBK, func(e string) string { return "tel " + e }, mob},
		{"gbk between words", simplifiedchinese.GBK, func(e string) string { return "/u?q=%C4%E3%BA%C3" + e + "%C4%E3" }, mob},
	} {
		esc := pctAll(wideIn(t, tc.enc, tc.val))
		in := tc.in(esc)
		out, fs := Redact(find, in, 0)
		if len(fs) == 0 || strings.Contains(out, esc) || out == in {
			t.Errorf("LEAK %s: %q became %q (%d findings)", tc.name, in, out, len(fs))
		}
		if strings.Contains(out, "%A3") && tc.enc == simplifiedchinese.GBK && !strings.Contains(in, "%C4") {
			t.Errorf("%s: escapes of the digits kept: %q", tc.name, out)
		}
	}
}

// TestRedactLegacyExtValue: an RFC 8187 ext-value is read in the charset
// it names; a GBK one of full-width digits is masked, a UTF-8 one still
// is, and a GBK word stays byte for byte.
func TestRedactLegacyExtValue(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	find := testFinder()
	mob := synth.CNMobile(r)
	for _, tc := range []struct{ name, in string }{
		{"gbk full-width", `text/plain; name*=gbk''` + pctAll(wideIn(t, simplifiedchinese.GBK, mob))},
		{"GB2312 label, language", `text/plain; name*=GB2312'zh'` + pctAll(wideIn(t, simplifiedchinese.GBK, mob))},
		{"big5 full-width", `text/plain; name*=big5''` + pctAll(wideIn(t, traditionalchinese.Big5, mob))},
		{"shift_jis full-width", `text/plain; name*=shift_jis''` + pctAll(wideIn(t, japanese.ShiftJIS, mob))},
		{"gbk sections", `text/plain; name*0*=gbk''` + pctAll(wideIn(t, simplifiedchinese.GBK, mob[:5])) + `; name*1*=` + pctAll(wideIn(t, simplifiedchinese.GBK, mob[5:]))},
		{"gbk word and ascii digits", `text/plain; name*=gbk''%CA%D6%BB%FA` + mob},
		{"utf-8 full-width", `text/plain; name*=UTF-8''` + pctAll(wideIn(t, encoding.Nop, mob))},
	} {
		out, fs := RedactParams(find, tc.in)
		if out == tc.in || len(fs) == 0 {
			t.Errorf("LEAK %s: %q kept (%d findings)", tc.name, tc.in, len(fs))
		}
	}
}

// TestLegacyLookalikesKept: escapes of GBK words, of UTF-8 text, of GBK
// full-width digits too few for a number, and of bytes no charset reads
// as digits stay byte for byte, in a target, a header value and an
// ext-value.
func TestLegacyLookalikesKept(t *testing.T) {
	find := testFinder()
	for _, in := range []string{
		"/q?w=%C4%E3%BA%C3",                      // 你好 in GBK
		"/q?w=%C4%E3%BA%C3&n=%D5%C5%C8%FD",       // 你好, 张三
		"/search/%E4%BD%A0%E5%A5%BD",             // 你好 in UTF-8
		"/q?w=%A3%B1%A3%B2%A3%B3",                // three full-width digits
		"/q?w=%A3%B1%A3%B2%A1%A1%A3%B3%A3%B4",    // 12 34: four
		"/q?ver=%A3%B1%A3%B2%A3%B3%A3%B4%A3%B5",  // five: no number
		"/img/%FF%D8%FF%E0%00%10JFIF",            // binary bytes
		"/q?w=%B5%DA%A3%B1%D5%C2&p=%B5%DA%A3%B2", // 第１章, 第２
		"/q?w=%81%30%81%30%81%30",                // GB18030 four-byte codes
		"/%u4F60%u597D",                          // %u escapes
	} {
		if out, fs := Redact(find, in, 0); out != in || len(fs) != 0 {
			t.Errorf("look-alike %q became %q (%d findings)", in, out, len(fs))
		}
	}
	for _, in := range []string{
		`attachment; filename*=gbk''%C4%E3%BA%C3.txt`,
		`attachment; filename*=GBK'zh'%D5%C5%C8%FD%B5%C4%CE%C4%BC%FE.doc`,
		`attachment; filename*=UTF-8''%E4%BD%A0%E5%A5%BD.txt`,
		`attachment; filename*=gbk''%C0%B1%C0%B2%C0%B3%C0%B4%C0%B5%C0%B6%C0%B7%C0%B8%C0%B9%C0%B0%C0%B1`, // GBK characters, no overlong digits
		`attachment; filename*=utf-7''%2BADE-`,
	} {
		if out, fs := RedactParams(find, in); out != in || len(fs) != 0 {
			t.Errorf("look-alike %q became %q (%d findings)", in, out, len(fs))
		}
	}
}
