package caddymodule

import (
	"bytes"
	"encoding/binary"
	"net/http"
	"strconv"
	"testing"
)

// TestGzipMsgpackRequestRead (attack pass 45, F2): a request body that
// is a gzip file labelled application/msgpack, no Content-Encoding, a map
// holding a mobile as a uint64, is read as MessagePack: under reject it
// is refused, none of it reaching the upstream; under redact the
// upstream gets a gzip file whose map no longer holds the mobile; a clean
// map passes byte for byte.
func TestGzipMsgpackRequestRead(t *testing.T) {
	mob, err := strconv.ParseUint(testMobile, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	tel := binary.BigEndian.AppendUint64([]byte{0xcf}, mob)
	doc := append([]byte("\x82\xa3tel"), tel...)
	doc = append(doc, "\xa4note\xa5fresh"...)
	body := gzipOf(t, doc)

	h, logs := newHandler(t, Handler{Request: "reject", Response: "off"})
	var p proxied
	w, err := serve(h, post(string(body), "application/msgpack"), proxyLike(&p))
	if err != nil || w.Code != DefaultStatus || len(p.body) != 0 {
		t.Fatalf("reject: status %d (%v), upstream got %d bytes", w.Code, err, len(p.body))
	}
	assertOutcomes(t, logs, outRefused)
	assertLogsClean(t, logs)

	h, _ = newHandler(t, Handler{Request: "redact", Response: "off"})
	p = proxied{}
	w, err = serve(h, post(string(body), "application/msgpack"), proxyLike(&p))
	got := gunzippedOrAsIs(p.body)
	if err != nil || w.Code != http.StatusNoContent || len(p.body) == 0 || bytes.Contains(got, tel) || !bytes.Contains(got, []byte("\xa4note\xa5fresh")) {
		t.Fatalf("redact: status %d (%v), upstream got %q", w.Code, err, got)
	}

	clean := gzipOf(t, []byte("\x81\xa4note\xa5fresh"))
	h, _ = newHandler(t, Handler{Request: "reject", Response: "off"})
	p = proxied{}
	w, err = serve(h, post(string(clean), "application/msgpack"), proxyLike(&p))
	if err != nil || w.Code != http.StatusNoContent || !bytes.Equal(p.body, clean) {
		t.Fatalf("clean: status %d (%v), upstream got %d of %d bytes", w.Code, err, len(p.body), len(clean))
	}
}
