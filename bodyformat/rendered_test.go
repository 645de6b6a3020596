package bodyformat

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestOverrideSpelledAsReference: a right-to-left override written as a
// character reference (&#x202E;, &#8238;) in HTML or XML reverses what
// follows it as the character does: the number shown the right way round
// is found.
func TestOverrideSpelledAsReference(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		mob := synth.CNMobile(r)
		back := reversed(mob)
		for _, c := range []struct{ ct, body string }{
			{"text/html", "<p>&#x202E;" + back + "</p>"},
			{"text/html", "<p>&#8238;" + back + "&#x202C; ok</p>"},
			{"application/xml", "<a>&#x0000202e;" + back + "</a>"},
			{"application/json", `{"a":"&#x202E;` + back + `"}`},
		} {
			res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			if !res.Changed || strings.Contains(string(res.Body), back) {
				t.Errorf("%s %q -> %q", c.ct, c.body, res.Body)
			}
		}
	}
}

// TestBrokenImageAltInline: an image that does not load shows its alt
// text where it stands, so digits in an alt between digits are read as
// part of the number; the page around stays intact.
func TestBrokenImageAltInline(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		mob := synth.CNMobile(r)
		for _, body := range []string{
			`<p>` + mob[:3] + `<img src="/gone.png" alt="` + mob[3:7] + `">` + mob[7:] + `</p>`,
			`<p>` + mob[:3] + `<IMG ALT='` + mob[3:7] + `' src=x>` + mob[7:] + `</p>`,
			`<p>` + mob[:3] + `<img alt=` + mob[3:7] + `>` + mob[7:] + `</p>`,
		} {
			res := mustInspect(t, eng, []byte(body), "text/html", "", Redact)
			if !res.Changed || strings.Contains(string(res.Body), mob[3:7]) {
				t.Errorf("%q -> %q", body, res.Body)
			}
		}
	}
	clean := `<p>Call us <img src="/phone.png" alt="phone"> today, 2026</p>`
	if res := mustInspect(t, eng, []byte(clean), "text/html", "", Redact); res.Changed {
		t.Errorf("%q -> %q", clean, res.Body)
	}
}

// reversed returns s with its characters in reverse order.
func reversed(s string) string {
	b := []rune(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

// TestGeneratedContentRead: text a page's own style sheet generates before
// or after an element (content strings, attr()) is read where the browser
// shows it, so a number it completes is found; such a number is masked
// whole (a partial mask's kept digits beside the generated text would
// spell it again), and with it the element's tag, which removes the
// generated text. Strings and attr() of one content value are read in
// order, and ::marker's content before a list item's. Pages with
// generated labels and bullets are unchanged.
func TestGeneratedContentRead(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		mob := synth.CNMobile(r)
		for _, body := range []string{
			`<style>.t::before{content:"` + mob[:3] + `"}</style><p><span class="t"></span>` + mob[3:] + `</p>`,
			`<style>.t:after { content: "` + mob[3:] + `" }</style><p><span class="t">` + mob[:3] + `</span></p>`,
			`<style>.t::after{content:attr(data-x)}</style><p><span class="t" data-x="` + mob[3:] + `">` + mob[:3] + `</span></p>`,
			`<style>@media screen{ span.a::before{content:"` + mob[:3] + `"} .a::after{content:"` + mob[3:] + `"} }</style><p>x <span class="a"></span> y</p>`,
			`<style>#n::before{content:"\31 ` + mob[1:3] + `"}</style><div><b id="n"></b>` + mob[3:] + `</div>`,
			// several parts, in order; a list item's marker
			`<style>.t::before{content:attr(data-a) attr(data-b)}</style><p><span class="t" data-a="` + mob[:3] + `" data-b="` + mob[3:7] + `"></span>` + mob[7:] + `</p>`,
			`<style>.t::before{content:"` + mob[:3] + `" attr(data-b)}</style><p><span class="t" data-b="` + mob[3:7] + `"></span>` + mob[7:] + `</p>`,
			`<style>.t::marker{content:"` + mob[:3] + `"}</style><ul><li class="t">` + mob[3:] + `</li></ul>`,
		} {
			res := mustInspect(t, eng, []byte(body), "text/html", "", Redact)
			out := string(res.Body)
			if !res.Changed || strings.Contains(out, ">"+mob[:3]) || strings.Contains(out, mob[3:]+"<") || strings.Contains(out, mob[len(mob)-4:]+"<") {
				t.Errorf("%q -> %q", body, out)
			}
		}
	}
	for _, clean := range []string{
		`<style>li::before{content:"• "} .tel::before{content:"Tel: "}</style><ul><li>Open 9 to 5</li></ul><p class="tel">call the desk</p>`,
		`<style>.n::after{content:attr(data-n)}</style><p><span class="n" data-n="3">Page 1 of </span></p>`,
	} {
		if res := mustInspect(t, eng, []byte(clean), "text/html", "", Redact); res.Changed {
			t.Errorf("%q -> %q", clean, res.Body)
		}
	}
}

// TestRTFMentionInPage: a page that mentions {\rtf (a help page, a code
// sample) is no RTF document: its numbers are masked where they stand,
// and the page is neither duplicated nor cut.
func TestRTFMentionInPage(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	mob := synth.CNMobile(r)
	for _, c := range []struct{ ct, body string }{
		{"text/html", `<p>see {\rtf1}</p><p>电话 ` + mob},
		{"text/html", `<html><body><p>RTF files start with {\rtf1</p><p>电话 ` + mob + `</p></body></html>`},
		{"application/xml", `<a>{\rtf1</a><m>` + mob + `</m>`},
	} {
		res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
		out := string(res.Body)
		if !res.Changed || strings.Contains(out, mob) || strings.Count(out, `{\rtf`) != 1 || len(out) > len(c.body)+8 {
			t.Errorf("%s %q -> %q", c.ct, c.body, out)
		}
		assertStable(t, eng, res, c.ct)
	}
}

// TestMarkupValueReadEveryWay: markup in a JSON value (a post a page puts
// in with innerHTML) is read in every reading a page is: one group a
// paragraph behind a label, a script's array, a delimiter spelled as a
// reference.
func TestMarkupValueReadEveryWay(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		m := mobileNoZeroAt(r, 3, 7)
		a, b, c := m[:3], m[3:7], m[7:]
		for _, html := range []string{
			`<p>手机：</p><p>` + a + `<\/p><p>` + b + `</p><p>` + c + `</p>`,
			`<p>x</p><script>var d = [\"` + a + `\",\"` + b + `\",\"` + c + `\"];</script>`,
			`<p>手机：` + a + `&#124;` + b + `&#124;` + c + `</p>`,
		} {
			body := `{"post":"` + html + `"}`
			res := mustInspect(t, eng, []byte(body), "application/json", "", Redact)
			if strings.Contains(string(res.Body), b) || !json.Valid(res.Body) {
				t.Errorf("%q -> %q", body, res.Body)
			}
			assertStable(t, eng, res, "application/json")
		}
	}
}
