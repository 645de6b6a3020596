package logfilter

import (
	"net/http"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"
)

// TestFilterHost (attack pass 37): a request's host, as Caddy logs it
// under "host", is read as pii_filter reads one: an identifier glued to a
// letter of its label is masked, the other labels and a clean host kept.
func TestFilterHost(t *testing.T) {
	f := newFilter(t, Filter{})
	for host, kept := range map[string]string{
		"u" + testID + ".shop.example": ".shop.example",
		testMobile + ".shop.example":   ".shop.example",
		"shop.example:8443":            "shop.example:8443",
		"10.0.0.1:8080":                "10.0.0.1:8080",
	} {
		out := f.Filter(zap.String("host", host)).String
		if !strings.Contains(out, kept) {
			t.Errorf("host %q logged as %q, want %q kept", host, out, kept)
		}
		for _, v := range rawValues {
			if strings.Contains(out, v) {
				t.Errorf("host %q logged as %q", host, out)
			}
		}
	}
}

// TestFilterHeadersDrop: a filter on a whole header object redacts every
// field, writes the clean ones as they are, and leaves out the members
// Drop names (the credentials log_credentials lets through).
func TestFilterHeadersDrop(t *testing.T) {
	f := newFilter(t, Filter{Drop: []string{"authorization", "Proxy-Authorization"}})
	h := http.Header{
		"Authorization":       {"Bearer secret-token"},
		"Proxy-Authorization": {"Basic c2VjcmV0"},
		"User-Agent":          {"shop-app/3.1 (uid " + testID + ")"},
		"From":                {testEmail},
		"X-Customer-Mobile":   {testMobile},
		"Accept":              {"text/html,application/xhtml+xml;q=0.9"},
		"Accept-Language":     {"zh-CN,zh;q=0.9"},
	}
	out := encode(t, f.Filter(zap.Object("headers", caddyhttp.LoggableHTTPHeader{Header: h, ShouldLogCredentials: true})))
	for _, v := range append(rawValues, "secret-token", "c2VjcmV0", "Authorization") {
		if strings.Contains(out, v) {
			t.Errorf("the headers hold %q: %s", v, out)
		}
	}
	for _, kept := range []string{`"Accept":["text/html,application/xhtml+xml;q=0.9"]`, `"Accept-Language":["zh-CN,zh;q=0.9"]`, `"User-Agent":["shop-app/3.1 (uid `} {
		if !strings.Contains(out, kept) {
			t.Errorf("the headers lost %s: %s", kept, out)
		}
	}
}
