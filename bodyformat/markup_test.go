package bodyformat

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// tagsRE strips markup, as a reader's eye does, to check what a redacted
// document still says.
var tagsRE = regexp.MustCompile(`<!--.*?-->|<!\[CDATA\[|\]\]>|<[^>]*>`)

// TestMarkupReadAsRendered checks that values split by markup a reader does
// not see (inline tags, comments, CDATA sections) are found, and that
// attribute values and script text are read too.
func TestMarkupReadAsRendered(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	m, id, m2 := synth.CNMobile(r), synth.CNID18(r), synth.CNMobile(r)
	for _, c := range []struct {
		name, ct, body string
		gone           []string
	}{
		{"inline tags", "text/html",
			"<p>联系 " + m[:1] + "<b></b>" + m[1:3] + "<!-- x -->" + m[3:7] + "<span class=\"n\">" + m[7:] + "</span></p>",
			[]string{m}},
		{"custom elements", "text/html",
			"<p>身份证 <x-d>" + id[:6] + "</x-d><x-d>" + id[6:] + "</x-d></p>",
			[]string{id}},
		{"attribute", "text/html",
			`<img alt="tel ` + m + `" src="a.png"><a title='` + id + `' href=/x>x</a>`,
			[]string{m, id}},
		{"unquoted attribute", "text/html",
			`<div data-phone=` + m + `>x</div>`,
			[]string{m}},
		{"script", "text/html",
			`<script>if (a<b) { user = {"mobile": "` + m + `", "id": "` + uEscape(id) + `"}; }</script><p>ok</p>`,
			[]string{m, id, uEscape(id)}},
		{"cdata", "application/xml",
			`<r><m><![CDATA[` + m[:3] + `]]><![CDATA[` + m[3:] + `]]></m></r>`,
			[]string{m}},
		{"xml comment", "text/xml",
			`<r><id>` + id[:9] + `<!-- -->` + id[9:] + `</id></r>`,
			[]string{id}},
		{"padded references", "text/html",
			"<p>tel " + padRefs(m2) + "</p>",
			[]string{m2}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			seen := tagsRE.ReplaceAllString(string(res.Body), "")
			for _, g := range c.gone {
				if strings.Contains(string(res.Body), g) || strings.Contains(seen, g) {
					t.Errorf("%q survives in %s", g, res.Body)
				}
			}
			if strings.Contains(c.body, padRefs(m2)) && strings.Contains(string(res.Body), "&#") {
				t.Errorf("padded references survive in %s", res.Body)
			}
			assertStable(t, eng, res, c.ct)
		})
	}
}

// padRefs spells s as decimal character references padded with zeros.
func padRefs(s string) string {
	var b strings.Builder
	for _, c := range s {
		b.WriteString("&#" + strings.Repeat("0", 12) + string(rune('0'+c/10)) + string(rune('0'+c%10)) + ";")
	}
	return b.String()
}

// TestMarkupKeepsSeparateValues checks that values a reader sees apart
// stay apart: table cells, XML elements, line breaks inside no number.
func TestMarkupKeepsSeparateValues(t *testing.T) {
	eng := testEngine(t)
	for _, c := range []struct{ ct, body string }{
		{"text/html", "<table><tr><td>138</td><td>1234</td><td>5678</td></tr></table>"},
		{"application/xml", "<r><a>138</a><b>12345678</b></r>"},
		{"text/html", `<p class="13812345678x">2024</p>`},
	} {
		res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
		if res.Changed || len(res.Findings) > 0 {
			t.Errorf("%s: changed to %s", c.body, res.Body)
		}
	}
}

// TestMarkupInternalEntities checks that a document defining its own
// entities fails closed: its readers expand what the filter cannot.
func TestMarkupInternalEntities(t *testing.T) {
	eng := testEngine(t)
	doc := `<?xml version="1.0"?><!DOCTYPE r [ <!ENTITY a "13812"> ]><r>&a;345678</r>`
	for _, ct := range []string{"application/xml", "text/html"} {
		if _, err := Inspect(eng, []byte(doc), ct, "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err %v, want ErrMalformed", ct, err)
		}
	}
	ok := `<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd"><r>1</r>`
	if _, err := Inspect(eng, []byte(ok), "application/xml", "", Redact, Limits{}); err != nil {
		t.Errorf("external DTD only: %v", err)
	}
}

// FuzzMarkupView checks the markup view on any document: no panic, every
// byte of the view maps into the document, its text pieces are the
// document's bytes (HTML white space read as spaces), and inspecting never
// fails but for internal entities.
func FuzzMarkupView(f *testing.F) {
	for _, s := range []string{"", "<", "<a", "<!--", "<![CDATA[x", "<script>x", "<a b='c", `<p x=1>2<br/>3</p>`, "<!DOCTYPE [<!ENTITY", "<bdo dir=rtl>12<b>3</bdo></bdo>4", `<iframe srcdoc="&lt;p&gt;1&lt;b&gt;2">`, `138<i class=a>0</i><b>9</b>1234`, `1 <p>2</p><div>3</div> 4`} {
		f.Add([]byte(s), true)
	}
	eng := testEngine(f)
	f.Fuzz(func(t *testing.T, doc []byte, html bool) {
		view, segs, err := markupView(doc, html, nil)
		if err != nil {
			return
		}
		for v := range view {
			if o := rawOffset(segs, v); o < 0 || o >= len(doc) {
				t.Fatalf("view byte %d maps to %d, outside a document of %d bytes", v, o, len(doc))
			}
		}
		for k, g := range segs {
			if g.synthetic {
				continue // a separator standing for markup, not its bytes
			}
			raw := doc[g.raw : g.raw+g.n]
			if html { // HTML white space reads as the space a browser renders
				raw = bytes.Clone(raw)
				for i, c := range raw {
					if c == '\n' || c == '\r' || c == '\t' || c == '\f' {
						raw[i] = ' '
					}
				}
			}
			if string(view[g.textAt():g.viewEnd()]) != string(raw) {
				t.Fatalf("piece %d of the view is not the document's bytes", k)
			}
			if g.pre > 0 && string(view[g.view:g.textAt()]) != markupSep {
				t.Fatalf("piece %d of the view does not start with its separator", k)
			}
		}
		if html {
			// the view with decoys maps into the document too
			if hv, hsegs, ok, _ := markupViewHiding(doc, nil); ok {
				for v := range hv {
					if o := rawOffset(hsegs, v); o < 0 || o >= len(doc) {
						t.Fatalf("hiding view byte %d maps to %d, outside a document of %d bytes", v, o, len(doc))
					}
				}
			}
		}
		ct := "application/xml"
		if html {
			ct = "text/html"
		}
		if _, err := Inspect(eng, doc, ct, "", Redact, Limits{}); err != nil && !errors.Is(err, ErrMalformed) {
			t.Fatalf("Inspect: %v", err)
		}
	})
}

// TestMarkupInlineBlocks: elements laid out inline, and closing tags or
// empty elements right between two digits, do not split a number.
func TestMarkupInlineBlocks(t *testing.T) {
	r := rng("inline blocks")
	eng := testEngine(t)
	m := synth.CNMobile(r)
	for _, c := range []struct {
		doc  string
		html bool
	}{
		{`<div style="display:inline">` + m[:4] + `</div><div style="display:inline">` + m[4:] + `</div>`, true},
		{`<div style="display: inline-block">` + m[:3] + `</div>` + "\n" + `<div style="display: inline-block">` + m[3:] + `</div>`, true},
		{`<p><span style="float:left">` + m[:3] + `</span></p><p style="float:left">` + m[3:] + `</p>`, true},
		{`<r>` + m[:3] + `<x/>` + m[3:] + `</r>`, false},
	} {
		ct := "application/xml"
		if c.html {
			ct = "text/html"
		}
		res := mustInspect(t, eng, []byte(c.doc), ct, "", Redact)
		if !hasCategory(res.Findings, detect.CNMobile) {
			t.Errorf("%s: %+v", c.doc, res.Findings)
		}
	}
}

// TestHiddenIsTheAttribute: a class named like "hidden-xs" shows its
// content, which joins its neighbours; the hidden attribute does not.
func TestHiddenIsTheAttribute(t *testing.T) {
	for tag, want := range map[string]bool{
		`<span class="a hidden-xs">`:   false,
		`<span data-unhidden="1">`:     false,
		`<span hidden>`:                true,
		`<span hidden="">`:             true,
		`<span id=x hidden/>`:          true,
		`<span style="display: none">`: true,
	} {
		if got := hiddenElement([]byte("span"), []byte(tag)); got != want {
			t.Errorf("%s: hidden %v, want %v", tag, got, want)
		}
	}
}

// TestXMLElementsHoldOneNumber: the groups of a number split over XML
// elements named for a phone, an ID or a card (<tel>138</tel><tel>1234</tel>…,
// <phone><a>138</a><b>1234</b>…</phone>) are read joined behind the
// element's name, as a reader of the document takes it; each piece is
// masked in its own element, so the document stays well formed. Elements
// named for nothing stay apart.
func TestXMLElementsHoldOneNumber(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		m, id := mobileNoZeroAt(r, 3, 7), synth.CNID18(r)
		for _, c := range []struct{ body, secret string }{
			{"<r><tel>" + m[:3] + "</tel><tel>" + m[3:7] + "</tel><tel>" + m[7:] + "</tel></r>", m[3:7]},
			{"<r><phone><a>" + m[:3] + "</a><b>" + m[3:7] + "</b><c>" + m[7:] + "</c></phone></r>", m[3:7]},
			{"<p><idCard><x>" + id[:6] + "</x><y>" + id[6:14] + "</y><z>" + id[14:] + "</z></idCard></p>", id[6:14]},
		} {
			res := mustInspect(t, eng, []byte(c.body), "application/xml", "", Redact)
			if strings.Contains(string(res.Body), c.secret) || !wellFormed(res.Body) {
				t.Errorf("%q -> %q", c.body, res.Body)
			}
			assertStable(t, eng, res, "application/xml")
		}
	}
	clean := "<r><qty>138</qty><qty>1234</qty><qty>5678</qty></r>"
	if res := mustInspect(t, eng, []byte(clean), "application/xml", "", Redact); res.Changed {
		t.Errorf("%q -> %q", clean, res.Body)
	}
}

// wellFormed reports whether doc is well-formed XML.
func wellFormed(doc []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		if _, err := d.Token(); err != nil {
			return err == io.EOF
		}
	}
}
