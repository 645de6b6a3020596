package bodyformat

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// gbkOf is s in GBK.
func gbkOf(t *testing.T, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDeclaredOverUTF8Label: a body labelled UTF-8 whose XML declaration
// (or <meta charset>) names GBK, a mobile or an ID in GBK full-width
// digits in it: the XML parsers an upstream hands the bytes to follow the
// declaration, so the body is read in GBK too, the value masked, and the
// body written back in GBK.
func TestDeclaredOverUTF8Label(t *testing.T) {
	r := rng(t.Name())
	mobile, id := synth.CNMobile(r), synth.CNID18(r)
	for _, c := range []struct{ name, ct, head, open, value, close string }{
		{"xml", "application/xml; charset=utf-8", `<?xml version="1.0" encoding="GBK"?>`, "<a>", mobile, "</a>"},
		{"text/xml", "text/xml; charset=UTF-8", `<?xml version="1.0" encoding="gbk"?>`, "<tel>", mobile, "</tel>"},
		{"xml id", "application/soap+xml; charset=utf-8", `<?xml version='1.0' encoding='GB18030'?>`, "<id>", id, "</id>"},
		{"html meta", "text/html; charset=utf-8", `<meta charset="gbk">`, "<p>电话 ", mobile, "</p>"},
	} {
		wide := gbkOf(t, fullWidth(c.value))
		body := c.head + gbkOf(t, c.open) + wide + gbkOf(t, c.close)
		res, err := Inspect(testEngine(t), []byte(body), c.ct, "", Redact, Limits{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if bytes.Contains(res.Body, []byte(wide)) || len(res.Findings) == 0 {
			t.Errorf("%s: %q went out as %q", c.name, body, res.Body)
			continue
		}
		text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(res.Body)
		if err != nil || !strings.HasPrefix(string(text), c.head+c.open) || !strings.HasSuffix(string(text), c.close) || strings.Contains(string(text), fullWidth(c.value)) {
			t.Errorf("%s: not written back in GBK: %q", c.name, text)
		}
	}
}

// TestDeclaredOverUTF8LabelNotRead: the declaration's charset is not read
// where the bytes are UTF-8 (the label's reading is the one every reader
// agrees on), where they show nothing in it or where there is no
// declaration; a clean body goes out as it came.
func TestDeclaredOverUTF8LabelNotRead(t *testing.T) {
	decl := `<?xml version="1.0" encoding="GBK"?>`
	params := map[string]string{"charset": "utf-8"}
	for _, c := range []struct{ mt, body string }{
		{"application/xml", decl + "<a>电话</a>"},                            // valid UTF-8
		{"application/xml", decl + "<a>\x00\x01\x02\xff</a>"},              // not text in GBK
		{"application/json", `{"a":"` + gbkOf(t, fullWidth("138")) + `"}`}, // no declaration
	} {
		if cs := declaredOverLabel(params, []byte(c.body), utf8Of([]byte(c.body))); cs != nil {
			t.Errorf("%s %q: read in %s", c.mt, c.body, cs.name)
		}
	}
	if cs := declaredOverLabel(map[string]string{"charset": "big5"}, []byte(decl+gbkOf(t, "<a>电话</a>")), utf8Of([]byte(decl+gbkOf(t, "<a>电话</a>")))); cs != nil {
		t.Errorf("a Big5 label: read in %s", cs.name)
	}
	clean := decl + gbkOf(t, "<a>你好，世界</a>")
	res, err := Inspect(testEngine(t), []byte(clean), "application/xml; charset=utf-8", "", Redact, Limits{})
	if err != nil || !bytes.Equal(res.Body, []byte(clean)) || len(res.Findings) != 0 {
		t.Errorf("clean body: %q, %v, %v", res.Body, res.Findings, err)
	}
	if cs := declaredOverLabel(params, []byte(clean), utf8Of([]byte(clean))); cs != csGBK {
		t.Errorf("clean GBK body under a utf-8 label: read in %v, want gbk", cs)
	}
}
