package bodyformat

import (
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestBase64OtherCharsetsRead (attack28 F13): base64 and data: URLs
// whose decoded bytes are text in a charset other than UTF-8, an
// identifier in them: a data: URL of a text type that names GBK or
// UTF-16LE (written as a link in text, or an iframe's src); a bare base64
// value of GBK bytes (Java's new String(decoded, "GBK")) or of UTF-16LE
// (.NET's Encoding.Unicode) of full-width digits, labelled or not, ASCII
// digits in GBK text; base64 of base64, base64 of hex. Each is masked:
// the raw token is not in what goes out.
func TestBase64OtherCharsetsRead(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	b64 := func(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
	for range 10 {
		m, id := synth.CNMobile(r), synth.CNID18(r)
		gbkWide := []byte(gbkOf(t, fullWidth(m)))
		u16Wide := utf16LE(fullWidth(m))
		for _, c := range []struct{ name, ct, body, token string }{
			{"data: gbk in text", "text/plain", "see data:text/plain;charset=gbk;base64," + b64(gbkWide), b64(gbkWide)},
			{"data: gbk percent in text", "text/plain", "data:text/plain;charset=gbk," + gbkPercent(t, fullWidth(m)), gbkPercent(t, fullWidth(m))},
			{"iframe data: utf-16le", "text/html", `<iframe src="data:text/plain;charset=utf-16le;base64,` + b64(u16Wide) + `"></iframe>`, b64(u16Wide)},
			{"iframe data: utf-16", "text/html", `<iframe src="data:text/csv;charset=utf-16;base64,` + b64(u16Wide) + `"></iframe>`, b64(u16Wide)},
			{"json gbk full-width", "application/json", `{"v":"` + b64(gbkWide) + `"}`, b64(gbkWide)},
			{"json gbk labelled", "application/json", `{"v":"` + b64([]byte(gbkOf(t, "手机 "+fullWidth(m)))) + `"}`, b64([]byte(gbkOf(t, "手机 "+fullWidth(m))))},
			{"json gbk ascii digits", "application/json", `{"v":"` + b64([]byte(gbkOf(t, "身份证号码："+id))) + `"}`, b64([]byte(gbkOf(t, "身份证号码："+id)))},
			{"json utf-16le full-width", "application/json", `{"v":"` + b64(u16Wide) + `"}`, b64(u16Wide)},
			{"json utf-16be full-width", "application/json", `{"v":"` + b64(wideBE(fullWidth(m))) + `"}`, b64(wideBE(fullWidth(m)))},
			{"text utf-16le chinese", "text/plain", "cmd " + b64(utf16LE("联系电话："+fullWidth(m))), b64(utf16LE("联系电话：" + fullWidth(m)))},
			{"base64 of base64", "application/json", `{"v":"` + b64([]byte(b64([]byte(m)))) + `"}`, b64([]byte(b64([]byte(m))))},
			{"base64 of hex", "application/json", `{"v":"` + b64([]byte(hex.EncodeToString([]byte(id)))) + `"}`, b64([]byte(hex.EncodeToString([]byte(id))))},
		} {
			res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			if len(res.Findings) == 0 || strings.Contains(string(res.Body), c.token) {
				t.Errorf("%s: %q went out as %q (%+v)", c.name, c.body, res.Body, res.Findings)
			}
		}
	}
}

// TestBase64OtherCharsetsClean: base64 of GBK or UTF-16 text without an
// identifier, of digits too few to be one, base64 of a hex digest and of
// base64 of plain words go out as they came.
func TestBase64OtherCharsetsClean(t *testing.T) {
	eng := testEngine(t)
	b64 := func(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
	for _, body := range []string{
		`{"v":"` + b64([]byte(gbkOf(t, "你好，世界，这是一段中文文本"))) + `"}`,
		`{"v":"` + b64([]byte(gbkOf(t, "订单 "+fullWidth("2024")+" 年")+"")) + `"}`,
		`{"v":"` + b64(utf16LE("你好，世界，这是一段中文文本")) + `"}`,
		`{"v":"` + b64([]byte(hex.EncodeToString([]byte("sha256 digest of x")))) + `"}`,
		`{"v":"` + b64([]byte(b64([]byte("hello world, plain words")))) + `"}`,
		"data:text/plain;charset=gbk;base64," + b64([]byte(gbkOf(t, "你好，世界"))),
	} {
		res := mustInspect(t, eng, []byte(body), "application/json", "", Redact)
		if len(res.Findings) != 0 || string(res.Body) != body {
			t.Errorf("%q: %+v, %q", body, res.Findings, res.Body)
		}
	}
}

// TestBase64RandomBytesIntact: the base64 of random bytes (what images,
// keys and ciphertexts are) is never read as GBK or UTF-16 text with an
// identifier: of 20,000 random values of 8 to 96 bytes, none is masked.
func TestBase64RandomBytesIntact(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	var body strings.Builder
	masked := 0
	for k := range 20000 {
		b := make([]byte, 8+r.IntN(89))
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		tok := base64.StdEncoding.EncodeToString(b)
		if k%2 == 1 {
			tok = base64.RawURLEncoding.EncodeToString(b)
		}
		body.WriteString(`{"v":"` + tok + `"}` + "\n")
		if k%500 == 499 {
			res := mustInspect(t, eng, []byte(body.String()), "application/x-ndjson", "", Redact)
			masked += len(res.Findings)
			if len(res.Findings) > 0 {
				t.Logf("masked: %+v", res.Findings)
			}
			body.Reset()
		}
	}
	if masked != 0 {
		t.Errorf("%d of 20000 random base64 values masked", masked)
	}
	// the same framing masks the GBK bytes of a mobile
	tok := base64.StdEncoding.EncodeToString([]byte(gbkOf(t, fullWidth(synth.CNMobile(r)))))
	if res := mustInspect(t, eng, []byte(`{"v":"`+tok+`"}`+"\n"), "application/x-ndjson", "", Redact); len(res.Findings) == 0 {
		t.Errorf("%s: not read", tok)
	}
}
