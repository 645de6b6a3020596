package bodyformat

import (
	"encoding/base64"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestBase64TextRead: a JWT whose payload holds a phone number, and a
// base64 field holding text with an ID, are read decoded, and the token
// is masked whole.
func TestBase64TextRead(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 10 {
		m, id := synth.CNMobile(r), synth.CNID18(r)
		seg := base64.RawURLEncoding.EncodeToString
		jwt := seg([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + seg([]byte(`{"sub":"u1","phone_number":"`+m+`"}`)) + "." + seg([]byte("signature-bytes-0123"))
		b64 := base64.StdEncoding.EncodeToString([]byte("身份证号：" + id))
		// base64 of UTF-16 text (a data: URL with a UTF-16 charset,
		// PowerShell's -EncodedCommand), with its mark or without
		wide := base64.StdEncoding.EncodeToString(utf16LE("tel " + m))
		wideBOM := base64.StdEncoding.EncodeToString(append([]byte{0xFF, 0xFE}, utf16LE("tel "+m)...))
		for _, c := range []struct{ body, ct, token string }{
			{`{"href":"data:text/plain;charset=utf-16le;base64,` + wide + `"}`, "application/json", wide},
			{"powershell -EncodedCommand " + wideBOM, "text/plain", wideBOM},
			{`{"id_token":"` + jwt + `"}`, "application/json", jwt},
			{`{"note":"` + b64 + `"}`, "application/json", b64},
			{"Authorization token " + jwt, "text/plain", jwt},
			// a bare mobile, unpadded: 15 characters
			{`{"tel":"` + base64.RawStdEncoding.EncodeToString([]byte(m)) + `"}`, "application/json", base64.RawStdEncoding.EncodeToString([]byte(m))},
		} {
			res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			if !hasCategory(res.Findings, detect.CNMobile) && !hasCategory(res.Findings, detect.CNID) || strings.Contains(string(res.Body), c.token) {
				t.Errorf("%s: %+v", c.body, res.Findings)
			}
		}
	}
	for _, clean := range []string{
		`{"token":"` + base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"u1","scope":"read write"}`)) + `"}`,
		`{"sha":"3ef330fc07974212a1b2c3d4e5f60718293a4b5c"}`,
		"getUserProfileByIdentifier and internationalization",
	} {
		if res := mustInspect(t, eng, []byte(clean), "application/json", "", Redact); res.Changed {
			t.Errorf("%s changed: %+v", clean, res.Findings)
		}
	}
}

// utf16LE spells s in UTF-16, little-endian, without a mark.
func utf16LE(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// TestBase64WrappedRead: base64 wrapped over lines as MIME (76 columns,
// CRLF) and PEM (64, LF) write it, wherever the lines cut a character of
// the text, is one token to a decoder: read joined, and masked whole.
func TestBase64WrappedRead(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	wrap := func(s string, n int, sep string) string {
		var lines []string
		for len(s) > n {
			lines, s = append(lines, s[:n]), s[n:]
		}
		return strings.Join(append(lines, s), sep)
	}
	for k := range 12 {
		m, id := synth.CNMobile(r), synth.CNID18(r)
		text := strings.Repeat("备", k%7) + "姓名：张三，手机：" + m + "，身份证：" + id + "，地址：北京市朝阳区建国路" + strings.Repeat("号", k%5)
		b64 := base64.StdEncoding.EncodeToString([]byte(text))
		for _, w := range []struct {
			n   int
			sep string
		}{{76, "\r\n"}, {64, "\n"}, {76, "\n "}} {
			body := "attachment:\r\n" + wrap(b64, w.n, w.sep) + "\r\n"
			res := mustInspect(t, eng, []byte(body), "text/plain", "", Redact)
			if !res.Changed || strings.Contains(string(res.Body), b64[len(b64)/2:len(b64)/2+8]) {
				t.Errorf("%d %q: %q -> %q", w.n, w.sep, body, res.Body)
			}
		}
	}
	for _, clean := range []string{
		"Hello World Again, This Is A Title Written In Capitals For Testing",
		"MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\nu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt\n",
	} {
		if res := mustInspect(t, eng, []byte(clean), "text/plain", "", Redact); res.Changed {
			t.Errorf("%q -> %q", clean, res.Body)
		}
	}
}

// TestBase64SplitByScript: base64 a script writes with escaped line
// breaks or joins from literals ("MTM4MTIz" + "NDU2Nzg="), or set in
// short groups or lines, is one token to the decoder it ends in: read
// through the escapes, the join and the white space.
func TestBase64SplitByScript(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		m := synth.CNMobile(r)
		b64 := base64.StdEncoding.EncodeToString([]byte("tel " + m))
		half := len(b64) / 2
		for _, body := range []string{
			`<script>var s = atob("` + b64[:half] + `\n` + b64[half:] + `");</script>`,
			`<script>var s = atob("` + b64[:half] + `" + "` + b64[half:] + `");</script>`,
			`<script>var s = atob('` + b64[:half] + `' +` + "\n" + `'` + b64[half:] + `');</script>`,
			`var s = "` + b64[:half] + `\r\n` + b64[half:] + `";`,
			`<p>` + strings.Join(chunks(b64, 4), " ") + `</p>`,
			`<pre>` + strings.Join(chunks(b64, 10), "\n") + `</pre>`,
		} {
			res := mustInspect(t, eng, []byte(body), "text/html", "", Redact)
			if !res.Changed || strings.Contains(string(res.Body), b64[half:]) {
				t.Errorf("%q -> %q", body, res.Body)
			}
			assertStable(t, eng, res, "text/html")
		}
	}
}
