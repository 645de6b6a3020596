package bodyformat

import (
	"bytes"
	"math/rand/v2"
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
