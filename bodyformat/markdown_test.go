package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestMarkdownEmphasisRead: emphasis, strike-through and code spans a
// Markdown renderer (a chat client rendering an LLM's reply) shows as
// plain digits are read through, in a Markdown body, a JSON delta and
// text; two masks' stars with a word between are no emphasis.
func TestMarkdownEmphasisRead(t *testing.T) {
	r := rng(t.Name())
	m, id := synth.CNMobile(r), synth.CNID18(r)
	for _, c := range []struct{ ct, body, raw string }{
		{"text/markdown", "tel " + m[:1] + "**" + m[1:3] + "**" + m[3:] + " ok", m[3:]},
		{"text/markdown", "tel " + m[:3] + "`" + m[3:7] + "`" + m[7:], m[3:7] + "`" + m[7:]},
		{"text/markdown", "证件 " + id[:6] + "~~" + id[6:14] + "~~" + id[14:], id[6:14] + "~~" + id[14:]},
		{"text/plain", "tel *" + m[:3] + "*" + m[3:], m[3:]},
		{"text/markdown", "tel " + escapeAll(m[:3]) + "**" + m[3:5] + "**" + m[5:], m[5:]},
		{"application/json", `{"choices":[{"delta":{"content":"tel ` + m[:3] + "***" + m[3:7] + "***" + m[7:] + `"}}]}`, m[3:7] + "***" + m[7:]},
		{"application/json", `{"content":"tel ` + m[:3] + "``" + m[3:7] + "``" + m[7:] + `"}`, m[3:7] + "``" + m[7:]},
		// a link shows its text: 138[1234](#)5678 is one number
		{"text/markdown", "tel " + m[:3] + "[" + m[3:7] + "](https://x.example/a)" + m[7:], m[3:7] + "]("},
		{"application/json", `{"content":"tel ` + m[:3] + "[" + m[3:7] + "](#)" + m[7:] + `"}`, m[3:7] + "](#)" + m[7:]},
	} {
		res := mustInspect(t, testEngine(t), []byte(c.body), c.ct, "", Redact)
		if len(res.Findings) == 0 || strings.Contains(string(res.Body), c.raw) {
			t.Errorf("%s %q: %+v -> %q", c.ct, c.body, res.Findings, res.Body)
		}
		assertStable(t, testEngine(t), res, c.ct)
	}
	// two masks' stars pair over no letter (a renderer's
	// 138<strong><strong>5678 and 139</strong></strong>1234 shows no
	// number); emphasis around words is not read
	for _, body := range []string{"tel 138****5678 and 139****1234", "**bold** and *it* 12", "a `x` b ~~c~~ 7"} {
		if _, _, ok := decodeMarkdown([]byte(body)); ok && strings.Contains(body, "****") {
			t.Errorf("%q read as emphasis", body)
		}
		res := mustInspect(t, testEngine(t), []byte(body), "text/markdown", "", Redact)
		if hasCategory(res.Findings, detect.CNMobile) || res.Changed {
			t.Errorf("%q: %+v -> %q", body, res.Findings, res.Body)
		}
	}
}

// TestDecodeMarkdownMaps: the delimiters go, four stars too
// (<strong><strong>), every other byte keeps its offset.
func TestDecodeMarkdownMaps(t *testing.T) {
	in := "a 1**3**8 `4` ~5~ ****6****"
	dec, offs, ok := decodeMarkdown([]byte(in))
	if !ok || string(dec) != "a 138 4 5 6" {
		t.Fatalf("%q %v", dec, ok)
	}
	for k := range dec {
		if in[offs[k]] != dec[k] {
			t.Errorf("byte %d %q maps to %d %q", k, dec[k], offs[k], in[offs[k]])
		}
	}
}

// TestFlankingRules: a run of '*' or '~' opens emphasis only when
// CommonMark's left-flanking rule lets it, and closes it only when the
// right-flanking rule does: a mask's stars before an '@' and a star after
// one pair with nothing. A star inside an ASCII token that pairs with
// nothing is taken out as well: a name's mask (余*) written before it could
// pair with it on a renderer's screen.
func TestFlankingRules(t *testing.T) {
	for _, c := range []struct {
		in, want string
	}{
		{"余*idCard 0 mail:a1@*x.com", "余*idCard 0 mail:a1@x.com"}, // @* closes nothing; a star inside a token goes
		{"x z***@qq.com w***@qq.com 9", ""},                       // ***@ opens nothing
		{"tel 1**3**8", "tel 138"},                                // inside a word, both ways
		{"a *1* b", "a 1 b"},                                      // around a word
		{"(*1*)", "(1)"},                                          // punctuation outside
		{"x*(1)*y", "x*(1)y"},                                     // punctuation inside, words outside
		{"138`1234`5678 and a`-1`b", "13812345678 and a-1b"},      // code spans pair as they are
	} {
		dec, _, ok := decodeMarkdown([]byte(c.in))
		if got := string(dec); ok != (c.want != "") || ok && got != c.want {
			t.Errorf("%q: %q %v, want %q", c.in, got, ok, c.want)
		}
	}
	body := "姓名：余超idCArd 00000000 emAiA:000@*0.AAAAAAAAAAAAAAAAAAAA"
	res := mustInspect(t, testEngine(t), []byte(body), "text/plain", "", Redact)
	assertStable(t, testEngine(t), res, "text/plain")
}
