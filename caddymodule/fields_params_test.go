package caddymodule

import (
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
)

// pctAll writes every byte of s as a %XX escape.
func pctAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteString("%" + strings.ToUpper(string("0123456789abcdef"[s[i]>>4])+string("0123456789abcdef"[s[i]&15])))
	}
	return b.String()
}

// TestContentTypeParamsMasked checks that the parameters of a
// Content-Type a receiver reads (a download's name, an RFC 8187
// ext-value, RFC 2231 sections) are masked in both directions, that the
// value still parses as a media type with its charset, and that every
// mask style keeps the syntax (a token that is no longer one is quoted).
func TestContentTypeParamsMasked(t *testing.T) {
	rows := []string{
		`text/csv; charset=utf-8; name="` + testMobile + `.csv"`,
		`text/plain; name=` + testMobile,
		`application/octet-stream; name*=UTF-8''` + pctAll(testMobile) + `.bin`,
		`text/csv; charset=utf-8; name*0="` + testID[:9] + `"; name*1="` + testID[9:] + `.csv"`,
		`text/plain; note="id \"` + testID + `\""; charset=gbk`,
	}
	for _, mask := range []string{"", "full", "label"} {
		h, logs := newHandler(t, Handler{Mask: mask})
		for _, ct := range rows {
			w, err := serve(h, withVars(httptest.NewRequest("GET", "/", nil)), respondWith(http.StatusOK, map[string]string{"Content-Type": ct}, []byte("ok")))
			if err != nil {
				t.Fatal(err)
			}
			got := w.Header().Get("Content-Type")
			checkMaskedType(t, "response "+mask, ct, got)

			var c captured
			r := withVars(httptest.NewRequest("POST", "/", strings.NewReader("ok")))
			r.Header.Set("Content-Type", ct)
			if _, err := serve(h, r, capture(&c)); err != nil {
				t.Fatal(err)
			}
			checkMaskedType(t, "request "+mask, ct, c.header.Get("Content-Type"))
		}
		assertLogsClean(t, logs)
	}
}

// checkMaskedType fails unless got holds no raw value, parses as a media
// type as in did, and kept in's charset.
func checkMaskedType(t *testing.T, what, in, got string) {
	t.Helper()
	assertNoRaw(t, what+" Content-Type", got)
	mt, params, err := mime.ParseMediaType(got)
	wantMT, wantParams, _ := mime.ParseMediaType(in)
	if err != nil || mt != wantMT || params["charset"] != wantParams["charset"] {
		t.Errorf("%s: %q became %q (%q %v, %v)", what, in, got, mt, params, err)
	}
	for _, v := range params {
		assertNoRaw(t, what+" parsed parameter", v)
	}
}

// TestContentTypeCleanKept checks that Content-Type values with nothing
// in their read parameters go out byte for byte, a boundary or charset
// that spells a mobile's digits included (they frame the body: unread).
func TestContentTypeCleanKept(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	for _, ct := range []string{
		"text/html; charset=utf-8",
		`application/json; profile="https://example.com/schema/v2"`,
		"multipart/form-data; boundary=----WebKitFormBoundary" + testMobile,
		`multipart/mixed; boundary="` + testMobile + `"`,
		`text/csv; charset=utf-8; name="report-2024-06-30.csv"; header=present`,
		`application/octet-stream; name*=UTF-8''%E6%8A%A5%E8%A1%A8.bin`,
		`text/plain; version=20240630; size=123456`,
	} {
		w, err := serve(h, withVars(httptest.NewRequest("GET", "/", nil)), respondWith(http.StatusOK, map[string]string{"Content-Type": ct}, nil))
		if err != nil {
			t.Fatal(err)
		}
		if got := w.Header().Get("Content-Type"); got != ct {
			t.Errorf("response Content-Type %q became %q", ct, got)
		}
		var c captured
		r := withVars(httptest.NewRequest("POST", "/", strings.NewReader("")))
		r.Header.Set("Content-Type", ct)
		if _, err := serve(h, r, capture(&c)); err != nil {
			t.Fatal(err)
		}
		if got := c.header.Get("Content-Type"); got != ct {
			t.Errorf("request Content-Type %q became %q", ct, got)
		}
	}
}

// TestContentRangeReadUnlessARange checks that a Content-Range is left as
// it is only where a receiver reads it as a range (a 206 or 416, a
// request's resumable upload) and only when it is exactly one; anywhere
// else it is read as text and masked.
func TestContentRangeReadUnlessARange(t *testing.T) {
	// a 206 passes only when its type is not read (by default every body
	// is sniffed and a slice of one refused): a types option here
	h, logs := newHandler(t, Handler{Types: []string{"text/*"}})
	bin := "video/mp4"
	for _, row := range []struct {
		status int
		value  string
		kept   bool
	}{
		{http.StatusOK, "bytes 0-1/" + testMobile, false},
		{http.StatusPartialContent, "bytes 0-1/" + testMobile, true}, // an 18.6 GB file's size
		{http.StatusPartialContent, "bytes 0-1023/1048576", true},
		{http.StatusRequestedRangeNotSatisfiable, "bytes */" + testMobile, true},
		{http.StatusPartialContent, "bytes 0-1/" + testMobile + " tel", false},
		{http.StatusPartialContent, "items 0-1/" + testMobile, false},
		{http.StatusPartialContent, "bytes " + testMobile + "-1/2", false},
		{http.StatusPartialContent, "bytes 0-1/" + testID, false}, // 18 digits: no size a resource has
	} {
		w, err := serve(h, withVars(httptest.NewRequest("GET", "/", nil)), respondWith(row.status, map[string]string{"Content-Type": bin, "Content-Range": row.value}, []byte("\x89PNG\r\n\x1a\n\x00\x00")))
		if err != nil {
			t.Fatal(err)
		}
		got := w.Header().Get("Content-Range")
		if row.kept && got != row.value {
			t.Errorf("%d Content-Range %q became %q", row.status, row.value, got)
		}
		if !row.kept {
			assertNoRaw(t, "Content-Range", got)
		}
	}
	assertLogsClean(t, logs)

	for _, row := range []struct {
		value string
		kept  bool
	}{
		{"bytes 0-1/" + testMobile, true},
		{"bytes 0-524287/2000000", true},
		{"bytes 0-1/" + testMobile + "; tel", false},
	} {
		var c captured
		r := withVars(httptest.NewRequest("PUT", "/upload", strings.NewReader("ok")))
		r.Header.Set("Content-Range", row.value)
		if _, err := serve(h, r, capture(&c)); err != nil {
			t.Fatal(err)
		}
		got := c.header.Get("Content-Range")
		if row.kept && got != row.value {
			t.Errorf("request Content-Range %q became %q", row.value, got)
		}
		if !row.kept {
			assertNoRaw(t, "request Content-Range", got)
		}
	}
}

// origRequest is the copy of the request Caddy keeps as it arrived.
func origRequest(r *http.Request) http.Request {
	orig, _ := r.Context().Value(caddyhttp.OriginalRequestCtxKey).(http.Request)
	return orig
}

// TestOriginalRequestTargetRedacted checks that the copy Caddy keeps of
// the request as it arrived ({http.request.orig_uri}, php_fastcgi's
// REQUEST_URI, an error route's restored target) is redacted with the
// target, also when a rewrite before the filter changed the target, and
// that a clean target leaves it as it was.
func TestOriginalRequestTargetRedacted(t *testing.T) {
	h, logs := newHandler(t, Handler{})

	r := withVars(httptest.NewRequest("GET", "/q?tel="+testMobile, nil))
	var c captured
	if _, err := serve(h, r, capture(&c)); err != nil {
		t.Fatal(err)
	}
	orig := origRequest(r)
	assertNoRaw(t, "orig RequestURI", orig.RequestURI)
	assertNoRaw(t, "orig URL", orig.URL.String())
	if orig.URL.RequestURI() != r.URL.RequestURI() || orig.RequestURI != r.RequestURI {
		t.Errorf("orig %q %q, request %q %q", orig.RequestURI, orig.URL.RequestURI(), r.RequestURI, r.URL.RequestURI())
	}
	repl := r.Context().Value(caddy.ReplacerCtxKey).(*caddy.Replacer)
	for _, p := range []string{"{http.request.orig_uri}", "{http.request.orig_uri.query}", "{http.request.uri}"} {
		assertNoRaw(t, p, repl.ReplaceAll(p, ""))
	}

	// a rewrite before the filter: the target is clean, the copy is not
	r = withVars(httptest.NewRequest("GET", "/u/"+testID+"?a=1", nil))
	r.URL.Path, r.RequestURI = "/index.php", "/index.php?a=1"
	if _, err := serve(h, r, capture(&c)); err != nil {
		t.Fatal(err)
	}
	if orig := origRequest(r); strings.Contains(orig.RequestURI+orig.URL.String(), testID) || !strings.HasPrefix(orig.URL.Path, "/u/") {
		t.Errorf("rewritten target: orig %q %q", orig.RequestURI, orig.URL)
	}
	if r.URL.Path != "/index.php" {
		t.Errorf("rewritten target changed: %q", r.URL)
	}
	assertLogsClean(t, logs)

	// a clean target: the copy is the one Caddy made
	target := "/shop/order/20240630123456789?page=2&sort=desc"
	r = withVars(httptest.NewRequest("GET", target, nil))
	before := origRequest(r).URL
	if _, err := serve(h, r, capture(&c)); err != nil {
		t.Fatal(err)
	}
	if orig := origRequest(r); orig.RequestURI != target || orig.URL != before || orig.URL.RequestURI() != target {
		t.Errorf("clean target: orig %q %q", orig.RequestURI, orig.URL)
	}
	if u, _ := url.ParseRequestURI(target); r.URL.String() != u.String() {
		t.Errorf("clean target became %q", r.URL)
	}
}

// TestContentDispositionMaskKeepsSyntax checks that a download's file
// name is masked in its own syntax under every mask style (an RFC 8187
// ext-value's mask percent-encoded, a token's quoted when it is no
// token), that the value still parses as the same disposition, that
// text outside any parameter is still read, and that a clean value goes
// out byte for byte.
func TestContentDispositionMaskKeepsSyntax(t *testing.T) {
	for _, mask := range []string{"", "full", "label"} {
		h, logs := newHandler(t, Handler{Mask: mask})
		for _, v := range []string{
			"attachment; filename*=UTF-8''" + pctAll(testMobile) + ".csv",
			`attachment; filename="` + testMobile + `.csv"`,
			"attachment; filename=" + testMobile + ".csv",
			`attachment; filename="a.csv"; filename*=UTF-8''` + testID + `.csv`,
			"attachment; tel " + testMobile,
		} {
			w, err := serve(h, withVars(httptest.NewRequest("GET", "/", nil)), respondWith(http.StatusOK, map[string]string{"Content-Disposition": v}, []byte("ok")))
			if err != nil {
				t.Fatal(err)
			}
			got := w.Header().Get("Content-Disposition")
			assertNoRaw(t, "Content-Disposition", got)
			wantD, _, wantErr := mime.ParseMediaType(v)
			d, params, err := mime.ParseMediaType(got)
			if wantErr == nil && (err != nil || d != wantD) {
				t.Errorf("%s: %q became %q (%v)", mask, v, got, err)
			}
			for _, p := range params {
				assertNoRaw(t, "parsed Content-Disposition parameter", p)
			}
		}
		assertLogsClean(t, logs)
	}
	h, _ := newHandler(t, Handler{})
	for _, v := range []string{
		`attachment; filename="report-2024-06-30.csv"`,
		`attachment; filename*=UTF-8''%E6%8A%A5%E8%A1%A8.csv`,
		`inline`,
	} {
		w, err := serve(h, withVars(httptest.NewRequest("GET", "/", nil)), respondWith(http.StatusOK, map[string]string{"Content-Disposition": v}, []byte("ok")))
		if err != nil {
			t.Fatal(err)
		}
		if got := w.Header().Get("Content-Disposition"); got != v {
			t.Errorf("clean %q became %q", v, got)
		}
	}
}

// TestFieldParamsAfterComma checks that a Content-Type or
// Content-Disposition whose parameters follow a ',' instead of a ';'
// (`text/plain, name=…`, `attachment, filename=…`, an ext-value after a
// comma), which lenient receivers read and scripts show, goes out with the
// identifier masked under every mask style, the type and the comma kept.
func TestFieldParamsAfterComma(t *testing.T) {
	for _, mask := range []string{"", "full", "label"} {
		h, logs := newHandler(t, Handler{Mask: mask})
		for _, f := range [][2]string{
			{"Content-Type", "text/plain, name=" + testMobile},
			{"Content-Type", "text/plain,name*=utf-8''" + pctAll(testMobile)},
			{"Content-Type", "text/plain; charset=utf-8, name=" + testID + ".txt"},
			{"Content-Disposition", "attachment, filename=" + testMobile + ".txt"},
			{"Content-Disposition", "attachment,filename*=UTF-8''" + pctAll(testID)},
		} {
			w, err := serve(h, withVars(httptest.NewRequest("GET", "/", nil)), respondWith(http.StatusOK, map[string]string{f[0]: f[1]}, []byte("ok")))
			if err != nil {
				t.Fatal(err)
			}
			got := w.Header().Get(f[0])
			assertNoRaw(t, mask+" "+f[0], got)
			if dec, err := url.PathUnescape(got); err == nil {
				assertNoRaw(t, mask+" decoded "+f[0], dec)
			}
			typ, _, _ := strings.Cut(f[1], ",")
			if !strings.HasPrefix(got, typ+",") {
				t.Errorf("%s: %s %q became %q", mask, f[0], f[1], got)
			}
		}
		assertLogsClean(t, logs)
	}
}
