package bodyformat

import (
	"bytes"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestDeclaredOverLabelVariants: a utf-8-labelled body whose declaration
// names GBK in a way the XML parsers and BeautifulSoup honour (an alias
// label Python's codecs, iconv and Java know; spaces around '='; a <meta>
// past 1024 bytes, which BeautifulSoup still finds in its first 2048; an
// XML body sent as text/plain or JSON to an XML parser; white space
// before the declaration) is read in GBK: the full-width mobile is masked.
func TestDeclaredOverLabelVariants(t *testing.T) {
	r := rng(t.Name())
	mobile := synth.CNMobile(r)
	wide := gbkOf(t, fullWidth(mobile))
	pad := "<!--" + strings.Repeat("x", 1100) + "-->"
	for _, c := range []struct{ name, ct, body string }{
		{"baseline", "application/xml; charset=utf-8", `<?xml version="1.0" encoding="GBK"?><a>` + wide + "</a>"},
		{"cp936", "application/xml; charset=utf-8", `<?xml version="1.0" encoding="cp936"?><a>` + wide + "</a>"},
		{"ms936", "application/xml; charset=utf-8", `<?xml version="1.0" encoding="MS936"?><a>` + wide + "</a>"},
		{"windows-936", "application/xml; charset=utf-8", `<?xml version="1.0" encoding="windows-936"?><a>` + wide + "</a>"},
		{"euc-cn", "application/xml; charset=utf-8", `<?xml version="1.0" encoding="EUC-CN"?><a>` + wide + "</a>"},
		{"spaces around =", "application/xml; charset=utf-8", `<?xml version = "1.0" encoding = "GBK" ?><a>` + wide + "</a>"},
		{"meta past 1024", "text/html; charset=utf-8", "<html><head>" + pad + `<meta charset="gbk"></head><p>` + wide + "</p>"},
		{"xml as text/plain", "text/plain; charset=utf-8", `<?xml version="1.0" encoding="GBK"?><a>` + wide + "</a>"},
		{"xml as application/json", "application/json; charset=utf-8", `<?xml version="1.0" encoding="GBK"?><a>` + wide + "</a>"},
		{"space before xml", "application/xml; charset=utf-8", "\r\n <?xml version=\"1.0\" encoding=\"GBK\"?><a>" + wide + "</a>"},
		{"meta far in a long page", "text/html; charset=utf-8", "<html><head>" + strings.Repeat(pad, 40) + `<META http-equiv="Content-Type" content="text/html; charset=GB2312"></head><p>` + wide + "</p>"},
		{"meta in text/plain", "text/plain; charset=utf-8", `<meta charset=gbk><p>` + wide + "</p>"},
	} {
		res, err := Inspect(testEngine(t), []byte(c.body), c.ct, "", Redact, Limits{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if bytes.Contains(res.Body, []byte(wide)) || len(res.Findings) == 0 {
			t.Errorf("%s: the GBK full-width mobile passed (%s)", c.name, c.ct)
		}
	}
}

// TestDeclaredLookBounded: the declaration over a UTF-8 label is looked
// for in the first declaredLookMin bytes or the first twentieth of the
// body, whichever is more (declaredLook), and no further.
func TestDeclaredLookBounded(t *testing.T) {
	params := map[string]string{"charset": "utf-8"}
	filler := strings.Repeat("<p>ok</p>", declaredLookMin/8)
	wide := gbkOf(t, fullWidth("13800000000"))
	for _, c := range []struct {
		name, body string
		want       *charset
	}{
		{"inside the window", filler[:declaredLookMin-100] + `<meta charset="gbk">` + wide, csGBK},
		{"past the window", filler + `<meta charset="gbk">` + wide, nil},
		{"a twentieth of a long body", filler + `<meta charset="gbk">` + wide + strings.Repeat(wide, 20*len(filler)/len(wide)), csGBK},
	} {
		if got := declaredOverLabel(params, []byte(c.body), utf8Of([]byte(c.body))); got != c.want {
			t.Errorf("%s: read in %v, want %v", c.name, got, c.want)
		}
	}
}

// TestDeclaredLongBody: the declaration over a utf-8 label is
// honoured however far into the body the value stands, and whatever
// invalid-UTF-8 byte that is no GBK text stands before it.
func TestDeclaredLongBody(t *testing.T) {
	mobile := synth.CNMobile(rng(t.Name()))
	wide := gbkOf(t, fullWidth(mobile))
	decl := `<?xml version="1.0" encoding="GBK"?><r>`
	for name, body := range map[string]string{
		"far":             decl + strings.Repeat("<x>ok</x>", 20000) + "<a>" + wide + "</a></r>",
		"stray 0x80 head": decl + "<b>\x80\xff</b><a>" + wide + "</a></r>",
		"ctl bytes head":  decl + "<b>\x01\x02</b><a>" + wide + "</a></r>",
	} {
		res, err := Inspect(testEngine(t), []byte(body), "application/xml; charset=utf-8", "", Redact, Limits{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if bytes.Contains(res.Body, []byte(wide)) || len(res.Findings) == 0 {
			t.Errorf("%s: the GBK full-width mobile passed", name)
		}
	}
}
