package caddymodule

import (
	"net/http"
	"strings"

	"github.com/caddyserver/caddy/v2"
)

// Other handlers copy parts of the exchange into placeholders before the
// filter reads them: reverse_proxy publishes the upstream's response
// header fields as {http.reverse_proxy.header.*}, and the regexp matchers
// (path_regexp, header_regexp) their captures as {http.regexp.*}
// ({re.*} in a Caddyfile). A deferred header op, a header_up, log_append
// or a log format expands them after the filter masked the fields they
// came from, so they are made to say no more than those fields now do
// (attack pass 40, F4 and F5).

// The placeholders other handlers fill from what the filter reads.
const (
	proxyHeaderPrefix = "http.reverse_proxy.header."
	proxyStatus       = "http.reverse_proxy.status_code"
	regexpPrefix      = "http.regexp."
)

// replacerOf returns the request's replacer, or nil.
func replacerOf(r *http.Request) *caddy.Replacer {
	repl, _ := r.Context().Value(caddy.ReplacerCtxKey).(*caddy.Replacer)
	return repl
}

// syncProxyHeaders makes {http.reverse_proxy.header.*} hold the response's
// header fields as the filter leaves them (masked, or dropped) instead of
// as the upstream sent them, joined with commas as reverse_proxy joins
// them. A field of several values whose joined text the filter reads
// anything in (a number split over two values) is left out: the joining
// is the placeholder's, no field reads so. Nothing is done for a response
// that did not come through reverse_proxy.
func (h *Handler) syncProxyHeaders(r *http.Request, hdr http.Header) {
	repl := replacerOf(r)
	if repl == nil {
		return
	}
	if _, proxied := repl.Get(proxyStatus); !proxied {
		return
	}
	repl.DeleteByPrefix(proxyHeaderPrefix)
	for name, values := range hdr {
		v := strings.Join(values, ",")
		if len(values) > 1 {
			if fs, err := findField(h.engine, []byte(v), 0); err != nil || len(fs) > 0 {
				continue
			}
		}
		repl.Set(proxyHeaderPrefix+name, v)
	}
}

// dropRegexpCaptures removes the regexp matchers' captures from r's
// placeholders once the filter masked something in r's target or header
// fields: a capture is a piece of a value as the client sent it, taken
// before the filter ran, and neither the matcher's name nor its pattern
// is known here to read it again. A request whose target and fields hold
// nothing keeps its captures.
func dropRegexpCaptures(r *http.Request) {
	if repl := replacerOf(r); repl != nil {
		repl.DeleteByPrefix(regexpPrefix)
	}
}
