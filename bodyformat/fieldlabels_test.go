package bodyformat

import (
	"net/url"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFieldLabels: a name or an address is found behind what labels it in
// a record's structure: an XML element's name (Chinese, English, pinyin),
// a pinyin key, a table's header cell; the labels themselves are left as
// they are.
func TestFieldLabels(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	name, addr, id, m := synth.CNName(r), synth.CNAddress(r), synth.CNID18(r), synth.CNMobile(r)
	cases := []struct {
		row, ct, body string
		keep          []string // must stay in the body as written
	}{
		{"xml-chinese-element", "application/xml", `<r><姓名>` + name + `</姓名><手机>` + m + `</手机></r>`, []string{"<姓名>", "</姓名>", "<手机>"}},
		{"xml-english-record", "application/xml", `<customer><name>` + name + `</name><address>` + addr + `</address><mobile>` + m + `</mobile></customer>`, []string{"<name>", "</address>"}},
		{"xml-pinyin-element", "text/xml", `<r><xm>` + name + `</xm><shdz>` + addr + `</shdz></r>`, []string{"<xm>", "<shdz>"}},
		{"json-pinyin-keys", "application/json", `{"xm":"` + name + `","shdz":"` + addr + `","sfzh":"` + id + `","sjh":"` + m + `"}`, []string{`"xm"`, `"shdz"`}},
		{"form-pinyin-keys", "application/x-www-form-urlencoded", "xm=" + url.QueryEscape(name) + "&dz=" + url.QueryEscape(addr), []string{"xm=", "&dz="}},
		{"html-table-header-row", "text/html", `<table><tr><th>姓名</th><th>住址</th><th>手机</th></tr><tr><td>` + name + `</td><td>` + addr + `</td><td>` + m + `</td></tr></table>`, []string{"<th>姓名</th><th>住址</th><th>手机</th>"}},
		{"html-table-english-headers", "text/html", `<table><thead><tr><th>Name</th><th>Address</th></tr></thead><tbody><tr><td>` + name + `</td><td>` + addr + `</td></tr></tbody></table>`, []string{"<th>Name</th><th>Address</th>"}},
	}
	for _, c := range cases {
		t.Run(c.row, func(t *testing.T) {
			res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			out := string(res.Body)
			if c.ct == "application/x-www-form-urlencoded" {
				out, _ = url.QueryUnescape(out)
			}
			for _, raw := range []string{name, addr, id, m} {
				if strings.Contains(out, raw) {
					t.Errorf("%q left raw in %s", raw, out)
				}
			}
			for _, k := range c.keep {
				if !strings.Contains(string(res.Body), k) {
					t.Errorf("%q changed: %s", k, res.Body)
				}
			}
		})
	}
}

// TestFieldLabelsClean: headers and element names label only what they
// name: a table of products and cities, an XML element of a city, and a
// "<姓名>" in HTML text (not a tag to a browser) leave the body as it is.
func TestFieldLabelsClean(t *testing.T) {
	eng := testEngine(t)
	for _, c := range []struct{ ct, body string }{
		{"text/html", `<table><tr><th>城市</th><th>商品</th><th>数量</th></tr><tr><td>北京</td><td>苹果</td><td>12</td></tr></table>`},
		{"text/html", `<table><tr><th>姓名</th><th>住址</th></tr></table>`},
		{"application/xml", `<r><城市>北京</城市><商品名称>苹果</商品名称></r>`},
		{"text/html", `<p>请填写&lt;姓名&gt;一栏 <姓名> 高兴</p>`},
	} {
		res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
		if res.Changed {
			t.Errorf("clean %s changed:\n in: %s\nout: %s", c.ct, c.body, res.Body)
		}
	}
}
