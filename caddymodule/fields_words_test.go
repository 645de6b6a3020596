package caddymodule

import (
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestResponseFieldEncodedNames checks, end to end, the forms of a
// download's name and media type that receivers decode and the field
// layer now reads: RFC 2047 encoded words in a filename (Q in UTF-8, Q
// and B in GBK: Chrome and Python's email package decode them), RFC 8187
// ext-values in UTF-16 (Python's collapse_rfc2231_value decodes any
// codec) and text after an unquoted charset value (a script reading the
// CORS-safelisted Content-Type shows it). None of the forms the mobile
// was written in goes out.
func TestResponseFieldEncodedNames(t *testing.T) {
	m := fa28Mobile()
	gbk := fa28GBKWide(t, m)
	hexes := func(b []byte, mark string) string {
		return strings.ReplaceAll(pctAll(string(b)), "%", mark)
	}
	var u16le, u16be []byte
	for _, r := range strings.Map(func(c rune) rune { return c - '0' + '０' }, m) {
		u16le = append(u16le, byte(r), byte(r>>8))
		u16be = append(u16be, byte(r>>8), byte(r))
	}
	b64 := base64.StdEncoding.EncodeToString(gbk)
	h, _ := newHandler(t, Handler{})
	for _, row := range []struct{ name, field, value, leak string }{
		{"charset then text", "Content-Type", "text/plain; charset=utf-8 " + m, m},
		{"Q utf-8", "Content-Disposition", `attachment; filename="=?UTF-8?Q?` + hexes([]byte(m), "=") + `?="`, hexes([]byte(m), "=")},
		{"Q gbk", "Content-Disposition", `attachment; filename="=?GBK?Q?` + hexes(gbk, "=") + `?="`, hexes(gbk, "=")},
		{"B gbk", "Content-Disposition", `attachment; filename="=?GBK?B?` + b64 + `?="`, b64},
		{"utf-16le ext-value", "Content-Disposition", "attachment; filename*=utf-16le''" + pctAll(string(u16le)), pctAll(string(u16le))},
		{"utf-16 BOM ext-value", "Content-Disposition", "attachment; filename*=utf-16''%FF%FE" + pctAll(string(u16le)), pctAll(string(u16le))},
		{"utf-16be ext-value", "Content-Disposition", "attachment; filename*=utf-16be''" + pctAll(string(u16be)), pctAll(string(u16be))},
	} {
		w, err := serve(h, withVars(httptest.NewRequest("GET", "/", nil)), respondWith(http.StatusFound, map[string]string{row.field: row.value}, []byte("ok")))
		if err != nil {
			t.Fatalf("%s: %v", row.name, err)
		}
		if w.Code >= 400 {
			t.Errorf("%s: refused (%d), where the field can be masked", row.name, w.Code)
			continue
		}
		got := strings.Join(w.Header().Values(row.field), "\n")
		if strings.Contains(got, row.leak) || !strings.Contains(got, "*") {
			t.Errorf("%s: %q went out as %q", row.name, row.value, got)
		}
	}
}
