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
		`fromCharCode(49.5)`:               `fromCharCode(49.5)`,
		`fromCharCode(491e-1)`:             `fromCharCode(491e-1)`,
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
