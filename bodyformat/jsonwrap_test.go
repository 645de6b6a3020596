package bodyformat

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestInvalidJSONKeepsSamples: a document that turns out not to be JSON
// (NaN at its end) after its walk found an identifier is read as text,
// and the text reading's findings still carry their samples
// (Limits.Samples): the walk given up takes none of them with it, so a
// campaign counts them.
func TestInvalidJSONKeepsSamples(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	mob := synth.CNMobile(r)
	for _, body := range []string{`{"tel":"` + mob + `","x":NaN}`, `while(1);{"tel":"` + mob + `","x":NaN}`} {
		res, err := Inspect(eng, []byte(body), "application/json", "", Scan, Limits{Samples: 10})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range res.Findings {
			if f.Fingerprint != "" {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%q: %d findings with a sample, want 1: %v", body, n, res.Findings)
		}
	}
}

// wrapPayloads are documents a client reads as JSON that only a JSON
// reading masks, or that hold an identifier spelled with \u escapes or
// as a key, with the part of the identifier that must not go out raw.
func wrapPayloads(r *rand.Rand) []struct{ name, doc, secret string } {
	m, id := mobileNoZeroAt(r, 3, 7), synth.CNID18(r)
	return []struct{ name, doc, secret string }{
		{"labelled join", `{"tel":"` + m[:3] + `","b":"` + m[3:7] + `","c":"` + m[7:] + `"}`, m[3:7]},
		{"escaped value", `{"x":"` + uEscaped(m) + `"}`, m[3:7]},
		{"key", `{"` + m + `":1}`, m[3:7]},
		{"escaped key", `{"` + uEscaped(m) + `":[1,2]}`, m[3:7]},
		{"escaped ID", `[{"x":"` + uEscaped(id) + `"}]`, id[6:14]},
	}
}

// uEscaped spells every byte of s as a JSON \u escape.
func uEscaped(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, `\u%04x`, s[i])
	}
	return b.String()
}

// TestWrappedJSONShapes: a document behind the wrappers an attacker pass
// found read as text only (JSONP with more arguments, export default, a
// comment before the wrapper longer than maxWrapper or holding a
// bracket, more declarators after it, anti-hijacking prefixes) is walked
// as JSON: no part of the identifier goes out raw, and once the client
// strips the wrapper the document is still valid JSON.
func TestWrappedJSONShapes(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	license := "/* " + strings.Repeat("Licensed under the MIT license. ", 9) + "*/\n// banner\n"
	wrappers := []struct{ ct, pre, post string }{
		{"application/javascript", "cb(", ", 200);"},
		{"application/javascript", "cb(200, ", ");"},
		{"application/javascript", "cb(", ") ;\n//# sourceMappingURL=x.map"},
		{"application/javascript", "export default ", ";"},
		{"application/javascript", "module.exports = ", ";\n"},
		{"application/javascript", license + "cb(", ");"},
		{"application/javascript", "/* [v2] */ cb(", ");"},
		{"application/javascript", "var a = ", ", b = 1;"},
		{"application/javascript", "/* v2 */\n// generated\n", "\n"},
		{"application/json", "throw 1; < don't be evil' >", ""},
		{"application/json", "{}&&", ""},
		{"application/json", "&&&START&&&", "&&&END&&&"},
		{"application/json", "/*-secure-\n", "\n*/"},
	}
	for _, p := range wrapPayloads(r) {
		for _, w := range wrappers {
			body := w.pre + p.doc + w.post
			res := mustInspect(t, eng, []byte(body), w.ct, "", Redact)
			out := string(res.Body)
			if strings.Contains(out, p.secret) || strings.Contains(out, uEscaped(p.secret)) {
				t.Errorf("%s %s: %q -> %q", p.name, w.ct, body, out)
			}
			inner, ok := strings.CutPrefix(out, w.pre)
			if inner, ok = strings.CutSuffix(inner, w.post); !ok || !json.Valid([]byte(inner)) {
				t.Errorf("%s %q -> %q: the document is no longer valid JSON", p.name, body, out)
			}
			assertStable(t, eng, res, w.ct)
		}
	}
}

// TestParsedLiteralWalked: a JSON document in the string literal a script
// passes to JSON.parse is read through both layers of escapes (the
// script's \\u0031 is JSON's \u0031, a digit): walked as JSON, and
// written back as a literal of the same quote whose content is still
// valid JSON. Code after the call is read as text.
func TestParsedLiteralWalked(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for _, p := range wrapPayloads(r) {
		for k, q := range []string{`'`, `"`, "`"} {
			lit := strings.ReplaceAll(p.doc, `\`, `\\`)
			if q == `"` {
				lit = strings.ReplaceAll(lit, `"`, `\"`)
			}
			// code may follow the call: the literal's end is its quote
			pre, post := "window.__DATA__ = JSON.parse("+q, q+[]string{");", "); init(window.__DATA__);", ").data;"}[k]
			body := pre + lit + post
			res := mustInspect(t, eng, []byte(body), "application/javascript", "", Redact)
			out := string(res.Body)
			if strings.Contains(out, p.secret) || strings.Contains(out, uEscaped(p.secret)) {
				t.Errorf("%s: %q -> %q", p.name, body, out)
			}
			inner, ok := strings.CutPrefix(out, pre)
			if inner, ok = strings.CutSuffix(inner, post); !ok {
				t.Fatalf("%q -> %q: the literal is gone", body, out)
			}
			if strings.Contains(inner, q) && !strings.Contains(inner, `\`+q) {
				t.Errorf("%q -> %q: an unescaped quote ends the literal", body, out)
			}
			dec, _, _ := decodeEscapes([]byte(inner), nil, nil)
			if !json.Valid(dec) {
				t.Errorf("%q -> %q: the literal no longer holds valid JSON", body, out)
			}
			assertStable(t, eng, res, "application/javascript")
		}
	}
}

// TestParsedLiteralInPlace: a masked JSON.parse literal is the original
// with only the masked values replaced: the rest keeps its spelling
// (\x22 for a quote, \' for an apostrophe).
func TestParsedLiteralInPlace(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	m := mobileNoZeroAt(r, 3, 7)
	keep := `JSON.parse('{\x22a\x22:\x22it\'s\x22,"tel":"`
	body := `var d = ` + keep + uEscaped(m)[:12] + m[2:] + `"}'); init(d);`
	body = strings.Replace(body, uEscaped(m)[:12], strings.ReplaceAll(uEscaped(m)[:12], `\`, `\\`), 1)
	res := mustInspect(t, eng, []byte(body), "application/javascript", "", Redact)
	out := string(res.Body)
	if strings.Contains(out, m[3:7]) || !strings.HasPrefix(out, `var d = `+keep) || !strings.HasSuffix(out, `"}'); init(d);`) {
		t.Errorf("%q -> %q", body, out)
	}
}

// TestScriptDocumentsWalked: the JSON in a page's script blocks
// (application/json, ld+json, an import map, __NEXT_DATA__, an
// assignment, JSON.parse) is walked as JSON, masked in place: the page
// around it and its other scripts stay as they were, and the block's
// content stays valid JSON.
func TestScriptDocumentsWalked(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	const page = "<!doctype html><html><head><title>Shop</title>"
	const tail = "<script>console.log('ready')</script></head><body><p>Order 42</p></body></html>"
	blocks := []struct{ open, pre, post string }{
		{`<script type="application/json">`, "", ""},
		{`<script type="application/ld+json">`, "\n", "\n"},
		{`<script type="importmap">`, "", ""},
		{`<script id="__NEXT_DATA__" type="application/json">`, "", ""},
		{`<script>`, "window.__DATA__ = ", ";"},
		{`<div hidden><script>`, "var d = ", ";"},
	}
	for _, p := range wrapPayloads(r) {
		for _, b := range blocks {
			body := page + b.open + b.pre + p.doc + b.post + "</script>" + tail
			res := mustInspect(t, eng, []byte(body), "text/html", "", Redact)
			out := string(res.Body)
			if strings.Contains(out, p.secret) || strings.Contains(out, uEscaped(p.secret)) {
				t.Errorf("%s: %q -> %q", p.name, body, out)
			}
			inner, ok := strings.CutPrefix(out, page+b.open+b.pre)
			if inner, ok = strings.CutSuffix(inner, b.post+"</script>"+tail); !ok || !json.Valid([]byte(inner)) {
				t.Errorf("%s %q -> %q: the page around changed or the block is no valid JSON", p.name, body, out)
			}
			assertStable(t, eng, res, "text/html")
		}
	}
}

// TestWrappedJSONClean: clean documents in every wrapper and script block
// read above, with look-alikes of identifiers (times, prices, versions,
// ids of other shapes, a phone label over a non-number), come out byte for
// byte as they went in, with no finding.
func TestWrappedJSONClean(t *testing.T) {
	eng := testEngine(t)
	docs := []string{
		`{"tel":"n/a","ts":1764900000,"price":"1380.00","v":"13.8.1234","order":"A-1381234","ids":["a","b"]}`,
		`[{"id":1},{"id":2,"sku":"SKU-1380-1234"},{"phone":"+00 (000) 000"}]`,
		`{"imports":{"react":"https://esm.sh/react@18.3.1","app":"/js/app.13812345.js"}}`,
		`{"@context":"https://schema.org","@type":"Product","gtin":"0012345678905","offers":{"price":"1999"}}`,
	}
	for _, doc := range docs {
		lit := strings.ReplaceAll(doc, `\`, `\\`)
		for _, c := range []struct{ ct, body string }{
			{"application/javascript", "cb(" + doc + ", 200);"},
			{"application/javascript", "cb(200, " + doc + ");"},
			{"application/javascript", "export default " + doc + ";"},
			{"application/javascript", "/* " + strings.Repeat("license ", 40) + "*/ cb(" + doc + ");"},
			{"application/javascript", "var a = " + doc + ", b = [1, 2];"},
			{"application/javascript", "/* v2 */ " + doc},
			{"application/javascript", "window.__DATA__ = JSON.parse('" + lit + "');"},
			{"application/json", "{}&&" + doc},
			{"application/json", "&&&START&&&" + doc + "&&&END&&&"},
			{"application/json", "/*-secure-\n" + doc + "\n*/"},
			{"text/html", `<p>x</p><script type="application/json">` + doc + `</script><p>y</p>`},
			{"text/html", `<script type="application/ld+json">` + doc + `</script>`},
			{"text/html", `<script>window.__DATA__ = ` + doc + `;</script>`},
			{"text/html", `<script>window.__DATA__ = JSON.parse('` + lit + `');</script>`},
		} {
			res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			if res.Changed || len(res.Findings) != 0 || string(res.Body) != c.body {
				t.Errorf("%s %q -> %q %v", c.ct, c.body, res.Body, res.Findings)
			}
		}
	}
}

// TestScriptDocumentsCountedOnce: a finding in a script block's JSON is
// counted once (the block is out of the page's view), in Scan as in
// Redact; an identifier read across the script element
// (187<script>{…}</script>67720441) is still masked whole.
func TestScriptDocumentsCountedOnce(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	m := mobileNoZeroAt(r, 3, 7)
	body := `<p>x</p><script type="application/json">{"tel":"` + m + `"}</script>`
	for _, mode := range []Mode{Scan, Redact} {
		res := mustInspect(t, eng, []byte(body), "text/html", "", mode)
		if len(res.Findings) != 1 {
			t.Errorf("mode %v: %d findings, want 1: %v", mode, len(res.Findings), res.Findings)
		}
	}
	m2 := mobileNoZeroAt(r, 3, 7)
	across := `<p>` + m2[:3] + `<script type="application/json">{"tel":"` + m + `"}</script>` + m2[3:] + `</p>`
	res := mustInspect(t, eng, []byte(across), "text/html", "", Redact)
	if out := string(res.Body); strings.Contains(out, m[3:7]) || strings.Contains(out, m2[3:7]) {
		t.Errorf("%q -> %q", across, out)
	}
}

// TestObjectLiteralBareKeys: a script's object literal with bare keys is
// no JSON and is read as text; the text reading decodes \u escapes in a
// script (JavaScript, a <script> block, JSONP), so a value spelled with
// them is caught whole, key or no key. An identifier split across the
// literal's members ({tel:"150",b:"7156",c:"1234"}) is not: the join by
// a label key is a JSON reading (residual, docs/threat-model.md).
func TestObjectLiteralBareKeys(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	m, id := mobileNoZeroAt(r, 3, 7), synth.CNID18(r)
	for _, c := range []struct{ ct, body, secret string }{
		{"application/javascript", `var a = {phone: "` + uEscaped(m) + `", n: 1};`, m[3:7]},
		{"application/javascript", `cb({phone: '` + uEscaped(m) + `'}, 200);`, m[3:7]},
		{"application/javascript", `export default {idNo: "` + uEscaped(id) + `"};`, id[6:14]},
		{"text/html", `<script>window.x = {phone: "` + uEscaped(m) + `"};</script>`, m[3:7]},
		{"text/html", `<script>window.x = {a: 1, "` + uEscaped(id) + `": true};</script>`, id[6:14]},
	} {
		res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
		if out := string(res.Body); strings.Contains(out, c.secret) || strings.Contains(out, uEscaped(c.secret)) {
			t.Errorf("%s %q -> %q", c.ct, c.body, out)
		}
	}
	clean := `var a = {phone: "\u006e/a", build: "\u0031\u0033\u0038", ts: 1764900000};`
	if res := mustInspect(t, eng, []byte(clean), "application/javascript", "", Redact); res.Changed || len(res.Findings) != 0 {
		t.Errorf("%q -> %q %v", clean, res.Body, res.Findings)
	}
}

// FuzzWrappedJSON checks, for any document in each wrapper read above
// (JSONP with more arguments, export default, JSON.parse('…'), a page's
// script block, the arguments of an array call): no panic; the wrapper comes out as it went in; a valid
// JSON document in is valid JSON out (in a literal: once the literal is
// decoded); and redacting the output again changes nothing.
func FuzzWrappedJSON(f *testing.F) {
	r := rng("fuzz")
	for _, p := range wrapPayloads(r) {
		f.Add([]byte(p.doc), uint8(0))
		f.Add([]byte(strings.ReplaceAll(p.doc, `\`, `\\`)), uint8(2))
	}
	f.Add([]byte(`{"a":"it\u0027s \"x\" <\/script>"}`), uint8(3))
	f.Add([]byte("[\"`${x}`\"]"), uint8(4))
	f.Add([]byte("138, 1234, 5678"), uint8(5))
	f.Add([]byte("1381234567,8"), uint8(6))
	eng := testEngine(f)
	wrappers := []struct{ ct, pre, post string }{
		{"application/javascript", "cb(", ", 200);"},
		{"application/javascript", "export default ", ";"},
		{"application/javascript", "x = JSON.parse('", "');"},
		{"text/html", `<p>1</p><script type="application/json">`, "</script><p>2</p>"},
		{"text/html", "<script>x = JSON.parse(`", "`)</script>"},
		{"application/javascript", "var mobile = new Array(", ");"}, // the numbers of an array call
		{"text/html", "<script>var tel = Array.of(", ")</script>"},
	}
	f.Fuzz(func(t *testing.T, doc []byte, k uint8) {
		w := wrappers[int(k)%len(wrappers)]
		if bytes.Contains(doc, []byte("</")) || bytes.ContainsAny(doc, "'`") && strings.Contains(w.pre, "JSON.parse") {
			return // would end the block or the literal: another body
		}
		body := w.pre + string(doc) + w.post
		res := mustInspect(t, eng, []byte(body), w.ct, "", Redact)
		out := string(res.Body)
		inner, ok := strings.CutPrefix(out, w.pre)
		if inner, ok = strings.CutSuffix(inner, w.post); !ok {
			return // a finding ran into the wrapper: masked with it
		}
		valid := func(s string) bool {
			dec := []byte(s)
			if strings.Contains(w.pre, "JSON.parse") {
				dec, _, _ = decodeEscapes(dec, nil, nil)
			}
			return looksLikeJSON(dec) && json.Valid(dec) // a document, not a scalar read as text
		}
		if valid(string(doc)) && jsonDepth(doc) <= DefaultMaxDepth && !valid(inner) {
			t.Fatalf("valid in, invalid out:\nin:  %q\nout: %q", body, out)
		}
		assertStable(t, eng, res, w.ct)
	})
}
