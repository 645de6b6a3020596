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
