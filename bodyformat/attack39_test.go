package bodyformat

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack39CharCodeValues: String.fromCharCode takes each argument
// through ToNumber then ToUint16 (ECMA-262 22.1.2.1), so a code is read
// modulo 65536, a fraction is cut, a negative wraps, and a string, an
// array or a unary plus converts to a number. codeNumber (charcodeargs.go)
// takes only a whole literal up to utf8.MaxRune and reads 65585 as
// U+10031 where JavaScript shows "1". Each spelling below builds the
// mobile in a browser and is sent as it is. Expected to fail.
func TestAttack39CharCodeValues(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rand.New(rand.NewPCG(39, 1)))
	codes := func(f func(c rune) string) string {
		var p []string
		for _, c := range m {
			p = append(p, f(c))
		}
		return strings.Join(p, ",")
	}
	for name, js := range map[string]string{
		"modulo 65536":     `String.fromCharCode(` + codes(func(c rune) string { return fmt.Sprint(int(c) + 65536) }) + `)`,
		"modulo 2^32":      `String.fromCharCode(` + codes(func(c rune) string { return fmt.Sprint(int64(c) + 1<<32) }) + `)`,
		"fraction cut":     `String.fromCharCode(` + codes(func(c rune) string { return fmt.Sprintf("%d.5", c) }) + `)`,
		"negative wraps":   `String.fromCharCode(` + codes(func(c rune) string { return fmt.Sprint(int(c) - 65536) }) + `)`,
		"string arguments": `String.fromCharCode(` + codes(func(c rune) string { return fmt.Sprintf(`"%d"`, c) }) + `)`,
		"unary plus":       `String.fromCharCode(` + codes(func(c rune) string { return fmt.Sprintf(`+%d`, c) }) + `)`,
		"parenthesised":    `String.fromCharCode(` + codes(func(c rune) string { return fmt.Sprintf(`(%d)`, c) }) + `)`,
		"optional call":    `String.fromCharCode?.(` + codes(func(c rune) string { return fmt.Sprint(int(c)) }) + `)`,
		"Reflect.apply":    `Reflect.apply(String.fromCharCode, null, [` + codes(func(c rune) string { return fmt.Sprint(int(c)) }) + `])`,
		"one per tag":      strings.Join(strings.Split(codes(func(c rune) string { return fmt.Sprintf("String.fromCharCode`%d`", c) }), ","), "+"),
	} {
		t.Run(name, func(t *testing.T) {
			body := []byte(`var t = "tel " + ` + js + `;`)
			res, err := Inspect(eng, body, "application/javascript", "", Redact, Limits{})
			if err == nil && !res.Changed {
				t.Errorf("%s: sent as it is", body)
			}
		})
	}
}

// TestAttack39HiddenCloseDecoys: hiddenClose (hiddenclose.go) matches a
// hidden element's end tag by counting every "<name" and "</name" in its
// content, wherever they stand: in a comment, a script, a style, a
// textarea or title (raw and escapable raw text), an attribute value, or
// a CDATA section (a bogus comment in HTML). A browser reads none of those
// as tags, so the whole hidden element hides what it holds and
// "tel 145<span hidden>9<!--</span>-->9</span>80347939" shows one mobile;
// the reading ends the hidden content early (or never) and the decoy 9
// joins the number: sent as it is. (The control without a decoy is
// masked, TestHiddenCloseMatched.) Expected to fail.
func TestAttack39HiddenCloseDecoys(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rand.New(rand.NewPCG(39, 21)))
	a, b := m[:3], m[3:]
	for name, inner := range map[string]string{
		"end tag in comment":     `9<!--</span>-->9`,
		"start tag in comment":   `9<!--<span>-->9`,
		"end tag in script":      `9<script>"</span>"</script>9`,
		"start tag in script":    `9<script>"<span>"</script>9`,
		"end tag in attribute":   `<b title="</span>">9</b>9`,
		"start tag in attribute": `<b title="<span>">9</b>9`,
		"end tag in textarea":    `9<textarea></span></textarea>9`,
		"end tag in style":       `9<style></span></style>9`,
		"end tag in title":       `9<title></span></title>9`,
		"end tag in CDATA":       `9<![CDATA[</span>]]>9`,
	} {
		t.Run(name, func(t *testing.T) {
			page := `<p>tel ` + a + `<span hidden>` + inner + `</span>` + b + `</p>`
			res, err := Inspect(eng, []byte(page), "text/html", "", Redact, Limits{})
			if err == nil && bytes.Contains(res.Body, []byte(b)) {
				t.Errorf("%s: sent as %s", page, res.Body)
			}
		})
	}
}

// TestAttack39MarkdownFiveDeep: the Markdown reading (markdown*.go) reads
// pairs and links inside each other to four deep; a CommonMark renderer
// has no such bound. goldmark v1.8.6 (GFM) renders
// "tel 167[**_~~*`8616`*~~_**](/x)4446" as
// <a><strong><em><del><em><code>8616</code>…</a>: the text
// "tel 16786164446", one mobile, and "tel 167 **_~~*__8616__*~~_** 4446"
// as "tel 167 8616 4446"; each was sent as it is (checked against goldmark
// by hand). Past the depth the innermost is read flat (markdownReading.flat).
// A run nested in a longer run of its own delimiter (`***` inside `**`,
// `__` inside `_`: "[**_~~***8616***~~_**](/x)") is still passed and is a
// residual in docs/threat-model.md (innerPair).
func TestAttack39MarkdownFiveDeep(t *testing.T) {
	for name, wrap := range map[string][2]string{
		"link strong em del em code":   {"[**_~~*`", "`*~~_**](/x)"},
		"link em strong del em code":   {"[***~~_`", "`_~~***](/x)"},
		"link em strong del em code 2": {"[_**~~*`", "`*~~**_](/x)"},
	} {
		t.Run(name, func(t *testing.T) {
			assertMarkdownShapesMasked(t,
				func(a, b, c string) string { return "tel " + a + "**" + b + "**" + c },
				func(a, b, c string) []string { return []string{"tel " + a + wrap[0] + b + wrap[1] + c} })
		})
	}
}

// TestAttack39StreamLongSeparators: an LLM's reply streamed as
// delta.content events, a mobile's pieces with what a renderer shows as
// nothing between them, is masked when the same text comes in one event
// (the control, "手机 187****0684 好") but passes with its middle digits
// raw when the separators are long: 200 soft hyphens or 100 zero width
// spaces, an HTML comment or a title attribute of 300 bytes, a link
// destination of 300 bytes (the joined stream reading's hops and bytes
// are bounded, and past the bound it lets the pieces go as they are,
// whether the stream pauses or not). Paused after each event, a
// character reference (&#8203;, &shy;, which a Markdown renderer shows as
// nothing) or a soft line break (shown as a space: "187 1431 0684")
// between the pieces shows the middle group too (the promise is at most
// 4 digits, TestAttack36StreamPausedMarkdownShowsSeven). Expected to
// fail.
func TestAttack39StreamLongSeparators(t *testing.T) {
	m := synth.CNMobile(rand.New(rand.NewPCG(39, 41)))
	a, b, c := m[:3], m[3:7], m[7:]
	long := strings.Repeat("x", 300)
	shownText := func(shown string) string {
		var dec string
		if err := json.Unmarshal([]byte(`"`+shown+`"`), &dec); err != nil {
			t.Fatalf("%q: %v", shown, err)
		}
		return dec
	}
	for _, tc := range []struct {
		name   string
		pieces []string
		paused []bool
	}{
		{"200 soft hyphens", []string{"手机 ", a, strings.Repeat("\u00ad", 200), b, strings.Repeat("\u00ad", 200), c, " 好"}, []bool{false, true}},
		{"100 zero width spaces", []string{"手机 ", a, strings.Repeat("\u200b", 100), b, strings.Repeat("\u200b", 100), c, " 好"}, []bool{false, true}},
		{"long comment", []string{"手机 ", a, "<!--" + long + "-->", b, "<!--" + long + "-->", c, " 好"}, []bool{false, true}},
		{"long title attribute", []string{"手机 ", a, "<span title='" + long + "'>", b, "</span>", c, " 好"}, []bool{false, true}},
		{"long link destination", []string{"手机 ", a, "[", b, "](/" + long + ")", c, " 好"}, []bool{false, true}},
		{"character references", []string{"手机 ", a, "&#8203;", b, "&shy;", c, " 好"}, []bool{true}},
		{"character references split", []string{"手机 ", a, "&#", "8203;", b, "&sh", "y;", c, " 好"}, []bool{true}},
		{"soft line breaks", []string{"手机 ", a, "\n", b, "\n", c, " 好"}, []bool{true}},
	} {
		if one := shownText(sendDeltas(t, []string{strings.Join(tc.pieces, "")}, false)); strings.Contains(one, b) {
			t.Fatalf("%s: control, one event, shows %q", tc.name, one)
		}
		for _, paused := range tc.paused {
			t.Run(fmt.Sprintf("%s/paused=%v", tc.name, paused), func(t *testing.T) {
				shown := shownText(sendDeltas(t, tc.pieces, paused))
				n := 0
				for _, p := range []string{a, b, c} {
					if strings.Contains(shown, p) {
						n += len(p)
					}
				}
				if strings.Contains(shown, b) || paused && n > 4 {
					t.Errorf("client shows %d digits of %s: %q", n, m, shown)
				}
			})
		}
	}
}

// pdfObjStmDictOf is pdfObjStm with its dictionary written by dict from
// the count of objects and the header's length (FlateDecode added).
func pdfObjStmDictOf(nums []int, objs []string, dict func(n, first int) string) string {
	var head, body strings.Builder
	for k, o := range objs {
		head.WriteString(strconv.Itoa(nums[k]) + " " + strconv.Itoa(body.Len()) + " ")
		body.WriteString(o + "\n")
	}
	return pdfStreamOf(dict(len(objs), head.Len()), head.String()+body.String(), true)
}

// pdfPagesInObjStmDict is pdfPagesInObjStm with the object stream's
// dictionary written by dict.
func pdfPagesInObjStmDict(content, form string, dict func(n, first int) string, extra ...string) []byte {
	compressed := []string{
		"<< /Type /Catalog /Pages 21 0 R >>",
		"<< /Type /Pages /Kids [22 0 R 23 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 21 0 R /Resources 24 0 R /Contents 2 0 R >>",
		"<< /Type /Page /Parent 21 0 R /Contents 3 0 R >>",
		"<< /XObject << /Fm1 4 0 R >> >>",
	}
	objs := []string{
		"<< /Type /XRef /Size 25 >>",
		pdfStreamObj("", content),
		pdfStreamObj("", "BT /F1 12 Tf 72 500 Td (Page two) Tj ET"),
		pdfStreamObj("/Type /XObject /Subtype /Form /BBox [0 0 612 792]", form),
		pdfObjStmDictOf([]int{20, 21, 22, 23, 24}, compressed, dict),
	}
	return pdfObjects(append(objs, extra...))
}

// TestAttack39PDFObjStmDecoyKeys: an object stream's /N and /First are
// read by pdfDictInt (pdfobjstm.go), which takes the first "/N" and
// "/First" pdfKey finds anywhere in the dictionary: inside a nested
// dictionary, an array, a string or a comment, or the first of a key
// written twice. pdf.js reads the stream's own top-level keys (the last
// of a repeated one, Parser.makeDict). With a decoy "/N 1 /First 4"
// before the real ones the reading takes one object (the catalog, its
// body running over the rest of the data), finds no page tree, and the
// page dictionaries compressed in the stream are not read: a mobile a
// page starts and a form it draws ends (filed after page 2's stream, as
// TestPDFPagesInObjectStream builds it) passes unmasked and unrefused.
// With no decoy it is masked (control). Expected to fail.
func TestAttack39PDFObjStmDecoyKeys(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	page := "BT /F1 12 Tf 72 700 Td (Tel " + m[:3] + ") Tj ET q 1 0 0 1 42 0 cm /Fm1 Do Q"
	form := "BT /F1 12 Tf 72 700 Td (" + m[3:] + ") Tj ET"
	real := func(n, f int) string { return "/N " + strconv.Itoa(n) + " /First " + strconv.Itoa(f) }
	if red, found := pdfRefusedOrMasked(t, pdfPagesInObjStmDict(page, form, func(n, f int) string { return "/Type /ObjStm " + real(n, f) }), m[3:]); !red || !found {
		t.Fatalf("control: refused or masked %v, found %v", red, found)
	}
	for name, decoy := range map[string]string{
		"nested dictionary": "/X << /N 1 /First 4 >> ",
		"string":            "/X (/N 1 /First 4) ",
		"array":             "/X [/N 1 /First 4] ",
		"comment":           "% /N 1 /First 4\n",
		"repeated keys":     "/N 1 /First 4 ",
	} {
		t.Run(name, func(t *testing.T) {
			pdf := pdfPagesInObjStmDict(page, form, func(n, f int) string { return "/Type /ObjStm " + decoy + real(n, f) })
			if red, found := pdfRefusedOrMasked(t, pdf, m[3:]); !red || !found {
				t.Errorf("decoy %q: Tel %s refused or masked %v, found %v", decoy, m, red, found)
			}
		})
	}
}

// TestAttack39FormValueControlBytes: a form field named for a category
// with a tab or a line break between the groups of its value
// ("tel=196%090971%098998", the tab raw, an ID split by %0D%0A as a
// textarea sends it) is read by every form parser as the value
// "196\t0971\t8998"; the same text after its label as text/plain
// ("tel 196\t0971\t8998") is masked (control), as a form it passes, the
// field's name not taken for the label it is (as before the last
// session). binaryForm (binaryform.go) inherits it and also cuts a value
// at a control byte, so an untyped or octet-stream body
// "\x00\x00&tel=196\t0971\t8998" passes where "\x00\x00&tel=<mobile>"
// is refused. Expected to fail.
func TestAttack39FormValueControlBytes(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(39, 51))
	m := synth.CNMobile(r)
	id := synth.CNID18(r)
	for name, tc := range map[string]struct{ key, label, text, form string }{
		"tab escaped":  {"tel", "tel", m[:3] + "\t" + m[3:7] + "\t" + m[7:], m[:3] + "%09" + m[3:7] + "%09" + m[7:]},
		"tab raw":      {"tel", "tel", m[:3] + "\t" + m[3:7] + "\t" + m[7:], m[:3] + "\t" + m[3:7] + "\t" + m[7:]},
		"CR LF id":     {"idcard", "身份证号", id[:6] + "\r\n" + id[6:], id[:6] + "%0D%0A" + id[6:]},
		"CR LF id raw": {"idcard", "身份证号", id[:6] + "\r\n" + id[6:], id[:6] + "\r\n" + id[6:]},
	} {
		t.Run(name, func(t *testing.T) {
			if res, err := Inspect(eng, []byte(tc.label+" "+tc.text), "text/plain", "", Redact, Limits{}); err != nil || !res.Changed {
				t.Fatalf("control, text/plain %q: passes (%v)", tc.label+" "+tc.text, err)
			}
			form := "a=1&" + tc.key + "=" + tc.form
			if res, err := Inspect(eng, []byte(form), "application/x-www-form-urlencoded", "", Redact, Limits{}); err == nil && !res.Changed {
				t.Errorf("form %q passes", form)
			}
			body := "\x00\x00&" + tc.key + "=" + tc.form
			for _, ct := range []string{"", "application/octet-stream"} {
				if res, err := Inspect(eng, []byte(body), ct, "", Redact, Limits{}); err == nil && !res.Changed {
					t.Errorf("%q as %q: passes", body, ct)
				}
			}
		})
	}
}
