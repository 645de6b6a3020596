package logfilter

import (
	"net/http"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"
)

// TestGluedMemberNames: an identifier glued to a letter of an object's
// key is masked in the mask style, at any depth, the rest of the key
// kept; keys with ordinary digits are written as they are, and
// remembered clean.
func TestGluedMemberNames(t *testing.T) {
	f := newFilter(t, Filter{Mask: "label"})
	h := http.Header{"X-U" + testID: {"1"}, "X-B3-Traceid": {"463ac35c9f6413ad"}}
	got := encode(t, f.Filter(zap.Object("headers", caddyhttp.LoggableHTTPHeader{Header: h, ShouldLogCredentials: true})))
	noRaw(t, got)
	for _, want := range []string{`"X-U[CN_ID]":["1"]`, `"X-B3-Traceid":["463ac35c9f6413ad"]`} {
		if !strings.Contains(got, want) {
			t.Errorf("got %s, want %s", got, want)
		}
	}
	got = encode(t, f.Filter(zap.Dict("request", zap.Dict("headers", zap.Bool("X-Tel"+testMobile, true), zap.Int8("v2", 1)))))
	noRaw(t, got)
	if !strings.Contains(got, `"X-Tel[CN_MOBILE]":true`) || !strings.Contains(got, `"v2":1`) {
		t.Errorf("got %s, want the nested name masked, v2 kept", got)
	}
	if !f.cleanKeys.cleanName("X-B3-Traceid") || f.cleanKeys.cleanName("X-U"+testID) {
		t.Errorf("X-B3-Traceid not remembered clean, or X-U<ID> remembered clean")
	}
}
