package caddymodule

import (
	"bytes"
	"encoding/binary"
	"net/http"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// attack49aFiller returns n bytes of no text (high bytes and NULs), as
// compressed or encoded media is.
func attack49aFiller(n int) []byte {
	b := make([]byte, n)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x) | 0x80
		if i%7 == 0 {
			b[i] = 0
		}
	}
	return b
}

// TestAttack49aUnsignedDownloadOversize: since f6cdcff an untyped or
// binary-typed response past max_body goes on only when
// http.DetectContentType knows its signature (bodyformat.SignedBinary);
// every other file follows the oversize policy, refused by default. The
// standard sniffer knows no QuickTime movie (ftypqt, an iPhone's video),
// HEIC photo, xz, 7z, ELF, PE, SQLite or MPEG-TS segment: a download of
// one past max_body, typed as what it is or untyped, is refused under the
// default policy. Want: the file reaches the client byte for byte (it
// was, before merge49). fix50bin: the typed rows stream since main's
// passesBinary (5c4a728); the ELF row, sent with no Content-Type at all
// and of no signature the sniffer knows, is held and inspected by
// design (docs/threat-model.md, "Content-Type lies"), so past max_body
// it meets the oversize policy: refused under the default, its bytes
// not sent.
func TestAttack49aUnsignedDownloadOversize(t *testing.T) {
	const maxBody = 4 << 10
	fill := attack49aFiller(3 * maxBody)
	files := map[string]struct{ ct, head string }{
		"mov":  {"video/quicktime", "\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  \x00\x00\x00\x08wide"},
		"heic": {"image/heic", "\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"},
		"xz":   {"application/x-xz", "\xfd7zXZ\x00\x00\x04\xe6\xd6\xb4\x46"},
		"7z":   {"application/x-7z-compressed", "7z\xbc\xaf\x27\x1c\x00\x04"},
		"elf":  {"", "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00"},
		"ts":   {"video/mp2t", "\x47\x40\x11\x10\x00\x42\xf0\x25"},
	}
	for name, f := range files {
		body := append([]byte(f.head), fill...)
		h, _ := newHandler(t, Handler{Request: "off", Response: "redact", MaxBody: maxBody})
		next := func(w http.ResponseWriter, r *http.Request) error {
			if f.ct != "" {
				w.Header().Set("Content-Type", f.ct)
			}
			return fix49Chunked(body, 1000)(w, r)
		}
		w, err := serve(h, get("/f"), next)
		if f.ct == "" {
			if w.Code != http.StatusForbidden || bytes.Contains(w.Body.Bytes(), fill[:64]) {
				t.Errorf("%s (untyped, unsigned): status %d, %d bytes; want refused as oversize", name, w.Code, w.Body.Len())
			}
			continue
		}
		if err != nil || w.Code != 200 || !bytes.Equal(w.Body.Bytes(), body) {
			t.Errorf("%s (%q): status %d (%v), %d of %d bytes", name, f.ct, w.Code, err, w.Body.Len(), len(body))
		}
	}
}

// TestAttack49aForgedSignatureResponse: SignedBinary trusts the standard
// sniffer, whose shortest signatures are two or three bytes ("BM", a BMP;
// "ID3", an MP3; "\x00\x00\x01\x00", an icon). The body of fix49frames
// finding 5 (NULs before a form's field with a mobile) with "BM" or "ID3"
// before it goes on unread, the raw mobile delivered. Want: refused under
// redact as without the prefix (TestFix49SmallUntypedBinaryResponse).
func TestAttack49aForgedSignatureResponse(t *testing.T) {
	for _, sig := range []string{"BM", "ID3", "\x00\x00\x01\x00"} {
		body := []byte(sig + "\x00\x00&tel=" + testMobile + "&x=1")
		h, logs := newHandler(t, Handler{Request: "off", Response: "redact"})
		w, _ := serve(h, get("/f"), fix49Chunked(body, 1<<20))
		if bytes.Contains(w.Body.Bytes(), []byte(testMobile)) {
			t.Errorf("%q: status %d, raw mobile delivered", sig, w.Code)
		}
		assertLogsClean(t, logs)
	}
}

// TestAttack49aZstdSkippableFrame: an untyped request body that is a zstd
// skippable frame (magic 50 2A 4D 18, a length, data) then a zstd frame of
// JSON with a mobile split over members: zstd -d, klauspost's decoder and
// python-zstandard skip the first frame and read the document, but
// zstdFile tells only the frame magic 28 B5 2F FD at the body's start, so
// the body goes through the binary screen undecompressed and reaches the
// upstream. Want: refused under reject and redact, as without the
// skippable frame (TestFix49FramedRequests).
func TestAttack49aZstdSkippableFrame(t *testing.T) {
	doc := fix49Doc(3<<10, true)
	z := fix49Zstd(t, doc)
	skip := binary.LittleEndian.AppendUint32([]byte{0x50, 0x2a, 0x4d, 0x18}, 4)
	skip = append(skip, "meta"...)
	body := append(skip, z...)
	dec, _ := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1))
	if got, err := dec.DecodeAll(body, nil); err != nil || !bytes.Equal(got, doc) {
		t.Fatalf("the body does not decode to the document: %v", err)
	}
	dec.Close()
	for _, action := range []string{"reject", "redact"} {
		h, logs := newHandler(t, Handler{Request: action, Response: "off"})
		var p proxied
		w, _ := serve(h, post(string(body), ""), proxyLike(&p))
		if w.Code < 400 || len(p.body) != 0 {
			t.Errorf("%s: status %d, upstream got %d bytes", action, w.Code, len(p.body))
		}
		assertLogsClean(t, logs)
	}
}
