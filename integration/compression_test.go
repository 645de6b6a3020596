package integration

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"
)

// codings are the content codings an upstream or a client may use.
var codings = []string{"gzip", "deflate", "zstd", "br"}

// compress encodes b with a content coding ("deflate" is zlib, as RFC 9110
// has it).
func compress(t *testing.T, coding string, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	var w io.WriteCloser
	switch coding {
	case "gzip":
		w = gzip.NewWriter(&buf)
	case "deflate":
		w = zlib.NewWriter(&buf)
	case "br":
		w = brotli.NewWriter(&buf)
	case "zstd":
		zw, err := zstd.NewWriter(&buf)
		if err != nil {
			t.Fatal(err)
		}
		w = zw
	default:
		t.Fatalf("unknown coding %q", coding)
	}
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// gunzip decodes a gzip body.
func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("broken gzip: %v", err)
	}
	return out
}

// compressedDoc is the JSON document the compression tests send.
func compressedDoc() []byte {
	return fmt.Appendf(nil, `{"realName":"%s","mobile":"%s","idCard":"%s","address":"%s","orderNo":"%s"}`,
		bob.Name, bob.Mobile, bob.ID, bob.Address, lookAlikes["orderNo"])
}

// cleanDoc has no personal information.
var cleanDoc = []byte(`{"status":"ok","items":[1,2,3],"message":"没有个人信息"}`)

// checkCompressedDoc checks the redacted compressedDoc.
func checkCompressedDoc(t *testing.T, out []byte) {
	t.Helper()
	var doc map[string]string
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("not the JSON document (still compressed?): %v\n%q", err, clip(out))
	}
	assertNoRaw(t, "document", out, bob.raw()...)
	if doc["mobile"] != maskMobile(bob.Mobile) || doc["idCard"] != maskID(bob.ID) || doc["orderNo"] != lookAlikes["orderNo"] {
		t.Errorf("document %v", doc)
	}
}

// brokenGzip is a gzip stream cut in the middle: it cannot be decoded.
func brokenGzip(t *testing.T) []byte {
	full := compress(t, "gzip", compressedDoc())
	return full[:len(full)/2]
}

const compressionSite = `
	handle /in/* {
		pii_filter {
			response off
			dossier 0
		}
		reverse_proxy {$UP}
	}
	handle /in-pass/* {
		pii_filter {
			response off
			dossier 0
			on_error pass
		}
		reverse_proxy {$UP}
	}
	handle /out/* {
		pii_filter {
			request off
			dossier 0
		}
		reverse_proxy {$UP}
	}
	handle /out-pass/* {
		pii_filter {
			request off
			dossier 0
			on_error pass
		}
		reverse_proxy {$UP}
	}
	handle /encoded/* {
		encode gzip {
			minimum_length 1
		}
		pii_filter {
			request off
			dossier 0
		}
		reverse_proxy {$UP}
	}
`

// compressionServer starts Caddy with compressionSite. The upstream
// records requests under /in/ and /in-pass/; anything else it answers
// with compressedDoc in the coding named by the last path segment
// ("identity", "broken" for a truncated gzip stream, "clean-gzip" for a
// gzipped document without personal information), whatever the request's
// Accept-Encoding, which it reports on acceptEncoding.
func compressionServer(t *testing.T) (s *caddyServer, c *capture, acceptEncoding chan string) {
	t.Helper()
	c = newCapture()
	acceptEncoding = make(chan string, 16)
	mux := http.NewServeMux()
	mux.Handle("/in/", c.handler())
	mux.Handle("/in-pass/", c.handler())
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		acceptEncoding <- r.Header.Get("Accept-Encoding")
		body, coding := compressedDoc(), path.Base(r.URL.Path)
		switch coding {
		case "identity":
		case "broken":
			body, coding = brokenGzip(t), "gzip"
		case "clean-gzip":
			body, coding = compress(t, "gzip", cleanDoc), "gzip"
		default:
			body = compress(t, coding, body)
		}
		if coding != "identity" {
			w.Header().Set("Content-Encoding", coding)
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		_, _ = w.Write(body)
	})
	t.Setenv("UP", upstream(t, mux))
	return startCaddy(t, compressionSite), c, acceptEncoding
}

// TestCompressedResponses: the filter asks the upstream for identity,
// decodes what arrives compressed anyway, and sends the redacted body
// identity-encoded with headers to match; a body it cannot decode is
// refused (on_error reject) or passed as it came (on_error pass).
func TestCompressedResponses(t *testing.T) {
	s, _, acceptEncoding := compressionServer(t)
	upstreamAsked := func(t *testing.T) {
		t.Helper()
		select {
		case ae := <-acceptEncoding:
			if ae != "identity" {
				t.Errorf("upstream was asked for Accept-Encoding %q, want identity", ae)
			}
		default:
			t.Fatal("upstream not called")
		}
	}

	for _, coding := range codings {
		t.Run(coding, func(t *testing.T) {
			resp, body := s.get(t, "/out/"+coding, "Accept-Encoding", "gzip, deflate, br, zstd")
			upstreamAsked(t)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", resp.StatusCode, clip(body))
			}
			if ce := resp.Header.Get("Content-Encoding"); ce != "" {
				t.Errorf("Content-Encoding %q on a redacted identity body", ce)
			}
			assertLength(t, resp, body)
			checkCompressedDoc(t, body)
		})
	}

	t.Run("clean body keeps its coding", func(t *testing.T) {
		resp, body := s.get(t, "/out/clean-gzip", "Accept-Encoding", "gzip")
		upstreamAsked(t)
		if resp.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("Content-Encoding %q", resp.Header.Get("Content-Encoding"))
		}
		assertLength(t, resp, body)
		if got := gunzip(t, body); !bytes.Equal(got, cleanDoc) {
			t.Errorf("clean body changed: %s", got)
		}
	})

	t.Run("broken gzip refused", func(t *testing.T) {
		resp, body := s.get(t, "/out/broken", "Accept-Encoding", "gzip")
		upstreamAsked(t)
		if ce := resp.Header.Get("Content-Encoding"); ce != "" {
			t.Errorf("refusal sent with Content-Encoding %q", ce)
		}
		p := assertProblem(t, resp, body, http.StatusForbidden, "refused-uninspectable")
		if e := s.incident(t, p.Incident); e.Reason != "uninspectable" || e.Outcome != "refused" || e.Direction != "response" {
			t.Errorf("incident %+v", e)
		}
	})

	t.Run("broken gzip passed with on_error pass", func(t *testing.T) {
		resp, body := s.get(t, "/out-pass/broken", "Accept-Encoding", "gzip")
		upstreamAsked(t)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("status %d, Content-Encoding %q", resp.StatusCode, resp.Header.Get("Content-Encoding"))
		}
		if !bytes.Equal(body, brokenGzip(t)) {
			t.Errorf("passed body differs from the upstream's")
		}
	})

	t.Run("encode compresses the redacted body", func(t *testing.T) {
		resp, body := s.get(t, "/encoded/identity", "Accept-Encoding", "gzip")
		upstreamAsked(t)
		if resp.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("Content-Encoding %q, want gzip from encode", resp.Header.Get("Content-Encoding"))
		}
		checkCompressedDoc(t, gunzip(t, body))
	})

	t.Run("encode recompresses an upstream's zstd body", func(t *testing.T) {
		resp, body := s.get(t, "/encoded/zstd", "Accept-Encoding", "gzip")
		upstreamAsked(t)
		if resp.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("Content-Encoding %q, want gzip from encode", resp.Header.Get("Content-Encoding"))
		}
		checkCompressedDoc(t, gunzip(t, body))
	})
}

// TestCompressedUploads: a compressed request body is decoded and
// inspected; when redacted it goes on identity-encoded with a matching
// Content-Length; a clean one goes on as it came; one that cannot be
// decoded is refused with 400, or passed with on_error pass.
func TestCompressedUploads(t *testing.T) {
	s, c, _ := compressionServer(t)
	for _, coding := range codings {
		t.Run(coding, func(t *testing.T) {
			resp, _ := s.post(t, "/in/"+coding, "application/json", compress(t, coding, compressedDoc()),
				"Content-Encoding", coding)
			if resp.StatusCode != http.StatusNoContent {
				t.Fatalf("status %d", resp.StatusCode)
			}
			got := c.next(t)
			got.assertConsistent(t)
			if ce := got.header.Get("Content-Encoding"); ce != "" {
				t.Errorf("upstream got Content-Encoding %q with an identity body", ce)
			}
			checkCompressedDoc(t, got.body)
		})
	}

	t.Run("clean upload keeps its coding", func(t *testing.T) {
		sent := compress(t, "gzip", cleanDoc)
		s.post(t, "/in/clean", "application/json", sent, "Content-Encoding", "gzip")
		got := c.next(t)
		got.assertConsistent(t)
		if got.header.Get("Content-Encoding") != "gzip" || !bytes.Equal(got.body, sent) {
			t.Errorf("clean upload changed: Content-Encoding %q, %d bytes (sent %d)",
				got.header.Get("Content-Encoding"), len(got.body), len(sent))
		}
	})

	t.Run("broken gzip refused", func(t *testing.T) {
		resp, body := s.post(t, "/in/broken", "application/json", brokenGzip(t), "Content-Encoding", "gzip")
		c.none(t)
		p := assertProblem(t, resp, body, http.StatusBadRequest, "refused-uninspectable")
		if e := s.incident(t, p.Incident); e.Reason != "uninspectable" || e.Direction != "request" {
			t.Errorf("incident %+v", e)
		}
	})

	t.Run("broken gzip passed with on_error pass", func(t *testing.T) {
		sent := brokenGzip(t)
		resp, _ := s.post(t, "/in-pass/broken", "application/json", sent, "Content-Encoding", "gzip")
		if resp.StatusCode != http.StatusNoContent {
			t.Fatalf("status %d", resp.StatusCode)
		}
		got := c.next(t)
		got.assertConsistent(t)
		if got.header.Get("Content-Encoding") != "gzip" || !bytes.Equal(got.body, sent) {
			t.Errorf("passed upload changed")
		}
	})
}

// TestMalformedMultipart: a multipart body whose structure cannot be read
// is refused with 400 (on_error reject), or passed as it came (on_error
// pass); it is never passed unread by default.
func TestMalformedMultipart(t *testing.T) {
	s, c, _ := compressionServer(t)
	truncated := []byte("--b0undary\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n手机 " + alice.Mobile + "\r\n")
	ct := "multipart/form-data; boundary=b0undary"
	t.Run("refused", func(t *testing.T) {
		resp, body := s.post(t, "/in/form", ct, truncated)
		c.none(t)
		assertProblem(t, resp, body, http.StatusBadRequest, "refused-uninspectable")
	})
	t.Run("passed with on_error pass", func(t *testing.T) {
		resp, _ := s.post(t, "/in-pass/form", ct, truncated)
		if resp.StatusCode != http.StatusNoContent {
			t.Fatalf("status %d", resp.StatusCode)
		}
		if got := c.next(t); !bytes.Equal(got.body, truncated) {
			t.Errorf("upstream got %q", got.body)
		}
	})
}
