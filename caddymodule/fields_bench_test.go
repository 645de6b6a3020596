package caddymodule

import (
	"net/http/httptest"
	"testing"
)

// BenchmarkFieldsOfABrowserRequest measures reading the target and fields
// of a request as a browser sends it, and a typical response's fields.
func BenchmarkFieldsOfABrowserRequest(b *testing.B) {
	h, _ := newHandler(b, Handler{})
	r := httptest.NewRequest("GET", "/api/orders?page=2&sort=desc&q=%E6%89%8B%E6%9C%BA", nil)
	for k, v := range map[string]string{
		"User-Agent":      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
		"Accept":          "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
		"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8",
		"Referer":         "https://shop.example/orders?from=home",
		"Sec-Ch-Ua":       `"Chromium";v="131", "Not_A Brand";v="24"`,
		"X-Request-Id":    "4bf92f3577b34da6a3ce929d0e0e4736",
		"Cookie":          "sid=abc",
	} {
		r.Header.Set(k, v)
	}
	resp := httptest.NewRecorder().Header()
	for k, v := range map[string]string{
		"Content-Type": "application/json", "Server": "legacy/1.0", "Set-Cookie": "sid=abc; Path=/; HttpOnly",
		"X-Trace": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "Strict-Transport-Security": "max-age=31536000",
	} {
		resp.Set(k, v)
	}
	// the first reading builds the process's once-only tables (the byte
	// pairs of wide digits in legacy charsets): not a request's cost
	if _, err := h.scanFields(r, nil, 0, actRedact); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if fs, err := h.scanFields(r, nil, 0, actRedact); err != nil || len(fs) != 0 {
			b.Fatal(fs, err)
		}
		if fs, err := h.scanFields(nil, resp, 0, actRedact); err != nil || len(fs) != 0 {
			b.Fatal(fs, err)
		}
	}
}
