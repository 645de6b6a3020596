package caddymodule

// Attack pass 28, header fields: F1 (a field's escapes read in a legacy
// charset or as overlong forms only when the joined reading of the header
// found something), F2 (a '+'-spaced query in a field), F7 (valid UTF-8
// escapes a GBK application reads as a numeral). Each row asserts the
// secure behaviour: the raw identifier, in the form its receiver decodes
// it from, is absent from the field as sent on; rows marked DEFENDED
// passed when the pass was made. Clean rows go out byte for byte.

import (
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// fa28Mobile and fa28ID are synthetic: a mobile 1[3-9]x + 8
// digits, an ID whose check character is computed (ISO 7064 MOD 11-2).
func fa28Mobile() string { return "138" + "1234" + "5678" }

func fa28ID() string {
	first17 := "11010519900307123"
	return first17 + string(synth.CNIDCheckChar(first17))
}

// fa28GBKWide is s with its digits full-width, GBK-encoded: the raw
// bytes a GBK application decodes to the digits.
func fa28GBKWide(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(strings.Map(func(c rune) rune { return c - '0' + '０' }, s)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fa28Overlong writes each byte of s as an overlong two-byte UTF-8
// sequence, percent-escaped (%C0%B1 for '1'), as lenient decoders read it.
func fa28Overlong(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		b.WriteString(pctAll(string([]byte{0xC0 | c>>6, 0x80 | c&0x3f})))
	}
	return b.String()
}

// fa28Plus is m written with '+' for its group spaces: a query string
// or form decodes it to "138 1234 5678".
func fa28Plus(m string) string { return m[:3] + "+" + m[3:7] + "+" + m[7:] }

type fa28Row struct {
	name, field, value string
	leaks              []string // what must not go out
}

// fa28Leaked reports the first of leaks found in got.
func fa28Leaked(got []string, leaks []string) (string, bool) {
	for _, g := range got {
		for _, l := range leaks {
			if strings.Contains(g, l) {
				return l, true
			}
		}
	}
	return "", false
}

func fa28ResponseRows(t *testing.T) []fa28Row {
	m, id := fa28Mobile(), fa28ID()
	gbk := pctAll(string(fa28GBKWide(t, m)))
	return []fa28Row{
		// F1: GBK-escaped full-width digits, or overlong escapes, in a
		// field other than the Content-Type/-Disposition parameters: the
		// joined reading of the header (FindText, no legacy charset, no
		// overlong folding) found nothing, so the field was never read on
		// its own (fieldtext.Redact); now readsAlone sends it there.
		{"F1 Location query gbk", "Location", "/q?tel=" + gbk, []string{gbk}},
		{"F1 Location absolute gbk", "Location", "https://a.example/q?q=" + gbk, []string{gbk}},
		{"F1 Location path gbk", "Location", "/u/" + gbk, []string{gbk}},
		{"F1 Link title* gbk ext-value", "Link", "</u>; rel=next; title*=gbk''" + gbk, []string{gbk}},
		{"F1 Location overlong UTF-8 escapes", "Location", "/q?x=" + fa28Overlong(m), []string{fa28Overlong(m)}},
		{"F1 X-Next overlong UTF-8 escapes", "X-Next", "/q?x=" + fa28Overlong(m), []string{fa28Overlong(m)}},
		// F2: '+' as the space of a query string: the browser following
		// the redirect sends q=138+1234+5678, the server (and
		// URLSearchParams) reads "138 1234 5678".
		{"F2 Location plus-spaced query", "Location", "/u?q=" + fa28Plus(m), []string{fa28Plus(m)}},
		{"F2 Refresh plus-spaced query", "Refresh", "0; url=/u?q=" + fa28Plus(m), []string{fa28Plus(m)}},
		{"F2 Link plus-spaced query", "Link", "</u?q=" + fa28Plus(m) + ">; rel=next", []string{fa28Plus(m)}},
		// F7: D2 BB is U+04BB in UTF-8 and 一 in GBK: a GBK application
		// reads 一3812345678, a mobile with a Chinese numeral.
		{"F7 Location valid utf-8 gbk numeral", "Location", "/q?tel=%D2%BB" + m[1:], []string{m[1:]}},
		{"F7 Location path valid utf-8 gbk numeral", "Location", "/u/%D2%BB" + m[1:], []string{m[1:]}},

		{"DEFENDED filename* sections gbk", "Content-Disposition", "attachment; filename*0*=gbk''" + gbk[:36] + "; filename*1*=" + gbk[36:], []string{gbk[:36], gbk[36:]}},
		{"DEFENDED filename* cp936 label", "Content-Disposition", "attachment; filename*=cp936''" + gbk, []string{gbk}},
		{"DEFENDED filename* quoted ext-value", "Content-Disposition", "attachment; filename*=\"gbk''" + gbk + "\"", []string{gbk}},
		{"DEFENDED filename* utf-8 label over gbk bytes", "Content-Disposition", "attachment; filename*=UTF-8''" + gbk, []string{gbk}},
		{"DEFENDED filename* utf-32le ascii", "Content-Disposition", "attachment; filename*=utf-32le''%31%00%00%00%33%00%00%00%38%00%00%00%31%00%00%00%32%00%00%00%33%00%00%00%34%00%00%00%35%00%00%00%36%00%00%00%37%00%00%00%38%00%00%00", []string{"%34%00%00%00%35"}},

		// DEFENDED rows (passed when written)
		{"DEFENDED Content-Type quoted charset then text", "Content-Type", `text/plain; charset="utf-8" ` + m, []string{m}},
		{"DEFENDED Content-Type quoted pairs", "Content-Type", `text/plain; name="\1\3` + m[2:] + `"`, []string{m[2:]}},
		{"DEFENDED Content-Type sections upper-case name", "Content-Type", "text/plain; name*0=" + m[:5] + "; NAME*1=" + m[5:], []string{m[:5] + ";", m[5:]}},
		{"DEFENDED Content-Type sections zero-padded", "Content-Type", "text/plain; name*0=" + m[:5] + "; name*01=" + m[5:], []string{m[5:]}},
		{"DEFENDED Content-Type utf-7 ext-value", "Content-Type", "text/plain; name*=UTF-7''+ADEAMwA4ADEAMgAzADQANQA2ADcAOA-", []string{"+ADEAMwA4ADEAMgAzADQANQA2ADcAOA-"}},
		{"DEFENDED filename* gb18030", "Content-Disposition", "attachment; filename*=gb18030''" + gbk, []string{gbk}},
		{"DEFENDED filename raw gbk escapes", "Content-Disposition", "attachment; filename=" + gbk + ".txt", []string{gbk}},
		{"DEFENDED filename encoded-word B utf-8", "Content-Disposition", `attachment; filename="=?UTF-8?B?` + base64.StdEncoding.EncodeToString([]byte(m)) + `?="`, []string{base64.StdEncoding.EncodeToString([]byte(m))}},
		{"DEFENDED Content-Range 18 digits on a 200", "Content-Range", "bytes 0-1/" + id, []string{id}},
	}
}

// TestFieldsAttack28ResponseFields sends each row as a response field of a 302
// with a clean body and fails when the raw form goes out.
func TestFieldsAttack28ResponseFields(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	for _, row := range fa28ResponseRows(t) {
		w, err := serve(h, withVars(httptest.NewRequest("GET", "/", nil)), respondWith(http.StatusFound, map[string]string{row.field: row.value}, []byte("ok")))
		if err != nil {
			t.Fatalf("%s: %v", row.name, err)
		}
		if w.Code >= 400 {
			continue // refused: nothing went out
		}
		if l, bad := fa28Leaked(w.Header().Values(row.field), row.leaks); bad {
			t.Errorf("LEAK %s: %s: %q went out as %q (holds %q)", row.name, row.field, row.value, w.Header().Values(row.field), l)
		}
	}
}

// TestFieldsAttack28RequestFields sends fields on a request to the upstream.
func TestFieldsAttack28RequestFields(t *testing.T) {
	m := fa28Mobile()
	gbk := pctAll(string(fa28GBKWide(t, m)))
	h, _ := newHandler(t, Handler{})
	for _, row := range []fa28Row{
		// F1 (request side): a Referer or X- field holding a GBK page's
		// escaped query reaches a GBK upstream (Tomcat URIEncoding=GBK).
		{"F1 Referer tel gbk", "Referer", "https://a.example/q?tel=" + gbk, []string{gbk}},
		{"F1 Referer q gbk", "Referer", "https://a.example/q?q=" + gbk, []string{gbk}},
		{"F1 X-Return gbk", "X-Return", "/q?q=" + gbk, []string{gbk}},
		{"F7 Referer valid utf-8 gbk numeral", "Referer", "https://a.example/q?q=%D2%BB" + m[1:], []string{m[1:]}},
		// F2 (request side): '+'-spaced query in Referer.
		{"F2 Referer plus-spaced", "Referer", "https://a.example/q?q=" + fa28Plus(m), []string{fa28Plus(m)}},
		// DEFENDED
		{"DEFENDED form-data name quoted pairs", "Content-Disposition", `form-data; name="\1\3` + m[2:] + `"`, []string{m[2:]}},
	} {
		var c captured
		r := withVars(httptest.NewRequest("POST", "/", strings.NewReader("ok")))
		r.Header.Set(row.field, row.value)
		w, err := serve(h, r, capture(&c))
		if err != nil {
			t.Fatalf("%s: %v", row.name, err)
		}
		if !c.called || w.Code >= 400 {
			continue // refused: nothing reached the upstream
		}
		if l, bad := fa28Leaked(c.header.Values(row.field), row.leaks); bad {
			t.Errorf("LEAK %s: %s: %q reached the upstream as %q (holds %q)", row.name, row.field, row.value, c.header.Values(row.field), l)
		}
	}
}

// TestFieldsAttack28TargetGBKDefended: the request target itself with
// the same escapes is masked (DEFENDED, the contrast to F1).
func TestFieldsAttack28TargetGBKDefended(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	gbk := pctAll(string(fa28GBKWide(t, fa28Mobile())))
	r := withVars(httptest.NewRequest("GET", "/u/"+gbk, nil))
	var c captured
	if _, err := serve(h, r, capture(&c)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r.URL.RequestURI(), gbk) {
		t.Errorf("LEAK target kept %q", r.URL.RequestURI())
	}
}

// TestFieldsAttack28TargetPlusDefended: the request target with a
// '+'-spaced mobile in its query is masked (DEFENDED, the contrast to F2:
// the target is always read as a URI, a field was only when the joined
// reading of the header found something).
func TestFieldsAttack28TargetPlusDefended(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	plus := fa28Plus(fa28Mobile())
	r := withVars(httptest.NewRequest("GET", "/u?q="+plus, nil))
	var c captured
	if _, err := serve(h, r, capture(&c)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r.URL.RequestURI(), plus) {
		t.Errorf("LEAK target kept %q", r.URL.RequestURI())
	}
}

// TestFieldsAttack28TargetValidUTF8GBKNumeral (F7): the target
// /q?tel=%D2%BB3812345678 percent-decodes to valid UTF-8 ("һ3812345678",
// U+04BB), which bodyformat.FindLegacyDigits did not read in a fallback
// charset; a GBK application (Tomcat URIEncoding=GBK) reads "一3812345678",
// which the engine reads as a mobile. The target and Caddy's orig_uri copy
// are masked.
func TestFieldsAttack28TargetValidUTF8GBKNumeral(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	m := fa28Mobile()
	for _, target := range []string{"/q?tel=%D2%BB" + m[1:], "/u/%D2%BB" + m[1:]} {
		r := withVars(httptest.NewRequest("GET", target, nil))
		var c captured
		if _, err := serve(h, r, capture(&c)); err != nil {
			t.Fatal(err)
		}
		if !c.called {
			continue // refused
		}
		if strings.Contains(r.URL.RequestURI(), m[1:]) || strings.Contains(origRequest(r).RequestURI, m[1:]) {
			t.Errorf("LEAK F7: target %q went on as %q (orig %q)", target, r.URL.RequestURI(), origRequest(r).RequestURI)
		}
	}
}

// TestFieldsAttack28CleanKept: fields that are read on their own now
// (escapes of bytes that are no ASCII, a '+' in a query, a query field
// named for a category) but hold nothing go out byte for byte, and a
// response with them reports nothing: UTF-8 Chinese escapes (你好, whose
// GBK reading is 浣犲ソ, no digit), GBK words, a '+' between words or
// in a sum, four full-width digits, a tel= field of a short number.
func TestFieldsAttack28CleanKept(t *testing.T) {
	h, logs := newHandler(t, Handler{})
	for field, value := range map[string]string{
		"Location":         "/search?q=%E4%BD%A0%E5%A5%BD&page=2",
		"Content-Location": "/u/%E4%BD%A0%E5%A5%BD/orders/12345",
		"Link":             "</s?q=%E6%89%8B%E6%9C%BA+%E5%A3%B3>; rel=next",
		"Refresh":          "0; url=/s?q=hello+world&n=1+2",
		"X-Return":         "/search?q=%C4%E3%BA%C3&name=%D5%C5%C8%FD",
		"X-Next":           "/q?ver=%A3%B1%A3%B2%A3%B3%A3%B4",
		"X-Back":           "https://a.example/q?tel=10086",
		"X-Accept":         "application/xhtml+xml, text/html?x",
	} {
		w, err := serve(h, withVars(httptest.NewRequest("GET", "/", nil)), respondWith(http.StatusFound, map[string]string{field: value}, []byte("ok")))
		if err != nil {
			t.Fatal(err)
		}
		if got := w.Header().Get(field); got != value {
			t.Errorf("clean %s: %q became %q", field, value, got)
		}
	}
	if n := logs.Len(); n != 0 {
		t.Errorf("clean fields logged %d entries: %v", n, logs.All()[0].Message)
	}
}

// TestFieldsAttack28BrowserRequestReadings counts the engine's readings
// of a browser request's fields (BenchmarkFieldsOfABrowserRequest's
// kind): one joined reading of the header, and none of a field on its
// own, since none holds escapes of bytes that are no ASCII, a '+' in a
// query or a query field named for a category; a Referer that does adds
// the readings of its own (its name, and its value as a URI: its '+'
// read as a space and kept), and only those.
func TestFieldsAttack28BrowserRequestReadings(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	var reads int
	was := findField
	findField = func(e *detect.Engine, text []byte, hint detect.CategorySet) ([]detect.Finding, error) {
		reads++
		return was(e, text, hint)
	}
	defer func() { findField = was }()
	hdr := http.Header{}
	for k, v := range map[string]string{
		"User-Agent":      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
		"Accept":          "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
		"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8",
		"Referer":         "https://shop.example/orders?from=home",
		"Sec-Ch-Ua":       `"Chromium";v="131", "Not_A Brand";v="24"`,
		"X-Request-Id":    "4bf92f3577b34da6a3ce929d0e0e4736",
	} {
		hdr.Set(k, v)
	}
	s := fieldScan{h: h, rewrite: true}
	s.header(hdr)
	if reads != 1 || len(s.found) != 0 {
		t.Errorf("browser request fields: %d readings, %d findings; want 1 joined reading", reads, len(s.found))
	}
	reads = 0
	hdr.Set("Referer", "https://shop.example/s?q=%E6%89%8B%E6%9C%BA+%E5%A3%B3")
	s = fieldScan{h: h, rewrite: true}
	s.header(hdr)
	if reads != 4 || len(s.found) != 0 {
		t.Errorf("with an escaped Referer: %d readings, %d findings; want 4: the joined one, the Referer's name and its value with '+' as a space and kept (fix32)", reads, len(s.found))
	}
}
