package bodyformat

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestMultipartPartHeaderCharsets checks that a part's file name in a
// charset other than UTF-8, an ext-value filename*=gbk”… (Werkzeug
// decodes it in the charset it names) or an encoded word =?GBK?B?…?=
// (Commons FileUpload, Python's email package), holding a mobile in
// full-width digits, never reaches the upstream: the part header is read
// in that charset and the body refused; a B-encoded word may instead be
// masked in place, its base64 read in GBK as any base64 token's is
// (base64charsets.go), as a UTF-8 one is; a clean GBK file name passes
// byte for byte.
func TestMultipartPartHeaderCharsets(t *testing.T) {
	mob := synth.CNMobile(rng(t.Name()))
	wide := strings.Map(func(c rune) rune { return c - '0' + '０' }, mob)
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(wide)
	if err != nil {
		t.Fatal(err)
	}
	var u16 []byte
	for _, u := range utf16.Encode([]rune(wide)) {
		u16 = append(u16, byte(u>>8), byte(u))
	}
	pct := func(b string) string {
		var s strings.Builder
		for i := 0; i < len(b); i++ {
			fmt.Fprintf(&s, "%%%02X", b[i])
		}
		return s.String()
	}
	q := strings.ReplaceAll(pct(gbk), "%", "=")
	part := func(hdr string) string {
		return "--XyZ\r\n" + hdr + "\r\n\r\nx\r\n--XyZ--\r\n"
	}
	for _, tc := range []struct {
		name, hdr, leak string
		masked          bool // masked in place is as good as refused
	}{
		{"ext-value gbk", `Content-Disposition: form-data; name="f"; filename*=gbk''` + pct(gbk), pct(gbk), false},
		{"ext-value gbk sections", `Content-Disposition: form-data; name="f"; filename*0*=gbk''` + pct(gbk)[:24] + `; filename*1*=` + pct(gbk)[24:], pct(gbk)[24:], false},
		{"ext-value utf-16be", `Content-Disposition: form-data; name="f"; filename*=utf-16be''` + pct(string(u16)), pct(string(u16)), false},
		{"encoded word GBK B", `Content-Disposition: form-data; name="f"; filename="=?GBK?B?` + base64.StdEncoding.EncodeToString([]byte(gbk)) + `?="`, base64.StdEncoding.EncodeToString([]byte(gbk)), true},
		{"encoded word gb18030 Q", `Content-Disposition: form-data; name="f"; filename="=?gb18030?Q?` + q + `?=.txt"`, q, false},
	} {
		body := part(tc.hdr)
		res, err := Inspect(testEngine(t), []byte(body), "multipart/form-data; boundary=XyZ", "", Redact, Limits{})
		if err == nil && bytes.Contains(res.Body, []byte(tc.leak)) {
			t.Errorf("%s: went out as %q", tc.name, res.Body)
		}
		if err == nil && !tc.masked {
			t.Errorf("%s: not refused (%q)", tc.name, res.Body)
		}
	}
	cleanName, _ := simplifiedchinese.GBK.NewEncoder().String("年度报告")
	for _, hdr := range []string{
		`Content-Disposition: form-data; name="f"; filename*=gbk''` + pct(cleanName) + `.pdf`,
		`Content-Disposition: form-data; name="f"; filename="=?GBK?B?` + base64.StdEncoding.EncodeToString([]byte(cleanName)) + `?="`,
	} {
		body := part(hdr)
		res, err := Inspect(testEngine(t), []byte(body), "multipart/form-data; boundary=XyZ", "", Redact, Limits{})
		if err != nil || string(res.Body) != body && res.Body != nil {
			t.Errorf("clean %q: %v %q", hdr, err, res.Body)
		}
	}
}

// TestDecodeWordsCharsets checks that encoded words are decoded in the
// charsets DecodeLabelled reads, and that text without one, or with one
// in a charset not read, comes back as it is.
func TestDecodeWordsCharsets(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"=?GBK?B?o7Gjsg==?=", "１２", true},
		{"a =?big5?Q?=A2=B0?= b", "a １ b", true},
		{"=?UTF-16BE?B?/xH/Eg==?=", "１２", true},
		{"=?utf-8?q?a_b?=", "a b", true},
		{"=?UTF8?B?MTM=?=", "13", true},
		{"plain name.txt", "plain name.txt", false},
		{"=?x-no-such?Q?a?=", "=?x-no-such?Q?a?=", false},
	} {
		got, ok := DecodeWords(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%q: %q %v, want %q %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
