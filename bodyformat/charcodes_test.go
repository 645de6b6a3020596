package bodyformat

import (
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// codes writes s as the arguments of String.fromCharCode, decimal or hex.
func codes(s string, hex bool) string {
	args := make([]string, len(s))
	for k, c := range []byte(s) {
		args[k] = fmt.Sprint(c)
		if hex {
			args[k] = fmt.Sprintf("0x%x", c)
		}
	}
	return strings.Join(args, ", ")
}

// TestCharCodesRead: a string a script computes from character codes is
// read as the string it is, alone and joined to literals; calls that
// spell no identifier, or that are no such call, find nothing.
func TestCharCodesRead(t *testing.T) {
	r := rng(t.Name())
	m, id := synth.CNMobile(r), synth.CNID18(r)
	for _, c := range []struct{ ct, body, raw string }{
		{"text/html", `<script>document.write(String.fromCharCode(` + codes(m, false) + `))</script>`, codes(m[3:], false)},
		{"application/javascript", `el.textContent = String.fromCodePoint(` + codes(id, true) + `);`, codes(id[6:], true)},
		{"text/html", `<script>t = "` + m[:3] + `" + String.fromCharCode(` + codes(m[3:], false) + `)</script>`, codes(m[3:], false)},
		{"application/json", `{"js":"x=String.fromCharCode(` + codes(m, false) + `)"}`, codes(m[3:], false)},
	} {
		res := mustInspect(t, testEngine(t), []byte(c.body), c.ct, "", Redact)
		if len(res.Findings) == 0 || strings.Contains(string(res.Body), c.raw) {
			t.Errorf("%s %q: %+v -> %q", c.ct, c.body, res.Findings, res.Body)
		}
	}
	for _, body := range []string{
		`<script>x = String.fromCharCode(72, 105) + " 2024"</script>`,
		`fromCharCode(` + codes(m[:5], false) + `, y)`,
		`String.fromCharCode(1114112, 49)`,
	} {
		if res := mustInspect(t, testEngine(t), []byte(body), "text/html", "", Redact); hasCategory(res.Findings, detect.CNMobile) {
			t.Errorf("%q: %+v", body, res.Findings)
		}
	}
}

// TestDecodeCharCodesMaps: the reading maps each character to its
// argument and keeps a call that does not parse.
func TestDecodeCharCodesMaps(t *testing.T) {
	in := "a String.fromCharCode( 49 ,0x32)b fromCharCode(x) fromCodePoint(51)"
	dec, offs, ok := decodeCharCodes([]byte(in))
	if want := `a "12"b fromCharCode(x) "3"`; !ok || string(dec) != want || len(offs) != len(dec)+1 {
		t.Fatalf("%q %v %v, want %q", dec, offs, ok, want)
	}
	if o := offs[strings.IndexByte(string(dec), '1')]; in[o:o+2] != "49" {
		t.Errorf("1 maps to %d", o)
	}
	if o := offs[strings.IndexByte(string(dec), '2')]; in[o:o+4] != "0x32" {
		t.Errorf("2 maps to %d", o)
	}
}

// TestDecodeCharCodesSpellings: every spelling of a call's arguments a
// script engine runs to the same string is read (charcodeargs.go), and
// what it does not run to a whole code is kept as it is.
func TestDecodeCharCodesSpellings(t *testing.T) {
	for in, want := range map[string]string{
		`String.fromCharCode.apply(null, [49, 50,],)`:                                `"12"`,
		`x.fromCharCode.call(this, 49, 50)`:                                          `x."12"`,
		`String['fromCodePoint'](/* a */ 0b110001, 4_9, 490e-1, 49., ...[50, 51,],)`: `"111123"`,
		`String["fromCharCode"](0O61, // two` + "\n" + `0x3_2, 5E1)`:                 `"122"`,
		`fromCharCode(49.5)`:               `"1"`,
		`fromCharCode(491e-1)`:             `"1"`,
		`fromCodePoint(49.5)`:              `fromCodePoint(49.5)`,
		`fromCharCode(49px)`:               `fromCharCode(49px)`,
		`fromCharCode.apply(null, 49, 50)`: `fromCharCode.apply(null, 49, 50)`,
		`fromCharCode(...49)`:              `fromCharCode(...49)`,
		`fromCharCode(/* 49`:               `fromCharCode(/* 49`,
		`y["fromCharCode"](49)`:            `y"1"`,
		`fromCharCode(061, 0062, 089)`:     `"12Y"`,
		`fromCharCode(0_61)`:               `fromCharCode(0_61)`,
	} {
		dec, _, ok := decodeCharCodes([]byte(in))
		if !ok {
			dec = []byte(in)
		}
		if string(dec) != want {
			t.Errorf("%s: read %s, want %s", in, dec, want)
		}
	}
}

// TestCharCodesReadAsEngine: fromCharCode takes each code as the engine's
// ToUint16 does (modulo 65536, truncated, a sign before it, NaN and
// Infinity 0), fromCodePoint throws on what is no whole code point (the
// call is left as it is), UTF-16 surrogate pairs are the character they
// make, and the function is reached through brackets with .apply and
// through Reflect.apply.
func TestCharCodesReadAsEngine(t *testing.T) {
	for in, want := range map[string]string{
		`String.fromCharCode(65585, -65487, 49.9, 4.99e1, +50, - -51)`:        `"111123"`,
		`String.fromCharCode(0x10031, 0o200061, 0b10000000000110001, 065585)`: `"1111"`,
		`fromCharCode(4294967345, 18446744073709551665, -0x1ffcf)`:            "\"1\x001\"", // 2**64+49 is 2**64 as a double
		`fromCharCode(NaN, Infinity, -Infinity, null, 1e400)`:                 "\"\x00\x00\x00\x00\x00\"",
		`fromCharCode(0xD835, 0xDFCF, 0xD835, 49, 0xDFCF)`:                    "\"𝟏\uFFFD1\uFFFD\"",
		`fromCodePoint(0xD835, 0xDFCF)`:                                       "\"𝟏\"",
		`String["fromCharCode"].apply(null, [65585, 65586])`:                  `"12"`,
		`String['fromCodePoint'].call(null, 49, 50)`:                          `"12"`,
		`Reflect.apply(String.fromCharCode, null, [65585, -65486])`:           `"12"`,
		`Reflect.apply( String.fromCodePoint , this, [49, 50,] )`:             `"12"`,
		`fromCodePoint(65585)`:                                                "\"\U00010031\"",
		`fromCodePoint(-49)`:                                                  `fromCodePoint(-49)`,
		`fromCodePoint(49.9)`:                                                 `fromCodePoint(49.9)`,
		`fromCodePoint(NaN)`:                                                  `fromCodePoint(NaN)`,
		`fromCodePoint(1114112)`:                                              `fromCodePoint(1114112)`,
		`fromCharCode(--49)`:                                                  `fromCharCode(--49)`,
		`Reflect.apply(Math.max, null, [49, 50])`:                             `Reflect.apply(Math.max, null, [49, 50])`,
		`new Uint8Array([305, 49])`:                                           `new Uint8Array([305, 49])`,
		`bytes([-49])`:                                                        `bytes([-49])`,
	} {
		dec, _, ok := decodeCharCodes([]byte(in))
		if !ok {
			dec = []byte(in)
		}
		if string(dec) != want {
			t.Errorf("%s: read %q, want %q", in, dec, want)
		}
	}
	r := rng(t.Name())
	m := synth.CNMobile(r)
	wrapped := make([]string, len(m))
	for k, c := range []byte(m) {
		wrapped[k] = fmt.Sprint(int(c) + 65536*(k%3) - 65536*(k%2))
	}
	for _, body := range []string{
		`<script>document.write(String.fromCharCode(` + strings.Join(wrapped, ",") + `))</script>`,
		`<script>document.write(Reflect.apply(String.fromCharCode, null, [` + strings.Join(wrapped, ",") + `]))</script>`,
		`<script>document.write(String["fromCharCode"].apply(null, [` + strings.Join(wrapped, ",") + `]))</script>`,
	} {
		res := mustInspect(t, testEngine(t), []byte(body), "text/html", "", Redact)
		if !hasCategory(res.Findings, detect.CNMobile) || strings.Contains(string(res.Body), strings.Join(wrapped[3:], ",")) {
			t.Errorf("%q: %+v -> %q", body, res.Findings, res.Body)
		}
	}
}

// TestByteArrayAtApply: the array of an .apply or a Reflect.apply of a
// char codes function is the call's codes, not a JSON document a script
// holds; an array after other calls is.
func TestByteArrayAtApply(t *testing.T) {
	for in, want := range map[string]bool{
		`String.fromCharCode.apply(null, [49, 50])`:              true,
		`Reflect.apply(String.fromCharCode, null, [49, 50])`:     true,
		`Reflect.apply( String.fromCodePoint , this , [49, 50])`: true,
		`new Uint8Array([49, 50])`:                               true,
		`Reflect.apply(Math.max, null, [49, 50])`:                false,
		`f(null, [49, 50])`:                                      false,
		`x = [49, 50]`:                                           false,
	} {
		if got := byteArrayAt([]byte(in), strings.IndexByte(in, '[')); got != want {
			t.Errorf("byteArrayAt(%s) = %v, want %v", in, got, want)
		}
	}
}
