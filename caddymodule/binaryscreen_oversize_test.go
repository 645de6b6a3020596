package caddymodule

import (
	"bytes"
	"net/http"
	"testing"
)

// TestBinaryPrefixedDocumentOversizePass (issue #9): a length-prefixed
// JSON document longer than the binary screen holds (300 KiB, past its
// 256 KiB) is an oversize body: under oversize pass (the operator's
// fail-open choice) it reaches the upstream byte for byte under every
// action, counted as an oversize body passed uninspected, as a body past
// max_body is; under the default it stays refused (400), none of it
// reaching the upstream. Before, it was refused under oversize pass too.
func TestBinaryPrefixedDocumentOversizePass(t *testing.T) {
	big := prefixedJSONBody(300<<10, false)
	for _, action := range []string{"redact", "reject", "log"} {
		before := uninspectedCount(dirRequest, skipOversize)
		h, logs := newHandler(t, Handler{Request: action, Response: "off", Oversize: "pass"})
		var p proxied
		w, err := serve(h, slowPost(big, ""), proxyLike(&p))
		if err != nil || w.Code != http.StatusNoContent || !bytes.Equal(p.body, big) {
			t.Errorf("oversize pass, %s: status %d (%v), upstream got %d of %d bytes", action, w.Code, err, len(p.body), len(big))
		}
		if got := uninspectedCount(dirRequest, skipOversize) - before; got != 1 {
			t.Errorf("oversize pass, %s: %v oversize bodies counted, want 1", action, got)
		}
		assertLogsClean(t, logs)
	}
	for _, action := range []string{"redact", "reject"} {
		h, logs := newHandler(t, Handler{Request: action, Response: "off"})
		var p proxied
		w, err := serve(h, slowPost(big, ""), proxyLike(&p))
		if err != nil || w.Code != http.StatusBadRequest || len(p.body) != 0 {
			t.Errorf("default, %s: status %d (%v), upstream got %d bytes", action, w.Code, err, len(p.body))
		}
		assertOutcomes(t, logs, outRefused)
	}
}
