package caddymodule

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// gbkWideEscaped is s with its digits made full-width, GBK-encoded and
// percent-escaped, as a GBK page or client sends it.
func gbkWideEscaped(t *testing.T, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().String(strings.Map(func(c rune) rune { return c - '0' + '０' }, s))
	if err != nil {
		t.Fatal(err)
	}
	return pctAll(b)
}

// TestTargetLegacyEscapesMasked checks that a target whose escapes a GBK
// application decodes to a mobile's full-width digits (Tomcat with
// URIEncoding=GBK) is masked in the target, in Caddy's copy of it
// ({http.request.orig_uri}) and in a request Content-Disposition's
// gbk ext-value (written back as a UTF-8 ext-value of its text masked,
// so a partial mask's kept characters are no mojibake), and that a
// target of GBK-escaped words goes through byte for byte.
func TestTargetLegacyEscapesMasked(t *testing.T) {
	h, logs := newHandler(t, Handler{})
	esc := gbkWideEscaped(t, testMobile)
	for _, target := range []string{"/q?tel=" + esc, "/q?q=" + esc, "/u/" + esc} {
		r := withVars(httptest.NewRequest("GET", target, nil))
		var c captured
		if _, err := serve(h, r, capture(&c)); err != nil {
			t.Fatal(err)
		}
		orig := origRequest(r)
		repl := r.Context().Value(caddy.ReplacerCtxKey).(*caddy.Replacer)
		for what, got := range map[string]string{
			"target":      r.URL.RequestURI(),
			"RequestURI":  r.RequestURI,
			"orig":        orig.RequestURI,
			"orig URL":    orig.URL.RequestURI(),
			"orig_uri":    repl.ReplaceAll("{http.request.orig_uri}", ""),
			"request uri": repl.ReplaceAll("{http.request.uri}", ""),
		} {
			if strings.Contains(got, esc) {
				t.Errorf("LEAK %s of %q kept the escapes: %q", what, target, got)
			}
		}
	}

	cd := `attachment; filename*=gbk''` + esc
	r := withVars(httptest.NewRequest("POST", "/", strings.NewReader("ok")))
	r.Header.Set("Content-Disposition", cd)
	var c captured
	if _, err := serve(h, r, capture(&c)); err != nil {
		t.Fatal(err)
	}
	if got := c.header.Get("Content-Disposition"); got == cd || strings.Contains(got, esc) || !strings.HasPrefix(got, `attachment; filename*=UTF-8''`) {
		t.Errorf("LEAK request Content-Disposition %q became %q", cd, got)
	}
	assertLogsClean(t, logs)

	for _, target := range []string{
		"/search?q=%C4%E3%BA%C3&name=%D5%C5%C8%FD", // 你好, 张三 in GBK
		"/search/%E4%BD%A0%E5%A5%BD",               // 你好 in UTF-8
		"/q?ver=%A3%B1%A3%B2%A3%B3%A3%B4",          // four full-width digits
	} {
		r := withVars(httptest.NewRequest("GET", target, nil))
		var c captured
		if _, err := serve(h, r, capture(&c)); err != nil {
			t.Fatal(err)
		}
		if r.URL.RequestURI() != target || origRequest(r).RequestURI != target {
			t.Errorf("clean target %q became %q (orig %q)", target, r.URL.RequestURI(), origRequest(r).RequestURI)
		}
	}
	cd = `attachment; filename*=gbk''%C4%E3%BA%C3.txt`
	w, err := serve(h, withVars(httptest.NewRequest("GET", "/", nil)), respondWith(http.StatusOK, map[string]string{"Content-Disposition": cd}, []byte("ok")))
	if err != nil {
		t.Fatal(err)
	}
	if got := w.Header().Get("Content-Disposition"); got != cd {
		t.Errorf("clean Content-Disposition %q became %q", cd, got)
	}
}
