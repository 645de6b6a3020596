package bodyformat

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestNamedAndLongEscapes: a mobile or a resident ID spelled in a string
// literal with Python's \N{DIGIT ONE} (\N{FULLWIDTH DIGIT ONE}, names in
// any case), Java's \uuuu0031 or Perl's \x{31} is the number to that
// language (attack54a F4, F7): the escapes reading decodes them as it
// decodes \u0031, and the literal goes out masked; other names and
// malformed escapes are kept byte for byte.
func TestNamedAndLongEscapes(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(54, 14))
	m, id := synth.CNMobile(r), synth.CNID18(r)
	names := []string{"ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"}
	spell := func(s string, f func(c byte) string) string {
		var b strings.Builder
		for i := range len(s) {
			if c := s[i]; c >= '0' && c <= '9' {
				b.WriteString(f(c))
			} else {
				b.WriteByte(c)
			}
		}
		return b.String()
	}
	named := func(prefix string) func(c byte) string {
		return func(c byte) string { return `\N{` + prefix + `DIGIT ` + names[c-'0'] + `}` }
	}
	cases := []struct{ ct, body, gone string }{}
	for _, v := range []string{
		spell(m, named("")), spell(id, named("FULLWIDTH ")), strings.ReplaceAll(strings.ToLower(spell(m, named(""))), `\n{`, `\N{`), spell(m, named("Fullwidth ")),
		spell(m, func(c byte) string { return fmt.Sprintf(`\uuuu%04x`, c) }),
		spell(m, func(c byte) string { return fmt.Sprintf(`\uu%04X`, c) }),
		spell(m, func(c byte) string { return fmt.Sprintf(`\x{%x}`, c) }),
		spell(id, func(c byte) string { return fmt.Sprintf(`\x{00%x}`, c) }),
	} {
		cases = append(cases,
			struct{ ct, body, gone string }{"text/x-python", `tel = "` + v + `"` + "\n", v},
			struct{ ct, body, gone string }{"text/plain", `String tel = "` + v + `";` + "\n", v},
			struct{ ct, body, gone string }{"application/json", `{"snippet":"tel = '` + strings.ReplaceAll(v, `\`, `\\`) + `'"}`, strings.ReplaceAll(v, `\`, `\\`)})
	}
	for _, c := range cases {
		res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
		if strings.Contains(string(res.Body), c.gone) || !res.Changed {
			t.Errorf("%s: %q went out raw: %q", c.ct, c.body, res.Body)
		}
	}
	for _, in := range []string{
		`s = "\N{BLACK STAR}\N{DIGIT ONE}\N{DIGITONE}\N{DIGIT TEN}\N{DIGIT ONE"` + "\n",
		`s = "\x{zz}\uuuu\uuuuzz12\x{110000}"` + "\n",
		`path = "C:\Users\N{x}"` + "\n",
	} {
		res := mustInspect(t, eng, []byte(in), "text/plain", "", Redact)
		if string(res.Body) != in {
			t.Errorf("%q changed: %q", in, res.Body)
		}
	}
}
