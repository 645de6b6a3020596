package fieldtext

import (
	"math/rand/v2"
	"mime"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestRedactParamsSyntax checks that a parameter's mask is written in the
// parameter's own syntax (token, quoted string with quoted pairs, RFC
// 8187 ext-value, RFC 2231 sections, joined by number wherever they
// stand, as mime.ParseMediaType joins them: attack pass 25) and that the result parses with the
// type and charset it had.
func TestRedactParamsSyntax(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	find := testFinder()
	mob, id := synth.CNMobile(r), synth.CNID18(r)
	for _, in := range []string{
		`text/csv; charset=utf-8; name="` + mob + `.csv"`,
		`text/plain; name=` + mob,
		`text/plain;name=` + mob + `;charset=utf-8`,
		`application/octet-stream; name*=UTF-8''` + overlong2(mob) + `.bin`,
		`application/octet-stream; name*=UTF-8'zh'%31` + mob[1:] + `.bin`,
		`text/csv; name*0="` + id[:9] + `"; name*1="` + id[9:] + `.csv"; charset=utf-8`,
		`text/csv; name*0*=UTF-8''` + id[:5] + `; name*1*=` + id[5:],
		`text/plain; name*1=` + mob[3:7] + `; name*0=` + mob[:3] + `; name*2=` + mob[7:],
		`text/csv; name*0=` + id[:9] + `; format=flowed; name*1=` + id[9:],
		`text/plain; note="a \"quote\" ` + id + ` \\ end"`,
		`text/plain; note="unclosed ` + mob,
		`text/plain; tel ` + mob,
		`text/plain; name="a" ` + mob + `; charset=utf-8`,
	} {
		out, fs := RedactParams(find, in)
		if len(fs) == 0 || strings.Contains(out, mob) || strings.Contains(out, id) {
			t.Errorf("%q became %q (%d findings)", in, out, len(fs))
			continue
		}
		wantMT, wantParams, wantErr := mime.ParseMediaType(in)
		mt, params, err := mime.ParseMediaType(out)
		if wantErr == nil && (err != nil || mt != wantMT || params["charset"] != wantParams["charset"]) {
			t.Errorf("%q became %q: %q %v %v", in, out, mt, params, err)
		}
		for _, v := range params {
			if strings.Contains(v, mob) || strings.Contains(v, id) {
				t.Errorf("%q became %q, which reads %q", in, out, v)
			}
		}
	}
}

// TestRedactParamsCleanKept checks that media types with nothing in the
// parameters read come back as they are, charset and boundary unread.
func TestRedactParamsCleanKept(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	find := testFinder()
	mob := synth.CNMobile(r)
	for _, in := range []string{
		"text/html",
		"text/html; charset=utf-8",
		"multipart/form-data; boundary=" + mob,
		`multipart/related; boundary="` + mob + `"; type="application/json"`,
		`text/csv; name="report-2024-06-30.csv"; header=present`,
		`text/plain; version=20240630; size=123456`,
		`application/json; profile="https://example.com/v2"`,
		`text/plain; ; =x; name`,
		`text/plain; format flowed 2024-06-30; name="a" b`,
	} {
		if out, fs := RedactParams(find, in); out != in || len(fs) != 0 {
			t.Errorf("%q became %q (%d findings)", in, out, len(fs))
		}
	}
}

// TestRedactParamsLinear checks that reading parameters is linear in the
// value on shapes built against the parser (many parameters, many
// sections of one, quoted strings of quoted pairs, unclosed quotes): the
// engine reads each byte of a value once at most.
func TestRedactParamsLinear(t *testing.T) {
	find := testFinder()
	for name, unit := range map[string]string{
		"params":   "; a=b",
		"sections": "; n*1=12",
		"pairs":    `; n="\"\\\"`,
		"equals":   ";==",
		"unclosed": `; n="`,
		"commas":   `, n="a" ,`,
		"framing":  "; charset=a,b",
	} {
		in := "text/plain" + strings.Repeat(unit, 200000/len(unit))
		read := 0
		counting := func(text []byte, hint detect.CategorySet) []detect.Finding {
			read += len(text)
			return find(text, hint)
		}
		RedactParams(counting, in)
		if read > len(in) {
			t.Errorf("%s: %d bytes read of %d", name, read, len(in))
		}
	}
}
