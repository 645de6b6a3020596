package bodyformat

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// jsEscapeDigits writes each character of s as a JavaScript string escape
// made by f.
func jsEscapeDigits(s string, f func(r rune) string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteString(f(r))
	}
	return b.String()
}

// TestAttack41CharCodeSpellings: more spellings a browser converts as
// fromCharCode's arguments (ToNumber then ToUint16) or as a Uint8Array's
// (ToUint8, modulo 256): a string written in escapes ("\x34\x39" is "49"),
// a template with a substitution (`${49}`, `4${9}`), five parentheses deep,
// and a numeric separator (4_9). The plain spellings of the same call are
// masked (the control subtest); each below built the mobile and was sent
// as it was, and is read now (charcodevalue.go: stringCode, jsEscapeASCII,
// maxCodeParens). One-element arrays ([49], ["49"]) as a script's
// arguments and Uint8Array's modulo 256 (305 is 49) are residuals in
// docs/threat-model.md.
func TestAttack41CharCodeSpellings(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rand.New(rand.NewPCG(41, 2)))
	codes := func(f func(c rune) string) string {
		var p []string
		for _, c := range m {
			p = append(p, f(c))
		}
		return strings.Join(p, ",")
	}
	dec := func(c rune) string { return strconv.Itoa(int(c)) }
	for _, tc := range []struct{ name, js string }{
		{"control: plain codes (masked today)", `String.fromCharCode(` + codes(dec) + `)`},
		{"string of hex escapes", `String.fromCharCode(` + codes(func(c rune) string {
			return `"` + jsEscapeDigits(dec(c), func(d rune) string { return fmt.Sprintf(`\x%02x`, d) }) + `"`
		}) + `)`},
		{"string of unicode escapes", `String.fromCharCode(` + codes(func(c rune) string {
			return `"` + jsEscapeDigits(dec(c), func(d rune) string { return fmt.Sprintf(`\u%04x`, d) }) + `"`
		}) + `)`},
		{"template substitution", `String.fromCharCode(` + codes(func(c rune) string { return "`${" + dec(c) + "}`" }) + `)`},
		{"template half substituted", `String.fromCharCode(` + codes(func(c rune) string { s := dec(c); return "`" + s[:1] + "${" + s[1:] + "}`" }) + `)`},
		{"five parentheses", `String.fromCharCode(` + codes(func(c rune) string { return "(((((" + dec(c) + ")))))" }) + `)`},
		{"numeric separator", `String.fromCharCode(` + codes(func(c rune) string { s := dec(c); return s[:1] + "_" + s[1:] }) + `)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := []byte(`var t = "tel " + ` + tc.js + `;`)
			res, err := Inspect(eng, body, "application/javascript", "", Redact, Limits{})
			if err == nil && !res.Changed {
				t.Errorf("%s: sent as it is", body)
			}
		})
	}
}
