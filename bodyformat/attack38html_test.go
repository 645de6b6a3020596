package bodyformat

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack38NestedHiddenDecoy: a decoy hidden element between the
// groups of a mobile is read as absent (the page shows "tel 1xx" then the
// rest: one number), but a hidden element inside a hidden one is not:
// "tel 172<span hidden><span hidden>9</span>9</span>36949929" shows
// 17236949929 and is sent as it is (one level of hidden is masked). And
// a hidden element's content, read as its text (textContent: no break
// for a block), "tel <div>172</div>36949929", is one number unread.
// (Both as before this session: not regressions of the one-reader
// rewrite.)
func TestAttack38NestedHiddenDecoy(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rand.New(rand.NewPCG(38, 61)))
	a, b := m[:3], m[3:]
	for name, page := range map[string]string{
		"hidden in hidden":       `<p>tel ` + a + `<span hidden><span hidden>9</span>9</span>` + b + `</p>`,
		"display none in hidden": `<p>tel ` + a + `<span hidden><span style="display:none">9</span>9</span>` + b + `</p>`,
		"block in hidden":        `<div hidden>tel <div>` + a + `</div>` + b + `</div>`,
	} {
		t.Run(name, func(t *testing.T) {
			res, err := Inspect(eng, []byte(page), "text/html", "", Redact, Limits{})
			if err == nil && bytes.Contains(res.Body, []byte(b)) {
				t.Errorf("%s: sent as %s", page, res.Body)
			}
		})
	}
}

// TestAttack38CharCodeSpellings: the char codes reading (charcodes.go)
// takes String.fromCharCode(49,56,…) but no other spelling a JavaScript
// engine runs to the same string: a trailing comma (ES2017), a comment
// among the arguments, bracket access, spread or apply of an array, and
// numbers written 49.0, 0o61 or 49e0. Each builds the mobile, sent as it
// is. (As before this session: the parse-before-copy rewrite kept the
// grammar.)
func TestAttack38CharCodeSpellings(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rand.New(rand.NewPCG(38, 71)))
	codes := func(f string) string {
		var p []string
		for _, c := range m {
			p = append(p, fmt.Sprintf(f, c))
		}
		return strings.Join(p, ",")
	}
	for name, js := range map[string]string{
		"trailing comma": `String.fromCharCode(` + codes("%d") + `,)`,
		"comment":        `String.fromCharCode(/*x*/` + codes("%d") + `)`,
		"bracket access": `String["fromCharCode"](` + codes("%d") + `)`,
		"spread":         `String.fromCharCode(...[` + codes("%d") + `])`,
		"apply":          `String.fromCharCode.apply(null, [` + codes("%d") + `])`,
		"decimal point":  `String.fromCharCode(` + codes("%d.0") + `)`,
		"octal literal":  `String.fromCharCode(` + codes("0o%o") + `)`,
		"exponent":       `String.fromCharCode(` + codes("%de0") + `)`,
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

// TestHiddenCloseMatched: a hidden element's content runs to its own end
// tag, elements of its name inside counted (hiddenClose), and a hidden
// void element hides nothing after it: a mobile split around such
// content is read whole.
func TestHiddenCloseMatched(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rand.New(rand.NewPCG(38, 62)))
	a, b := m[:3], m[3:]
	for _, page := range []string{
		`<div hidden>tel <div>` + a + `</div><div>` + b + `</div></div>`,
		`<p>tel ` + a + `<img hidden>` + b + `</p>`,
		`<p>tel ` + a + `<span hidden><b hidden>9</b><span>9</span></span>` + b + `</p>`,
		`<p>tel ` + a + `<SPAN hidden><span-x>9</span-x><Span hidden>9</SPAN>9</span>` + b + `</p>`,
	} {
		res, err := Inspect(eng, []byte(page), "text/html", "", Redact, Limits{})
		if err == nil && bytes.Contains(res.Body, []byte(b)) {
			t.Errorf("%s: sent as %s", page, res.Body)
		}
	}
	raw := []byte(`<span hidden>1<span-x>2</span-x><SPAN>3</Span >4</span>5`)
	end := bytes.IndexByte(raw, '>') + 1
	if got, want := hiddenClose(raw, end, []byte("span")), bytes.LastIndex(raw, []byte("</span>")); got != want {
		t.Errorf("hiddenClose = %d, want %d", got, want)
	}
	if got := hiddenClose([]byte(`<img hidden>5`), 12, []byte("img")); got != 12 {
		t.Errorf("hiddenClose of a void element = %d, want 12", got)
	}
}
