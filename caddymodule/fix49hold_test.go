package caddymodule

import (
	"bytes"
	"encoding/binary"
	"net/http"
	"testing"
)

// fix49HoldFramed returns doc behind a 4-byte big-endian length.
func fix49HoldFramed(doc []byte) []byte {
	return append(binary.BigEndian.AppendUint32(nil, uint32(len(doc))), doc...)
}

// fix49HoldStream returns an untyped request body of clean JSON messages
// of about 2 KiB behind 4-byte lengths past the binary screen's 256 KiB
// hold by past bytes, then last (a message with the split mobile, one
// longer than the hold, or a clean one), then two clean messages; and
// where last starts.
func fix49HoldStream(past int, last []byte) ([]byte, int) {
	var b []byte
	for len(b) < fix49HoldBytes+past {
		b = append(b, fix49HoldFramed(fix49Doc(2<<10, false))...)
	}
	at := len(b)
	b = append(b, fix49HoldFramed(last)...)
	for range 2 {
		b = append(b, fix49HoldFramed(fix49Doc(1<<10, false))...)
	}
	return b, at
}

// fix49HoldBytes is the binary screen's hold (bodyformat's
// maxBinaryScreenDoc).
const fix49HoldBytes = 256 << 10

// TestFix49HoldFramedRequest (issue #9, fix49hold): an untyped request
// body of length-prefixed JSON messages whose message with a mobile
// split over sibling members starts past the binary screen's 256 KiB
// hold is refused under redact and reject through the handler, that
// message and none after it reaching the upstream; the same stream clean
// reaches it byte for byte. Before, the screen read the messages past
// its hold as runs of text and the mobile went on raw.
func TestFix49HoldFramedRequest(t *testing.T) {
	body, at := fix49HoldStream(8<<10, fix49Doc(1<<10, true))
	for _, action := range []string{"redact", "reject"} {
		h, logs := newHandler(t, Handler{Request: action, Response: "off"})
		var p proxied
		w, err := serve(h, slowPost(body, ""), proxyLike(&p))
		if err != nil || w.Code != DefaultStatus || len(p.body) > at {
			t.Errorf("%s: status %d (%v), upstream got %d bytes (the personal message at %d)", action, w.Code, err, len(p.body), at)
		}
		assertOutcomes(t, logs, outRefused)
		assertLogsClean(t, logs)
	}
	clean, _ := fix49HoldStream(8<<10, fix49Doc(1<<10, false))
	h, _ := newHandler(t, Handler{Request: "reject", Response: "off"})
	var p proxied
	w, err := serve(h, slowPost(clean, ""), proxyLike(&p))
	if err != nil || w.Code != http.StatusNoContent || !bytes.Equal(p.body, clean) || p.held > fix49HoldBytes+1 {
		t.Errorf("clean: status %d (%v), upstream got %d of %d bytes, held %d", w.Code, err, len(p.body), len(clean), p.held)
	}
}

// TestFix49HoldMessageTooLongRequest (issue #9, fix49hold): in such a
// stream, a message past the hold longer than the hold is refused as
// uninspectable (400) under the default, none of it reaching the
// upstream; under oversize pass the body reaches it byte for byte,
// counted once as an oversize body passed uninspected.
func TestFix49HoldMessageTooLongRequest(t *testing.T) {
	body, at := fix49HoldStream(8<<10, fix49Doc(fix49HoldBytes+(4<<10), false))
	h, logs := newHandler(t, Handler{Request: "reject", Response: "off"})
	var p proxied
	w, err := serve(h, slowPost(body, ""), proxyLike(&p))
	if err != nil || w.Code != http.StatusBadRequest || len(p.body) > at {
		t.Errorf("default: status %d (%v), upstream got %d bytes (the long message at %d)", w.Code, err, len(p.body), at)
	}
	assertOutcomes(t, logs, outRefused)
	before := uninspectedCount(dirRequest, skipOversize)
	h, logs = newHandler(t, Handler{Request: "reject", Response: "off", Oversize: "pass"})
	p = proxied{}
	w, err = serve(h, slowPost(body, ""), proxyLike(&p))
	if err != nil || w.Code != http.StatusNoContent || !bytes.Equal(p.body, body) {
		t.Errorf("oversize pass: status %d (%v), upstream got %d of %d bytes", w.Code, err, len(p.body), len(body))
	}
	if got := uninspectedCount(dirRequest, skipOversize) - before; got != 1 {
		t.Errorf("oversize pass: %v oversize bodies counted, want 1", got)
	}
	assertLogsClean(t, logs)
}
