package caddymodule

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"github.com/klauspost/compress/zstd"
)

// fix49Doc returns a JSON document of about n bytes whose members tel1,
// tel2 and tel3 hold testMobile split in three, or clean values.
func fix49Doc(n int, pii bool) []byte {
	var doc strings.Builder
	doc.WriteString(`{"items":[`)
	for i := 0; doc.Len() < n-100; i++ {
		if i > 0 {
			doc.WriteByte(',')
		}
		fmt.Fprintf(&doc, `{"sku":"a%d","qty":%d}`, i, i%7)
	}
	m := testMobile
	if !pii {
		m = "abcdefghijk"
	}
	fmt.Fprintf(&doc, `],"tel1":"%s","tel2":"%s","tel3":"%s"}`, m[:3], m[3:7], m[7:])
	return []byte(doc.String())
}

// fix49Zstd returns b as one zstd frame.
func fix49Zstd(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := zstd.NewWriter(&buf, zstd.WithEncoderConcurrency(1))
	if err != nil {
		t.Fatal(err)
	}
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// fix49Bodies returns the framed and compressed bodies of fix49frames
// findings 1, 2 and 4, holding the split mobile (pii) or not: a 2-byte
// big-endian length of no NUL before the document then a NUL (the head
// sniffs as text); two binary messages then the document behind 4-byte
// lengths; the document zstd-compressed with no Content-Encoding.
func fix49Bodies(t *testing.T, pii bool) map[string][]byte {
	doc := fix49Doc(3<<10, pii)
	for len(doc)&0xff == 0 || len(doc)>>8 == 0 {
		doc = append(doc, ' ')
	}
	two := append(binary.BigEndian.AppendUint16(nil, uint16(len(doc))), doc...)
	var msgs []byte
	for _, payload := range [][]byte{{0xff, 0, 0xfe, 0x81, 0x92}, {0xee, 0x01, 0, 0, 0xc3, 0x00, 0x9f}} {
		msgs = append(binary.BigEndian.AppendUint32(msgs, uint32(len(payload))), payload...)
	}
	msgs = append(binary.BigEndian.AppendUint32(msgs, uint32(len(doc))), doc...)
	return map[string][]byte{
		"2-byte length": append(two, 0),
		"after binary":  append(msgs, 0),
		"zstd":          fix49Zstd(t, doc),
	}
}

// TestFix49FramedRequests (issue #9, fix49frames findings 1, 2, 4): an
// untyped request body that holds a JSON document behind a 2-byte length,
// after two binary messages, or zstd-compressed with no Content-Encoding,
// is read as the JSON document through the handler: under reject and
// redact the split mobile is refused and the upstream gets nothing; the
// same bodies clean reach it byte for byte.
func TestFix49FramedRequests(t *testing.T) {
	for _, action := range []string{"reject", "redact"} {
		for name, body := range fix49Bodies(t, true) {
			for _, ct := range []string{"", "application/octet-stream"} {
				h, logs := newHandler(t, Handler{Request: action, Response: "off"})
				var p proxied
				w, _ := serve(h, post(string(body), ct), proxyLike(&p))
				if w.Code < 400 || len(p.body) != 0 {
					t.Errorf("%s %s %q: status %d, upstream got %d bytes", action, name, ct, w.Code, len(p.body))
				}
				assertLogsClean(t, logs)
			}
		}
	}
	for name, body := range fix49Bodies(t, false) {
		h, _ := newHandler(t, Handler{Request: "redact", Response: "off"})
		var p proxied
		w, err := serve(h, post(string(body), ""), proxyLike(&p))
		if err != nil || !bytes.Equal(p.body, body) {
			t.Errorf("clean %s: status %d (%v), upstream got %d of %d bytes", name, w.Code, err, len(p.body), len(body))
		}
	}
}

// fix49Chunked returns a next handler that answers 200 with body, untyped,
// in writes of chunk bytes.
func fix49Chunked(body []byte, chunk int) caddyhttp.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		w.WriteHeader(http.StatusOK)
		for len(body) > 0 {
			n := min(chunk, len(body))
			if _, err := w.Write(body[:n]); err != nil {
				return err
			}
			body = body[n:]
		}
		return nil
	}
}

// TestFix49UntypedBinaryResponseOversize (issue #9, fix49frames finding
// 5): an untyped response whose head is no text had been sent on unread
// past its head, whatever its size. A file of a known format (PNG, zip)
// still passes byte for byte past max_body; bytes of no known signature
// (NULs before a form's field with a mobile) past max_body follow the
// oversize policy: refused under oversize reject, the raw mobile never
// reaching the client, and passed whole under oversize pass.
func TestFix49UntypedBinaryResponseOversize(t *testing.T) {
	const maxBody = 4 << 10
	filler := bytes.Repeat([]byte{0xff, 0x00, 0xfe, 0x81}, 2<<10)
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), filler...)
	zip := append([]byte("PK\x03\x04\x14\x00\x00\x00"), filler...)
	unsigned := append(append([]byte("\x00\x00&tel="+testMobile+"&"), filler...), []byte("&tel="+testMobile)...)
	for _, chunk := range []int{100, 1 << 20} {
		for name, body := range map[string][]byte{"png": png, "zip": zip} {
			h, _ := newHandler(t, Handler{Request: "off", Response: "redact", MaxBody: maxBody, Oversize: "reject"})
			w, err := serve(h, get("/f"), fix49Chunked(body, chunk))
			if err != nil || w.Code != 200 || !bytes.Equal(w.Body.Bytes(), body) {
				t.Errorf("%s, writes of %d: status %d (%v), %d of %d bytes", name, chunk, w.Code, err, w.Body.Len(), len(body))
			}
		}
		h, logs := newHandler(t, Handler{Request: "off", Response: "redact", MaxBody: maxBody, Oversize: "reject"})
		w, _ := serve(h, get("/f"), fix49Chunked(unsigned, chunk))
		if w.Code == 200 || bytes.Contains(w.Body.Bytes(), []byte(testMobile)) {
			t.Errorf("no signature, writes of %d, oversize reject: status %d, %d bytes, raw mobile %v", chunk, w.Code, w.Body.Len(), bytes.Contains(w.Body.Bytes(), []byte(testMobile)))
		}
		assertLogsClean(t, logs)
		h, _ = newHandler(t, Handler{Request: "off", Response: "redact", MaxBody: maxBody, Oversize: "pass"})
		w, err := serve(h, get("/f"), fix49Chunked(unsigned, chunk))
		if err != nil || w.Code != 200 || !bytes.Equal(w.Body.Bytes(), unsigned) {
			t.Errorf("no signature, writes of %d, oversize pass: status %d (%v), %d of %d bytes", chunk, w.Code, err, w.Body.Len(), len(unsigned))
		}
	}
}

// TestFix49SmallUntypedBinaryResponse (fix49frames finding 5): an
// untyped response shorter than the sniffed head whose bytes are no text
// and of no known signature ("\x00\x00&tel=<mobile>") had gone on unread;
// it is inspected as a binary body: refused under reject and redact (a
// binary body is never rewritten), the raw mobile never reaching the
// client; a small PNG and clean bytes pass byte for byte.
func TestFix49SmallUntypedBinaryResponse(t *testing.T) {
	pii := []byte("\x00\x00&tel=" + testMobile + "&x=1")
	for _, action := range []string{"reject", "redact"} {
		h, logs := newHandler(t, Handler{Request: "off", Response: action})
		w, _ := serve(h, get("/f"), fix49Chunked(pii, 1<<20))
		if w.Code == 200 || bytes.Contains(w.Body.Bytes(), []byte(testMobile)) {
			t.Errorf("%s: status %d, raw mobile %v", action, w.Code, bytes.Contains(w.Body.Bytes(), []byte(testMobile)))
		}
		assertLogsClean(t, logs)
	}
	for name, body := range map[string][]byte{
		"png":   []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"),
		"clean": []byte("\x00\x00\x01\x02&x=1\xff\xfe"),
	} {
		h, _ := newHandler(t, Handler{Request: "off", Response: "redact"})
		w, err := serve(h, get("/f"), fix49Chunked(body, 1<<20))
		if err != nil || w.Code != 200 || !bytes.Equal(w.Body.Bytes(), body) {
			t.Errorf("%s: status %d (%v), %d of %d bytes", name, w.Code, err, w.Body.Len(), len(body))
		}
	}
}
