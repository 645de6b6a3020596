package caddymodule

import (
	"bytes"
	"encoding/binary"
	"net/http"
	"strings"
	"testing"
)

// prefixedJSONBody returns a JSON document of at least n bytes behind its
// 4-byte big-endian length, testMobile split over sibling members
// (tel1, tel2, tel3) at its end when pii.
func prefixedJSONBody(n int, pii bool) []byte {
	tail := `"tel1":"x"}`
	if pii {
		tail = `"tel1":"` + testMobile[:3] + `","tel2":"` + testMobile[3:7] + `","tel3":"` + testMobile[7:] + `"}`
	}
	doc := `{"note":"` + strings.Repeat("fresh and cold ", n/15) + `",` + tail
	return append(binary.BigEndian.AppendUint32(nil, uint32(len(doc))), doc...)
}

// TestBinaryPrefixedDocumentRequestScreened (attack pass 45, F1): an
// untyped request body of 6 KiB and 40 KiB, a JSON document behind its
// 4-byte length with a mobile split over sibling members (past the
// binary screen's first window), is refused under redact and reject,
// none of it reaching the upstream, as the pii matcher (Inspect) finds
// it; the clean document passes byte for byte; one longer than the
// screen holds is refused as uninspectable.
func TestBinaryPrefixedDocumentRequestScreened(t *testing.T) {
	for _, n := range []int{6 << 10, 40 << 10} {
		body := prefixedJSONBody(n, true)
		for _, action := range []string{"redact", "reject"} {
			h, logs := newHandler(t, Handler{Request: action, Response: "off"})
			var p proxied
			w, err := serve(h, slowPost(body, ""), proxyLike(&p))
			if err != nil || w.Code != DefaultStatus || len(p.body) != 0 {
				t.Fatalf("%d bytes under %s: status %d (%v), upstream got %d bytes", len(body), action, w.Code, err, len(p.body))
			}
			assertOutcomes(t, logs, outRefused)
			assertLogsClean(t, logs)
		}
		clean := prefixedJSONBody(n, false)
		h, _ := newHandler(t, Handler{Request: "reject", Response: "off"})
		var p proxied
		w, err := serve(h, slowPost(clean, ""), proxyLike(&p))
		if err != nil || w.Code != http.StatusNoContent || !bytes.Equal(p.body, clean) {
			t.Fatalf("clean %d bytes: status %d (%v), upstream got %d bytes", len(clean), w.Code, err, len(p.body))
		}
	}
	big := prefixedJSONBody(300<<10, false)
	h, logs := newHandler(t, Handler{Request: "reject", Response: "off"})
	var p proxied
	w, err := serve(h, slowPost(big, ""), proxyLike(&p))
	if err != nil || w.Code != http.StatusBadRequest || len(p.body) != 0 {
		t.Fatalf("%d bytes: status %d (%v), upstream got %d bytes", len(big), w.Code, err, len(p.body))
	}
	assertOutcomes(t, logs, outRefused)
}

// TestBinaryPrefixedDocumentTrailerRequestScreened (attack46a F9): a
// length-prefixed JSON document followed by a NUL, a line break or a
// second message, whose split mobile only the JSON reading joins, is
// refused under reject through the proxy's screen as the document alone
// is; the same bodies clean reach the upstream byte for byte.
func TestBinaryPrefixedDocumentTrailerRequestScreened(t *testing.T) {
	for _, n := range []int{6 << 10, 40 << 10} {
		for name, tail := range map[string]string{"NUL": "\x00", "line break": "\n", "second message": string(prefixedJSONBody(64, false))} {
			body := string(prefixedJSONBody(n, true)) + tail
			h, logs := newHandler(t, Handler{Request: "reject", Response: "off"})
			var p proxied
			w, err := serve(h, slowPost([]byte(body), ""), proxyLike(&p))
			if err != nil || w.Code != DefaultStatus || len(p.body) != 0 {
				t.Errorf("%d bytes, %s after: status %d (%v), upstream got %d bytes", n, name, w.Code, err, len(p.body))
			}
			assertLogsClean(t, logs)
			clean := string(prefixedJSONBody(n, false)) + tail
			h, _ = newHandler(t, Handler{Request: "reject", Response: "off"})
			p = proxied{}
			w, err = serve(h, slowPost([]byte(clean), ""), proxyLike(&p))
			if err != nil || w.Code != http.StatusNoContent || string(p.body) != clean {
				t.Errorf("clean %d bytes, %s after: status %d (%v), upstream got %d of %d bytes", n, name, w.Code, err, len(p.body), len(clean))
			}
		}
	}
}
