package logfilter

import (
	"net/http"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"
)

// TestAttack38HeaderNames: a filter on a whole header object
// (request>headers pii, resp_headers pii in scrubbed-access-log) reads
// the fields' values; the client (or upstream) also chooses the fields'
// NAMES, which Caddy logs as the object's keys: "X-<mobile>: 1" or
// "X-U<ID>: 1" writes the identifier to the access log raw. (A name
// "X-<mobile>" is masked: the key is read as text, but not its digits
// alone, as RedactHost reads a host's labels, so a letter glued to the
// identifier hides it.)
func TestAttack38HeaderNames(t *testing.T) {
	f := newFilter(t, Filter{Drop: []string{"Authorization"}})
	for name, h := range map[string]http.Header{
		"id glued":     {"X-U" + testID: {"1"}, "Accept": {"*/*"}},
		"mobile glued": {"X-Tel" + testMobile: {""}},
	} {
		t.Run(name, func(t *testing.T) {
			out := encode(t, f.Filter(zap.Object("headers", caddyhttp.LoggableHTTPHeader{Header: h, ShouldLogCredentials: true})))
			for _, v := range rawValues {
				if strings.Contains(out, v) {
					t.Errorf("the headers hold %q: %s", v, out)
				}
			}
		})
	}
}
