package caddymodule

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/net/http/httpguts"
)

// FuzzFields reads arbitrary header fields and request targets: no panic
// (scanFields would return it as an error), and every rewritten value is
// still a valid field value.
func FuzzFields(f *testing.F) {
	f.Add("X-A", "1381", "X-B", "2345678", "/u/13812345678?id=1&tel=138%201234%205678")
	f.Add("Location", "/u?id=11010519900307703X", "X-"+"13812345678", "1", "/")
	f.Add("X-Contact", "手机 138 1234 5678", "Link", "</x>; rel=preload", "/q?q=%E6%89%8B%E6%9C%BA")
	f.Add("Refresh", "0; url=/u?q=138+1234+5678", "Link", "</u>; title*=gbk''%A3%B1%A3%B3%A3%B8", "/q?tel=%D2%BB3812345678") // attack pass 28
	f.Add("X-Next", "/q?x=%C0%B1%C0%B3+%uFF11", "Referer", "https://a.example/q?q=%E4%BD%A0+%2B?+", "/u/%D2%BB1+2")
	h, _ := newHandler(f, Handler{})
	f.Fuzz(func(t *testing.T, n1, v1, n2, v2, target string) {
		if len(n1)+len(v1)+len(n2)+len(v2)+len(target) > 4096 {
			return
		}
		hdr := http.Header{}
		for _, kv := range [][2]string{{n1, v1}, {n2, v2}} {
			if httpguts.ValidHeaderFieldName(kv[0]) && httpguts.ValidHeaderFieldValue(kv[1]) {
				hdr[kv[0]] = append(hdr[kv[0]], kv[1])
			}
		}
		if _, err := h.scanFields(nil, hdr, 0, actRedact); err != nil {
			t.Fatalf("response fields: %v %v", err, stackOf(err))
		}
		for name, vs := range hdr {
			for _, v := range vs {
				if !httpguts.ValidHeaderFieldValue(v) {
					t.Fatalf("%s rewritten to an invalid value %q", name, v)
				}
			}
		}
		if !strings.HasPrefix(target, "/") || strings.ContainsAny(target, " \r\n#") {
			return
		}
		r, err := http.NewRequest("GET", "http://x"+target, nil)
		if err != nil {
			return
		}
		r = httptest.NewRequest("GET", r.URL.RequestURI(), nil)
		if _, err := h.scanFields(r, nil, 0, actRedact); err != nil {
			t.Fatalf("target: %v %v", err, stackOf(err))
		}
	})
}
