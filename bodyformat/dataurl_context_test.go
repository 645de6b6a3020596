package bodyformat

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// dataURLContexts are the places a data: URL is written in, each as the
// content type of the body and the text before and after the URL. The
// quote is the one the URL may not hold unescaped.
var dataURLContexts = []struct {
	name, ct, before, after string
	quote                   byte
}{
	{"attribute in double quotes", "text/html", `<p>Hi</p><img alt="x" src="`, `" width="1"><p>Bye</p>`, '"'},
	{"attribute in single quotes", "text/html", `<iframe src='`, `'></iframe>`, '\''},
	{"attribute, space after the quote", "text/html", `<iframe src="  `, `"></iframe>`, '"'},
	{"style element url(\"\")", "text/html", `<style>.a{background:url("`, `")}</style><p class=a>x</p>`, '"'},
	{"style attribute url('')", "text/html", `<div style="background:url('`, `')">x</div>`, '\''},
	{"script string", "text/html", `<script>var u = "`, `"; go(u);</script>`, '"'},
	{"JSON value", "application/json", `{"u":"`, `","n":1}`, '"'},
	{"CSS url(\"\")", "text/css", `.a{background:url("`, `") no-repeat}`, '"'},
	{"CSS url('')", "text/css", `.a{background:url( '`, `' )}`, '\''},
	{"JavaScript string", "application/javascript", `frame.src = '`, `';`, '\''},
	{"JavaScript template", "application/javascript", "frame.src = `", "`;", '`'},
}

// quoteIn writes doc so that it holds no quote q: the other quote in its
// place, as a page's author writes an SVG in a double-quoted attribute
// with single-quoted attributes of its own.
func quoteIn(doc string, q byte) string {
	if q == '"' {
		return strings.ReplaceAll(doc, `"`, `'`)
	}
	return strings.ReplaceAll(doc, `'`, `"`)
}

// TestDataURLQuotedContexts: a data: URL written with unescaped spaces in
// a quoted attribute, a CSS url(), a JSON value or a script's string runs
// to its closing quote, as a browser reads it; the document in it is read
// as rendered and the payload masked, the quotes and what follows them
// intact. Plain, with a charset, percent-encoded, mixed, base64 broken
// over lines and spaces, upper-case DATA:.
func TestDataURLQuotedContexts(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 3 {
		mob, id := synth.CNMobile(r), synth.CNID18(r)
		docs := []struct{ name, mt, doc string }{
			{"svg, mobile in tspans", "image/svg+xml", `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="20"><text x="0" y="15">Call ` + mob[:3] + `<tspan>` + mob[3:7] + `</tspan>` + mob[7:] + `</text></svg>`},
			{"html, ID around a tag", "text/html", `<p class="c">ID ` + id[:6] + `<b></b>` + id[6:] + `</p>`},
			{"html, mobile around a comment", "text/html", `<p>Tel ` + mob[:3] + `<!-- x -->` + mob[3:] + `</p>`},
			{"html, raw ID", "text/html", `<p>My ID is ` + id + ` ok</p>`},
			{"svg, raw mobile", "image/svg+xml", `<svg xmlns="http://www.w3.org/2000/svg"><text x="1" y="2">Tel ` + mob + `</text></svg>`},
		}
		b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
		forms := []struct {
			name   string
			header string
			enc    func(string) string
		}{
			{"plain", "", func(s string) string { return s }},
			{"charset", ";charset=utf-8", func(s string) string { return s }},
			{"percent", "", url.PathEscape},
			{"mixed", ";charset=UTF-8", func(s string) string {
				return strings.NewReplacer("<", "%3C", ">", "%3e", " ", " %20").Replace(s)
			}},
			{"base64 over lines", ";base64", func(s string) string {
				e := b64(s)
				return e[:7] + " " + e[7:19] + "\n  " + e[19:40] + "\r\n\t" + e[40:]
			}},
			{"base64, space before it", "; base64", b64},
		}
		for _, c := range dataURLContexts {
			for _, d := range docs {
				for _, f := range forms {
					payload := f.enc(quoteIn(d.doc, c.quote))
					if c.quote != '`' && strings.Contains(payload, "\n") && c.ct != "text/html" {
						continue // a line break ends a CSS or script string
					}
					if c.ct == "application/json" {
						payload = strings.NewReplacer("\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(payload)
					}
					scheme := "data:"
					if len(f.name)%2 == 0 {
						scheme = "DATA:"
					}
					head := c.before + scheme + strings.ToUpper(d.mt[:1]) + d.mt[1:] + f.header + ","
					body := head + payload + c.after
					res := mustInspect(t, eng, []byte(body), c.ct, "", Redact)
					out := string(res.Body)
					if !res.Changed || !strings.HasPrefix(out, head) || !strings.HasSuffix(out, c.after) ||
						strings.Contains(out, payload) {
						t.Errorf("%s, %s, %s:\n in: %q\nout: %q", c.name, d.name, f.name, body, out)
						continue
					}
					assertStable(t, eng, res, c.ct)
				}
			}
		}
	}
}

// TestDataURLContextEscapes: the escapes of the enclosing context are the
// URL's: a script string's \" does not end it and its \u0031 is a digit;
// an attribute's &quot; and &lt; are a quote and a '<' to the document
// the browser renders.
func TestDataURLContextEscapes(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		mob := synth.CNMobile(r)
		for _, c := range []struct{ ct, before, payload, after string }{
			{"application/javascript", `f.src = "data:text/html,`, `<p class=\"a\">Tel ` + mob[:3] + `<b></b>` + mob[3:] + `</p>`, `";`},
			{"text/html", `<script>f.src = "data:text/html,`, `<p class=\"a\">Tel ` + mob[:3] + `<b></b>` + mob[3:] + `</p>`, `";</script>`},
			{"text/html", `<iframe src="data:text/html,`, `<p class=&quot;a&quot;>Tel ` + mob[:3] + `&lt;b&gt;&lt;/b&gt;` + mob[3:] + `</p>`, `"></iframe>`},
			{"text/html", `<iframe src="data:text/html,`, `&lt;p&gt;Tel ` + mob[:3] + `&lt;!-- x --&gt;` + mob[3:7] + `&#x3C;i>&#60;/i>` + mob[7:], `"></iframe>`},
			{"text/html", `<iframe src=data:text/html,`, `&lt;p&gt;Tel&#32;` + mob[:3] + `&lt;b&gt;&lt;/b&gt;` + mob[3:], ` width=1></iframe>`},
		} {
			body := c.before + c.payload + c.after
			res := mustInspect(t, eng, []byte(body), c.ct, "", Redact)
			out := string(res.Body)
			if !res.Changed || !strings.HasPrefix(out, c.before) || !strings.HasSuffix(out, c.after) || strings.Contains(out, c.payload) {
				t.Errorf("%q -> %q", body, out)
			}
		}
	}
}

// TestDataURLUnquotedEnds: unquoted, a data: URL ends where the HTML
// tokenizer ends an attribute's value (white space, '>') or CSS an url()
// (')', white space): what follows is the page's, not the URL's, and a
// finding in the URL masks the URL alone.
func TestDataURLUnquotedEnds(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	mob := synth.CNMobile(r)
	doc := url.PathEscape(`<p>` + mob[:3] + `<b></b>` + mob[3:] + `</p>`)
	for _, c := range []struct{ ct, before, after string }{
		{"text/html", `<iframe src=data:text/html,`, ` width=1></iframe><p>Terms apply</p>`},
		{"text/html", `<iframe src=data:text/html,`, `></iframe><p>Terms apply</p>`},
		{"text/css", `.a{background:url(data:text/html,`, `) no-repeat}`},
		{"text/css", `.a{background:url( data:text/html,`, ` )}`},
	} {
		res := mustInspect(t, eng, []byte(c.before+doc+c.after), c.ct, "", Redact)
		if want := c.before + base64Mask + c.after; string(res.Body) != want {
			t.Errorf("%q\n got %q\nwant %q", c.before+doc+c.after, res.Body, want)
		}
	}
}

// TestDataURLCleanIntact: data: URLs with no personal data, in every
// context, plain SVG with numbers in its geometry, base64 images broken
// over lines, stay byte for byte as they were.
func TestDataURLCleanIntact(t *testing.T) {
	eng := testEngine(t)
	png := "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
	icon := base64.StdEncoding.EncodeToString([]byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M12 2 L 22 12 L 12 22 Z"/></svg>`))
	for _, c := range dataURLContexts {
		for _, u := range []string{
			`data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 20"><text x="0" y="15">Total: 3 <tspan>items</tspan>, 2026-12-05</text></svg>`,
			`data:image/svg+xml;charset=utf-8,<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080"><rect width="100%" height="100%" fill="%23f0f0f0"/><path d="M 138 1234 L 5678 90"/></svg>`,
			`data:text/html,<p>Version 13.8.1 build 2024 of 11 files</p>`,
			"data:image/png;base64," + png,
			"data:image/png;base64," + png[:40] + "\n" + png[40:],
			"data:image/svg+xml;base64," + icon[:30] + " " + icon[30:],
		} {
			u = quoteIn(u, c.quote)
			if c.quote != '`' && strings.Contains(u, "\n") && c.ct != "text/html" {
				continue
			}
			body := c.before + u + c.after
			if c.ct == "application/json" {
				body = c.before + strings.ReplaceAll(u, "\n", `\n`) + c.after
			}
			if res := mustInspect(t, eng, []byte(body), c.ct, "", Redact); res.Changed {
				t.Errorf("%s: %q -> %q", c.name, body, res.Body)
			}
		}
	}
}

// TestDataURLCharsets: a data: URL's charset parameter names the
// encoding of the document it holds, percent-encoded or base64: UTF-16
// with its NUL bytes, GBK, read as the text they spell.
func TestDataURLCharsets(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 3 {
		mob := synth.CNMobile(r)
		doc := `<p>Tel ` + mob[:3] + `<b></b>` + mob[3:] + `</p>`
		utf16 := make([]byte, 0, 2*len(doc))
		for i := 0; i < len(doc); i++ {
			utf16 = append(utf16, doc[i], 0)
		}
		gbk := append([]byte("<p>\xb5\xe7\xbb\xb0 "), doc[3:]...) // 电话 in GBK
		for _, u := range []string{
			"data:text/html;charset=utf-16le," + percentAll(utf16),
			"data:text/html;charset=UTF-16LE;base64," + base64.StdEncoding.EncodeToString(utf16),
			"data:text/html;charset=gbk," + percentAll(gbk),
			"data:text/html;charset=gbk;base64," + base64.StdEncoding.EncodeToString(gbk),
		} {
			body := `<iframe src="` + u + `"></iframe>`
			res := mustInspect(t, eng, []byte(body), "text/html", "", Redact)
			if want := `<iframe src="` + u[:strings.IndexByte(u, ',')+1] + base64Mask + `"></iframe>`; string(res.Body) != want {
				t.Errorf("%q\n got %q\nwant %q", body, res.Body, want)
			}
		}
	}
}

// percentAll percent-encodes every byte of b that is not a letter or a
// digit.
func percentAll(b []byte) string {
	var s strings.Builder
	for _, c := range b {
		if c < 0x80 && (isASCIILetterByte(c) || c >= '0' && c <= '9') {
			s.WriteByte(c)
			continue
		}
		s.WriteString("%" + strings.ToUpper(hex.EncodeToString([]byte{c})))
	}
	return s.String()
}

// TestDataURLFindText: the log filter's road (FindText, one field's
// value) reads a data: URL as a body's text does: a base64 payload in
// groups too short for the base64 reading to join, in a value that is
// the URL or in an attribute of one, is read whole and masked whole.
func TestDataURLFindText(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		id := synth.CNID18(r)
		doc := `<p class="x">ID ` + id[:6] + `<b></b>` + id[6:] + `</p>`
		b64 := base64.StdEncoding.EncodeToString([]byte(doc))
		var groups []string
		for len(b64) > 8 {
			groups, b64 = append(groups, b64[:8]), b64[8:]
		}
		payload := strings.Join(append(groups, b64), " \n")
		for _, c := range []struct{ before, after string }{
			{"data:text/html;base64,", ""},
			{`<iframe src='data:text/html;base64,`, `'></iframe>`},
		} {
			v := c.before + payload + c.after
			covered := false
			for _, f := range findText(t, eng, []byte(v), 0) {
				covered = covered || f.Start <= len(c.before) && f.End >= len(c.before)+len(payload)
			}
			if !covered {
				t.Errorf("%q: no finding masks the payload", v)
			}
		}
	}
}

// TestDataURLStrippedBytes: a URL's reader takes tabs and line breaks out
// of a URL and C0 controls and spaces off its start, so 138<line
// break>12345678 in a data: URL is one mobile to the document, da<tab>ta:
// is data:, and any run of white space may stand before the scheme, in
// the page as written or spelled with references (&#10;). A quote a
// style attribute spells with a reference (url(&quot;…&quot;)) is a
// quote to CSS.
func TestDataURLStrippedBytes(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		mob := synth.CNMobile(r)
		cut := 3 + r.IntN(7)
		for _, c := range []struct{ ct, before, payload, after string }{
			{"text/html", `<iframe src="data:text/html,`, `<p>Tel ` + mob[:cut] + "\n" + mob[cut:] + `</p>`, `"></iframe>`},
			{"text/html", `<iframe src='data:text/html,`, `<p>Tel ` + mob[:cut] + "\t\r\n" + mob[cut:] + `</p>`, `'></iframe>`},
			{"text/html", `<iframe src="data:text/html,`, `<p>Tel ` + mob[:cut] + `&#10;` + mob[cut:] + `</p>`, `"></iframe>`},
			{"text/html", `<iframe src="data:text/html,`, `<p>Tel ` + mob[:cut] + "%" + "\n" + fmt.Sprintf("%X", mob[cut]) + mob[cut+1:] + `</p>`, `"></iframe>`},
			{"text/html", "<iframe src=\"da\tt\na:text/html,", `<p>Tel ` + mob[:3] + `<b></b>` + mob[3:] + `</p>`, `"></iframe>`},
			{"text/html", `<iframe src="` + strings.Repeat(" ", 40) + `data:text/html,`, `<p>Tel ` + mob[:3] + `<b></b>` + mob[3:] + `</p>`, `"></iframe>`},
			{"text/html", "<iframe src=\"\x01\x1f data:text/html,", `<p>Tel ` + mob[:3] + `<b></b>` + mob[3:] + `</p>`, `"></iframe>`},
			{"text/html", `<div style="background:url(&quot;data:image/svg+xml,`, `<svg xmlns='http://www.w3.org/2000/svg'><text>Tel ` + mob[:3] + `<tspan>` + mob[3:] + `</tspan></text></svg>`, `&quot;)">x</div>`},
			{"text/html", `<div style='background:URL( &#39;data:image/svg+xml,`, `<svg xmlns="http://www.w3.org/2000/svg"><text>Tel ` + mob[:3] + `<tspan>` + mob[3:] + `</tspan></text></svg>`, `&#x27;)'>x</div>`},
			{"application/json", `{"u":"data:image/svg+xml,`, `<svg xmlns='http://www.w3.org/2000/svg'><text>` + mob[:cut] + `\n` + mob[cut:] + `</text></svg>`, `"}`},
		} {
			body := c.before + c.payload + c.after
			res := mustInspect(t, eng, []byte(body), c.ct, "", Redact)
			if want := c.before + base64Mask + c.after; string(res.Body) != want {
				t.Errorf("%q\n got %q\nwant %q", body, res.Body, want)
			}
		}
	}
}
