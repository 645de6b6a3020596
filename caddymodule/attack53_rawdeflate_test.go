package caddymodule

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"strings"
	"testing"
)

// attack53StoredThenDeflated returns raw deflate whose first block is a
// stored one (BTYPE 00, not final) holding pad, the rest of the stream
// rest compressed: a valid stream any inflater reads as pad+rest.
func attack53StoredThenDeflated(pad, rest []byte) []byte {
	out := []byte{0x00} // BFINAL 0, BTYPE 00, padded to the byte
	out = binary.LittleEndian.AppendUint16(out, uint16(len(pad)))
	out = binary.LittleEndian.AppendUint16(out, ^uint16(len(pad)))
	out = append(out, pad...)
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	w.Write(rest)
	w.Close()
	return append(out, buf.Bytes()...)
}

// TestAttack53RawDeflateStoredHead (attack53a F1): DeflatedHead asks a
// long body's 512-byte head to inflate to 512 bytes of text. Raw deflate
// whose head is a stored block (level 0, or any block that inflates to
// fewer bytes than it takes: 507 bytes out of 512 in) fails that rule,
// so the handler sends the upload through the binary screen, which sees
// the rest of the stream Huffman coded, while Inspect, given the same
// body buffered, inflates it (its head is text) and finds the mobile.
// The upstream gets the form's mobile. Should: refused under reject, as
// TestFix52RawDeflateRequest's forms are.
func TestAttack53RawDeflateStoredHead(t *testing.T) {
	pad := []byte(strings.Repeat("item=fresh+and+cold&", 40)) // 800 bytes of a form, stored
	stored := attack53StoredThenDeflated(pad, []byte("qty=2&tel="+testMobile+"&note=ok"))
	if got := fix52Inflate(t, stored); !bytes.Contains(got, []byte(testMobile)) {
		t.Fatalf("fixture does not inflate to the form: %q", got)
	}
	// a short stream (its whole 30-odd bytes inflate to the form) and
	// 600 bytes after its end: the head inflates to fewer than 512 bytes
	short := append(fix52RawDeflate([]byte("a=1&tel="+testMobile+"&b=2")), strings.Repeat("&pad=1", 100)...)
	for name, body := range map[string][]byte{"stored head": stored, "short stream, bytes after": short} {
		for _, ct := range []string{"", "application/octet-stream"} {
			h, logs := newHandler(t, Handler{Request: "reject", Response: "off"})
			var p proxied
			w, _ := serve(h, post(string(body), ct), proxyLike(&p))
			if w.Code < 400 || len(p.body) != 0 {
				t.Errorf("%s %q: status %d, upstream got %d bytes of raw deflate holding a mobile", name, ct, w.Code, len(p.body))
			}
			assertLogsClean(t, logs)
		}
	}
}
