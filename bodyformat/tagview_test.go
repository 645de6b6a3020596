package bodyformat

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// tagRefs returns s spelled as character references to the tag
// characters that mirror it (&#xE0031; for '1').
func tagRefs(s string) string {
	var b strings.Builder
	for _, c := range s {
		fmt.Fprintf(&b, "&#x%X;", 0xE0000+c)
	}
	return b.String()
}

// tagEscapes returns s spelled as the UTF-16 escapes of the tag
// characters that mirror it (\uDB40\uDC31 for '1'), as JSON.stringify and
// many encoders write them.
func tagEscapes(s string) string {
	var b strings.Builder
	for _, c := range s {
		u := 0xE0000 + c - 0x10000
		fmt.Fprintf(&b, `\u%04X\u%04X`, 0xD800+(u>>10), 0xDC00+(u&0x3FF))
	}
	return b.String()
}

// tagCSS returns s spelled as the CSS escapes of the tag characters that
// mirror it (\E0031 for '1').
func tagCSS(s string) string {
	var b strings.Builder
	for _, c := range s {
		fmt.Fprintf(&b, `\%X `, 0xE0000+c)
	}
	return b.String()
}

// TestTagMaskOverTags: a mobile spelled in tag characters, written or
// spelled as references or escapes, in a group of a delimited number or
// under a phone key, is masked where its tags stand: no tag digit of it
// is left, nothing before or after the tags is touched, and the body
// stays valid UTF-8 (and valid JSON where it was).
func TestTagMaskOverTags(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		tags := tagSpelled(m)
		for _, c := range []struct{ ct, before, spelled, after string }{
			{"text/plain", "hello ", tags, " world"},
			{"text/plain", "手机 ", tagSpelled(m[:3] + "|" + m[3:7] + "|" + m[7:]), "。"},
			{"application/json", `{"messages":[{"role":"user","content":"tel `, tags, `"}]}`},
			{"application/json", `{"note":"手机 `, tagSpelled(m[:3] + " " + m[3:7] + " " + m[7:]), `"}`},
			{"text/html", "<p>tel ", tagRefs(m), "</p>"},
			{"application/javascript", `var note = "tel `, tagEscapes(m), `";`},
		} {
			body := c.before + c.spelled + c.after
			res := mustInspect(t, eng, []byte(body), c.ct, "", Redact)
			out := string(res.Body)
			if !res.Changed || !utf8.Valid(res.Body) {
				t.Errorf("%s: %+q -> %+q (valid UTF-8: %v)", c.ct, body, out, utf8.Valid(res.Body))
				continue
			}
			if !strings.HasPrefix(out, c.before) || !strings.HasSuffix(out, c.after) {
				t.Errorf("%s: the mask is not where the tags stood: %+q -> %+q", c.ct, body, out)
			}
			for _, spelled := range []string{tagSpelled(m[3:7]), tagRefs(m[3:7]), tagEscapes(m[3:7]), m[3:7]} {
				if strings.Contains(out, spelled) {
					t.Errorf("%s: %+q left in %+q", c.ct, spelled, out)
				}
			}
			if c.ct == "application/json" && !json.Valid(res.Body) {
				t.Errorf("%s: %+q is no JSON", c.ct, out)
			}
		}
		body := `{"phone":{"a":"` + tagSpelled(m[:3]) + `","b":"` + tagSpelled(m[3:]) + `"}}`
		res := mustInspect(t, eng, []byte(body), "application/json", "", Redact)
		var v struct{ Phone struct{ A, B string } }
		if err := json.Unmarshal(res.Body, &v); err != nil || !res.Changed {
			t.Fatalf("%+q -> %+q: %v", body, res.Body, err)
		}
		if strings.Contains(v.Phone.B, tagSpelled(m[3:7])) || strings.Contains(v.Phone.A, tagSpelled(m[:3])) && strings.Contains(v.Phone.B, tagSpelled(m[7:])) {
			t.Errorf("members under a phone key keep their tags: %+q", res.Body)
		}
	}
}

// TestTagFlagsByteIdentical: the tag sequences of subdivision flags
// (England, Scotland, Wales: U+1F3F4, the region's letters in tags,
// CANCEL TAG), written or spelled as references or escapes, next to
// counts, dates and scores, are no identifier: a clean body with them
// comes out byte for byte as it went in.
func TestTagFlagsByteIdentical(t *testing.T) {
	eng := testEngine(t)
	flags := []string{"gbeng", "gbsct", "gbwls"}
	for _, region := range flags {
		flag := "\U0001F3F4" + tagSpelled(region) + "\U000E007F"
		refs := "&#x1F3F4;" + tagRefs(region) + "&#xE007F;"
		esc := `\uD83C\uDFF4` + tagEscapes(region) + `\uDB40\uDC7F`
		for _, c := range []struct{ ct, body string }{
			{"text/plain", "go " + flag + " 2026 won 3 of 5, kick-off 19:45, 2-1 at half time"},
			{"text/plain", flag + flag + " 12 345 678 fans, " + flag + "1-0" + flag},
			{"text/markdown", "| team | score |\n|---|---|\n| " + flag + " | 3 |\n| " + flag + " | 12 |\n"},
			{"application/json", `{"team":"` + flag + `","goals":[3,1,4],"note":"` + flag + ` 2026-06-14 20:00"}`},
			{"application/json", `{"team":"` + esc + `","goals":"3 1 4 1 5 9 2 6"}`},
			{"text/html", "<p>" + refs + " 2026 " + flag + " won 3&#8211;1, 45&#x27; " + refs + "</p>"},
			{"application/javascript", `var t = "` + esc + ` 2026", s = [3, 1, 4];`},
			{"text/event-stream", "data: {\"content\":\"" + flag + " 3\"}\n\ndata: {\"content\":\"-1 in 2026\"}\n\n"},
		} {
			res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			if res.Changed || !bytes.Equal(res.Body, []byte(c.body)) {
				t.Errorf("%s: %+q -> %+q", c.ct, c.body, res.Body)
			}
		}
	}
}

// TestTagsSpelledByCode: tag characters spelled by their codes in the
// other spellings a receiver decodes (percent escapes of their UTF-8, a
// style sheet's CSS escapes, a script's String.fromCodePoint) reach the
// tag view through the first stage that decodes them: the mobile they
// mirror is masked.
func TestTagsSpelledByCode(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	spell := func(s, format string) string {
		var b strings.Builder
		for _, c := range s {
			if format == "%" {
				fmt.Fprintf(&b, "%%F3%%A0%%%02X%%%02X", 0x80|(0xE0000+c)>>6&1, 0x80|c&0x3F)
				continue
			}
			fmt.Fprintf(&b, format, 0xE0000+c)
		}
		return b.String()
	}
	for range 3 {
		m := synth.CNMobile(r)
		for _, c := range []struct{ ct, body string }{
			{"text/plain", "https://example.com/s?q=tel+" + spell(m, "%")},
			{"text/css", `p::before{content:"tel ` + tagCSS(m) + `"}`},
			{"application/javascript", "var s = String.fromCodePoint(" + strings.TrimSuffix(spell(m, "0x%X,"), ",") + ");"},
		} {
			res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			if !res.Changed || !utf8.Valid(res.Body) {
				t.Errorf("%s: a mobile in tags spelled by code passes: %q -> %q", c.ct, c.body, res.Body)
			}
		}
	}
}
