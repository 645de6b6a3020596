package logfilter

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// BenchmarkFilter measures the filter over the fields an access log
// writes for each request, as the shipped scrubbed-access-log example
// filters them: the URI (a string), the request's headers (an object,
// read value by value and then walked as JSON) and the whole request (an
// object holding the headers). Clean headers of an ordinary browser
// request, and the same with a mobile in the Referer.
func BenchmarkFilter(b *testing.B) {
	t := &testing.T{}
	f := newFilter(t, Filter{})
	for _, c := range []struct{ name, referer string }{
		{"clean", "https://shop.example/list?page=2&sort=price"},
		{"mobile", "https://shop.example/find?phone=" + testMobile},
	} {
		h := browserHeader(c.referer)
		r := httptest.NewRequest("GET", "/products/1234?page=2", nil)
		r.Header = h
		fields := map[string]zapcore.Field{
			"uri":     zap.String("uri", r.RequestURI),
			"headers": zap.Object("headers", caddyhttp.LoggableHTTPHeader{Header: h, ShouldLogCredentials: true}),
			"request": zap.Object("request", caddyhttp.LoggableHTTPRequest{Request: r, ShouldLogCredentials: true}),
		}
		for _, name := range []string{"uri", "headers", "request"} {
			field := fields[name]
			b.Run(c.name+"/"+name, func(b *testing.B) {
				enc := zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig())
				b.ReportAllocs()
				for b.Loop() {
					out := f.Filter(field)
					buf, err := enc.EncodeEntry(zapcore.Entry{Message: "handled request"}, []zapcore.Field{out})
					if err != nil {
						b.Fatal(err)
					}
					buf.Free()
				}
			})
		}
	}
}

// browserHeader returns the headers of an ordinary browser request (about
// 500 bytes) with referer as its Referer.
func browserHeader(referer string) http.Header {
	h := http.Header{}
	h.Set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")
	h.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8")
	h.Set("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8")
	h.Set("Accept-Encoding", "gzip, deflate, br, zstd")
	h.Set("Referer", referer)
	h.Set("Cookie", "sid=6f1c2a9e8b7d4c3a; theme=dark; lang=zh-CN")
	h.Set("Sec-Fetch-Mode", "navigate")
	h.Set("Sec-Ch-Ua", `"Chromium";v="131", "Not_A Brand";v="24"`)
	return h
}
