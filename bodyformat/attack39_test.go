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
		"code point hex":   `String.fromCodePoint(` + codes(func(c rune) string { return fmt.Sprintf("0X%X", c) }) + `)`,
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
// as "tel 167 8616 4446"; each is sent as it is (checked against goldmark
// by hand). Expected to fail.
func TestAttack39MarkdownFiveDeep(t *testing.T) {
	for name, wrap := range map[string][2]string{
		"link strong em del em code":     {"[**_~~*`", "`*~~_**](/x)"},
		"link strong em del em strong":   {"[**_~~***", "***~~_**](/x)"},
		"link em strong del em code":     {"[***~~_`", "`_~~***](/x)"},
		"link del strong em em del":      {"[~~**_*~~", "~~*_**~~](/x)"},
		"link em strong del em code 2":   {"[_**~~*`", "`*~~**_](/x)"},
		"spaced strong em del em strong": {" **_~~*__", "__*~~_** "},
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
