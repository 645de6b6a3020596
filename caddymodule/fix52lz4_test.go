package caddymodule

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"io"
	"mime/multipart"
	"net/textproto"
	"strings"
	"testing"

	"github.com/pierrec/lz4/v4"
)

// fix52LZ4 returns b as LZ4 files: a frame, a legacy frame, and a frame
// after a skippable frame.
func fix52LZ4(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for name, opts := range map[string][]lz4.Option{"frame": nil, "legacy": {lz4.LegacyOption(true)}} {
		var buf bytes.Buffer
		w := lz4.NewWriter(&buf)
		if err := w.Apply(opts...); err != nil {
			t.Fatal(err)
		}
		w.Write(b)
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		out[name] = buf.Bytes()
	}
	skip := append(binary.LittleEndian.AppendUint32([]byte{0x5a, 0x2a, 0x4d, 0x18}, 4), "meta"...)
	out["skippable"] = append(skip, out["frame"]...)
	return out
}

// fix52Multipart returns a form whose file part, application/octet-stream,
// holds file, and the form's Content-Type.
func fix52Multipart(file []byte) ([]byte, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("note", "nightly export")
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="file"; filename="export.json.lz4"`)
	h.Set("Content-Type", "application/octet-stream")
	pw, _ := mw.CreatePart(h)
	pw.Write(file)
	mw.Close()
	return buf.Bytes(), mw.FormDataContentType()
}

// TestFix52LZ4Requests (fix52lz4, 1): an LZ4 file of a JSON document
// whose mobile is split over three members, uploaded untyped, as
// application/octet-stream, or in a form's file part, went to the
// upstream raw (no LZ4 was decompressed: the binary screen read its
// bytes). Now under reject and redact it is refused and the upstream
// gets nothing; the same files clean reach it byte for byte.
func TestFix52LZ4Requests(t *testing.T) {
	for _, pii := range []bool{true, false} {
		for name, file := range fix52LZ4(t, fix49Doc(3<<10, pii)) {
			form, formType := fix52Multipart(file)
			for _, c := range []struct{ body, ct string }{
				{string(file), ""},
				{string(file), "application/octet-stream"},
				{string(form), formType},
			} {
				for _, action := range []string{"reject", "redact"} {
					h, logs := newHandler(t, Handler{Request: action, Response: "off"})
					var p proxied
					w, err := serve(h, post(c.body, c.ct), proxyLike(&p))
					switch {
					case pii && (w.Code < 400 || len(p.body) != 0):
						t.Errorf("%s %q %s: status %d, upstream got %d bytes", name, c.ct, action, w.Code, len(p.body))
					case !pii && (err != nil || string(p.body) != c.body):
						t.Errorf("clean %s %q %s: status %d (%v), upstream got %d of %d bytes", name, c.ct, action, w.Code, err, len(p.body), len(c.body))
					}
					assertLogsClean(t, logs)
				}
			}
		}
	}
}

// TestFix52LZ4Response (fix52lz4, 1): an untyped response that is an
// LZ4 file of records holding a split mobile went to the client raw; now
// it is refused under reject and redact (nothing re-encodes LZ4), and a
// clean one goes on byte for byte.
func TestFix52LZ4Response(t *testing.T) {
	for _, pii := range []bool{true, false} {
		for name, file := range fix52LZ4(t, fix49Doc(3<<10, pii)) {
			for _, action := range []string{"reject", "redact"} {
				h, logs := newHandler(t, Handler{Request: "off", Response: action})
				w, err := serve(h, get("/export"), fix49Chunked(file, 1<<10))
				switch {
				case pii && (w.Code == 200 || bytes.Equal(w.Body.Bytes(), file)):
					t.Errorf("%s %s: status %d, %d bytes to the client", name, action, w.Code, w.Body.Len())
				case !pii && (err != nil || w.Code != 200 || !bytes.Equal(w.Body.Bytes(), file)):
					t.Errorf("clean %s %s: status %d (%v), %d of %d bytes", name, action, w.Code, err, w.Body.Len(), len(file))
				}
				assertLogsClean(t, logs)
			}
		}
	}
}

// TestFix52FourSevenMobileRequest (fix52lz4, 3): a mobile grouped 4-7
// (1550 7350886, 1550-7350886) in a JSON request's value went to the
// upstream raw; now it is masked under redact, the rest of the document
// kept byte for byte.
func TestFix52FourSevenMobileRequest(t *testing.T) {
	for _, sep := range []string{" ", "-"} {
		grouped := testMobile[:4] + sep + testMobile[4:]
		body := `{"note":"请回电 ` + grouped + ` 谢谢","n":1}`
		h, logs := newHandler(t, Handler{Request: "redact", Response: "off"})
		var p proxied
		serve(h, post(body, "application/json"), proxyLike(&p))
		got := string(p.body)
		if bytes.Contains(p.body, []byte(testMobile[4:])) || !bytes.HasPrefix(p.body, []byte(`{"note":"请回电 `)) || !bytes.HasSuffix(p.body, []byte(` 谢谢","n":1}`)) {
			t.Errorf("%q: upstream got %q", sep, got)
		}
		assertLogsClean(t, logs)
	}
}

// fix52RawDeflate returns b as raw deflate (RFC 1951, no zlib header).
func fix52RawDeflate(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression) // (a valid level)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// fix52Inflate returns b, raw deflate, inflated.
func fix52Inflate(t *testing.T, b []byte) []byte {
	t.Helper()
	out, err := io.ReadAll(flate.NewReader(bytes.NewReader(b)))
	if err != nil {
		t.Errorf("the upstream got no raw deflate: %v", err)
	}
	return out
}

// TestFix52RawDeflateRequest (fix52lz4, 2): an untyped or
// application/octet-stream upload of raw deflate (no header: what
// pako.deflateRaw and zlib with negative window bits write) went through
// the binary screen, which reads its bytes as they stream and never
// inflates them, so a form's mobile and a JSON document's split mobile
// reached the upstream (Inspect inflated the same body when it was
// buffered). Now a body whose head inflates to text (DeflatedHead) is
// read whole: refused under reject, masked and deflated again under
// redact (no raw group of the mobile once inflated); clean, it reaches
// the upstream byte for byte.
func TestFix52RawDeflateRequest(t *testing.T) {
	for _, pii := range []bool{true, false} {
		m := testMobile
		if !pii {
			m = "abcdefghijk"
		}
		for name, content := range map[string][]byte{
			"short form": []byte("a=1&tel=" + m + "&b=2"),
			"form":       []byte(strings.Repeat("item=fresh+and+cold&", 60) + "tel=" + m),
			"split doc":  fix49Doc(3<<10, pii),
		} {
			body := fix52RawDeflate(content)
			for _, ct := range []string{"", "application/octet-stream"} {
				for _, action := range []string{"reject", "redact"} {
					h, logs := newHandler(t, Handler{Request: action, Response: "off"})
					var p proxied
					w, err := serve(h, post(string(body), ct), proxyLike(&p))
					switch {
					case pii && action == "reject" && (w.Code < 400 || len(p.body) != 0):
						t.Errorf("%s %q %s: status %d, upstream got %d bytes", name, ct, action, w.Code, len(p.body))
					case pii && action == "redact" && (len(p.body) == 0 || bytes.Contains(fix52Inflate(t, p.body), []byte(m[3:7]))):
						t.Errorf("%s %q %s: status %d, upstream got %q inflated", name, ct, action, w.Code, fix52Inflate(t, p.body))
					case !pii && (err != nil || !bytes.Equal(p.body, body)):
						t.Errorf("clean %s %q %s: status %d (%v), upstream got %d of %d bytes", name, ct, action, w.Code, err, len(p.body), len(body))
					}
					assertLogsClean(t, logs)
				}
			}
		}
	}
}
