package bodyformat

import (
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
