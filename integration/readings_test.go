package integration

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestReadingsThroughCaddy sends, both ways through a real Caddy, the
// spellings a receiver reads as an identifier though no parser sees one
// where it stands: a JSON document behind a script wrapper, groups set
// apart by delimiters, an ID's X spelled as a cross, a data: URL of HTML,
// a gzip file in a form, base64 wrapped over lines, RTF, hex, a number
// split across a JSON object's or a form's fields. None of
// them arrives raw.
func TestReadingsThroughCaddy(t *testing.T) {
	m := alice.Mobile
	idX := synth.CNID18X(rand.New(rand.NewPCG(5, 12)))
	var rtf strings.Builder
	for _, c := range m {
		fmt.Fprintf(&rtf, `\u%d?`, c)
	}
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write([]byte("name,tel\n" + alice.Name + "," + m + "\n"))
	w.Close()
	b64 := base64.StdEncoding.EncodeToString([]byte(strings.Repeat("客户资料，", 9) + "手机：" + m + "，谢谢"))
	var wrapped []string
	for len(b64) > 76 {
		wrapped, b64 = append(wrapped, b64[:76]), b64[76:]
	}
	wrapped = append(wrapped, b64)
	cases := []struct {
		name, contentType, body string
		raw                     []string // what must not arrive
	}{
		{"wrapped_json", "application/json", ")]}'\n" + `{"d":["` + m[:3] + `","` + m[3:7] + `","` + m[7:] + `"]}`, []string{`"` + m[3:7] + `"`}},
		{"jsonp", "application/javascript", `cb({"d":["` + m[:3] + `","` + m[3:7] + `","` + m[7:] + `"]});`, []string{`"` + m[3:7] + `"`}},
		{"delimited", "text/plain; charset=utf-8", "手机 " + m[:3] + "|" + m[3:7] + "|" + m[7:], []string{m[3:7]}},
		{"cross_x", "text/plain; charset=utf-8", "身份证 " + idX[:17] + "✕", []string{idX[6:14]}},
		{"data_url", "text/html; charset=utf-8", `<iframe src="data:text/html,` + url.PathEscape(m[:3]+"<b></b>"+m[3:]) + `"></iframe>`, []string{url.PathEscape(m[:3] + "<b></b>" + m[3:])}},
		{"gzip_part", "multipart/form-data; boundary=BB", "--BB\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.csv.gz\"\r\nContent-Type: application/gzip\r\n\r\n" + gz.String() + "\r\n--BB--\r\n", []string{gz.String()}},
		{"base64_mime", "text/plain", "attachment:\r\n" + strings.Join(wrapped, "\r\n") + "\r\n", []string{wrapped[1]}},
		{"rtf", "application/rtf", `{\rtf1\ansi tel ` + rtf.String() + `\par}`, []string{rtf.String()}},
		{"json_fields", "application/json", `{"tel1":"` + m[:3] + `","tel2":"` + m[3:7] + `","tel3":"` + m[7:] + `"}`, []string{`"` + m[3:7] + `"`}},
		{"form_fields", "application/x-www-form-urlencoded", "tel1=" + m[:3] + "&tel2=" + m[3:7] + "&tel3=" + m[7:], []string{"tel2=" + m[3:7]}},
		{"hex", "application/json", `{"p":"` + hex.EncodeToString([]byte("tel "+m)) + `"}`, []string{hex.EncodeToString([]byte(m))}},
	}
	var bcs []bodyCase
	for _, c := range cases {
		body := []byte(c.body)
		bcs = append(bcs, bodyCase{
			name:        c.name,
			contentType: c.contentType,
			body:        body,
			check: func(t *testing.T, out []byte, _ string) {
				if bytes.Equal(out, body) {
					t.Fatalf("%q went through unchanged", body)
				}
				assertNoRaw(t, c.name, out, c.raw...)
				if c.name == "gzip_part" {
					start := bytes.Index(out, []byte("\r\n\r\n")) + 4
					end := bytes.LastIndex(out, []byte("\r\n--BB--"))
					r, err := gzip.NewReader(bytes.NewReader(out[start:end]))
					if err != nil {
						t.Fatalf("the part is no gzip file: %v", err)
					}
					text, _ := io.ReadAll(r)
					assertNoRaw(t, c.name, text, m)
				}
			},
		})
	}
	s, c := formatsServer(t, bcs)
	runBothDirections(t, s, c, bcs)
}
