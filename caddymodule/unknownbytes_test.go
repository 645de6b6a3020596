package caddymodule

import (
	"bytes"
	"strings"
	"testing"
)

// TestUntypedBinaryPrefixRead: an untyped request body opening with a
// few bytes that are no text ("x\x9c\x01&": a zlib header that inflates
// to nothing) before a form's field was sent on unread past its head,
// the mobile raw to an upstream whose form parser reads "tel". It is now
// read: the upstream gets the mobile masked and the other bytes as sent;
// a PNG upload still goes on byte for byte.
func TestUntypedBinaryPrefixRead(t *testing.T) {
	h, logs := newHandler(t, Handler{})
	prefix := "x\x9c\x01&"
	var c captured
	if _, err := serve(h, post(prefix+"tel="+testMobile, ""), capture(&c)); err != nil {
		t.Fatal(err)
	}
	if !c.called || strings.Contains(string(c.body), testMobile) || !strings.HasPrefix(string(c.body), prefix+"tel=") {
		t.Errorf("upstream got %q", c.body)
	}
	assertOutcomes(t, logs, outRedacted)
	assertLogsClean(t, logs)

	png := pngBytes()
	var p captured
	if _, err := serve(h, post(string(png), ""), capture(&p)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(p.body, png) {
		t.Errorf("a PNG upload changed: %d bytes, want %d", len(p.body), len(png))
	}
}
