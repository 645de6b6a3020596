package fieldtext

import (
	"encoding/base64"
	"math/rand/v2"
	"mime"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// qWord writes b as the text of a Q encoded word, every byte escaped.
func qWord(b []byte) string {
	return strings.ReplaceAll(pctAll(b), "%", "=")
}

// TestRedactParamsEncodedWords checks that a file name made of RFC 2047
// encoded words, Q or B, in UTF-8, GBK or UTF-16, is read as the text it
// decodes to: the mobile or ID in it is masked, no form of it is left in
// the field, and the value the receiver decodes holds the mask.
func TestRedactParamsEncodedWords(t *testing.T) {
	r := rand.New(rand.NewPCG(28, 4))
	find := testFinder()
	mob, id := synth.CNMobile(r), synth.CNID18(r)
	wide := strings.Map(func(c rune) rune { return c - '0' + '０' }, mob)
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(wide))
	if err != nil {
		t.Fatal(err)
	}
	u16 := wideUnits(wide, 2, true)
	b64 := base64.StdEncoding.EncodeToString
	for _, tc := range []struct{ in, leak string }{
		{`attachment; filename="=?UTF-8?Q?` + qWord([]byte(mob)) + `?="`, qWord([]byte(mob))},
		{`attachment; filename="=?GBK?Q?` + qWord(gbk) + `?="`, qWord(gbk)},
		{`attachment; filename="=?GBK?B?` + b64(gbk) + `?="`, b64(gbk)},
		{`attachment; filename="=?gb18030?B?` + b64(gbk) + `?=.txt"`, b64(gbk)},
		{`attachment; filename="=?UTF-16BE?B?` + b64(u16) + `?="`, b64(u16)},
		{`attachment; filename="=?utf-8?q?id_` + qWord([]byte(id)) + `?="`, qWord([]byte(id))},
		{`attachment; filename="=?UTF-8?Q?` + qWord([]byte(mob[:5])) + `?= =?UTF-8?Q?` + qWord([]byte(mob[5:])) + `?="`, qWord([]byte(mob[5:]))},
	} {
		out, fs := RedactParams(find, tc.in)
		if len(fs) == 0 || strings.Contains(out, tc.leak) {
			t.Errorf("%q became %q (%d findings)", tc.in, out, len(fs))
			continue
		}
		_, params, err := mime.ParseMediaType(out)
		if err != nil {
			t.Errorf("%q became %q: %v", tc.in, out, err)
			continue
		}
		var dec mime.WordDecoder
		name, err := dec.DecodeHeader(params["filename"])
		if err != nil || !strings.Contains(name, "**") || strings.Contains(name, mob) || strings.Contains(name, id) {
			t.Errorf("%q became %q, read as %q (%v)", tc.in, out, name, err)
		}
	}
	cleanGBK, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("年度报告"))
	for _, in := range []string{
		`attachment; filename="=?GBK?B?` + b64(cleanGBK) + `?="`,
		`attachment; filename="=?UTF-8?Q?report_2024?=.pdf"`,
		`attachment; filename="a=?b.txt"`,
	} {
		if out, fs := RedactParams(find, in); out != in || len(fs) != 0 {
			t.Errorf("clean %q became %q (%d findings)", in, out, len(fs))
		}
	}
}
