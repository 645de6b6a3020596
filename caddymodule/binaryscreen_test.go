package caddymodule

import (
	"archive/zip"
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
)

// proxied is what a next handler that reads the body as reverse_proxy
// does (proxyLike) got of it.
type proxied struct {
	body    []byte
	readErr error
	held    int // the most bytes the binary screen held back, if there was one
}

// proxyLike returns a next handler that reads the body to its end as
// reverse_proxy sends it upstream: a failed read fails the request with
// 502 and nothing written; otherwise it answers 204.
func proxyLike(p *proxied) caddyhttp.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		p.body, p.readErr = io.ReadAll(r.Body)
		if b := binaryScreenOf(r.Body); b != nil {
			defer func() { p.held = b.Held() }()
		}
		if p.readErr != nil {
			return caddyhttp.Error(http.StatusBadGateway, p.readErr)
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
}

// slowPost is a POST of body typed ct whose body gives one byte a read.
func slowPost(body []byte, ct string) *http.Request {
	r := post("", ct)
	r.Body = io.NopCloser(iotest.OneByteReader(bytes.NewReader(body)))
	r.ContentLength = int64(len(body))
	return r
}

// binaryHeads are heads that are no text before a form's field: NULs, a
// JPEG's first bytes, 600 random bytes.
func binaryHeads(r *rand.Rand) []string {
	noise := make([]byte, 600)
	for bodyformat.IsText("", noise) || bytes.IndexByte(noise, 0) >= 0 || bytes.IndexByte(noise, '=') >= 0 {
		for i := range noise {
			noise[i] = byte(r.UintN(256))
		}
	}
	return []string{"\x00\x00&", "\xff\xd8\xff&", string(noise) + "&"}
}

// TestBinaryHeadRequestScreened (issue #9): a request body whose first
// 512 bytes are no text, untyped or application/octet-stream, had been
// sent on unread past them, so "\x00\x00&tel=<mobile>" reached the
// upstream's form parser raw. It now goes on through the binary screen,
// read a byte at a time as a slow client sends it: under redact and
// reject the upstream's read fails before the field goes on, and the
// client gets the refusal (403, a problem document, an incident) rather
// than reverse_proxy's 502; under log every byte goes on and the
// incident is logged. No log entry holds the mobile.
func TestBinaryHeadRequestScreened(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 11))
	for _, head := range binaryHeads(r) {
		body := []byte(head + "tel=" + testMobile + "\x00\x01&name=x")
		for _, ct := range []string{"", "application/octet-stream"} {
			for _, action := range []string{"redact", "reject"} {
				h, logs := newHandler(t, Handler{Request: action, Response: "off"})
				var p proxied
				w, err := serve(h, slowPost(body, ct), proxyLike(&p))
				if err != nil || w.Code != DefaultStatus || bytes.Contains(p.body, []byte(testMobile[:4])) || p.readErr == nil {
					t.Fatalf("%.12q as %q under %s: status %d (%v), upstream got %q", head, ct, action, w.Code, err, p.body)
				}
				if prob := decodeProblem(t, w.Body.Bytes()); prob.Status != DefaultStatus || len(prob.Categories) == 0 || w.Header().Get(incidentHeader) == "" {
					t.Errorf("%.12q as %q under %s: problem %+v", head, ct, action, prob)
				}
				assertOutcomes(t, logs, outRefused)
				assertLogsClean(t, logs)
			}
			h, logs := newHandler(t, Handler{Request: "log", Response: "off"})
			var p proxied
			w, err := serve(h, slowPost(body, ct), proxyLike(&p))
			if err != nil || w.Code != http.StatusNoContent || !bytes.Equal(p.body, body) {
				t.Fatalf("%.12q as %q under log: status %d (%v), upstream got %d of %d bytes", head, ct, w.Code, err, len(p.body), len(body))
			}
			assertOutcomes(t, logs, outLogged)
			assertLogsClean(t, logs)
		}
	}
}

// TestBinaryScreenAtValueBound: a field whose value runs to the screen's
// bound, the mobile at its end, read a byte at a time, is refused all the
// same, and the screen holds back no more than its bound.
func TestBinaryScreenAtValueBound(t *testing.T) {
	h, _ := newHandler(t, Handler{Request: "reject", Response: "off"})
	value := strings.Repeat("ab ", 3000)[:bodyformat.BinaryScreenHold-100] + " " + testMobile
	body := []byte("\x00\x00&note=" + value + "&z=1")
	var p proxied
	w, err := serve(h, slowPost(body, ""), proxyLike(&p))
	if err != nil || w.Code != DefaultStatus || bytes.Contains(p.body, []byte(testMobile)) {
		t.Fatalf("status %d (%v), upstream got %d bytes, the mobile among them: %v", w.Code, err, len(p.body), bytes.Contains(p.body, []byte(testMobile)))
	}
	if p.held > bodyformat.BinaryScreenHold {
		t.Fatalf("held %d bytes, bound %d", p.held, bodyformat.BinaryScreenHold)
	}
}

// TestBinaryUploadsPassWhole: 8 MiB of random bytes, untyped, pass the
// screen byte for byte with at most bodyformat.BinaryScreenHold bytes
// held back; real PNG, JPEG and zip files, typed or not, pass byte for
// byte too, and a body typed as an image is sent on unread, unscreened.
func TestBinaryUploadsPassWhole(t *testing.T) {
	h, logs := newHandler(t, Handler{Request: "reject", Response: "off"})
	r := rand.New(rand.NewPCG(9, 12))
	blob := make([]byte, 8<<20)
	for i := range blob {
		blob[i] = byte(r.UintN(256))
	}
	blob[0] = 0 // no text
	var p proxied
	w, err := serve(h, post(string(blob), ""), proxyLike(&p))
	if err != nil || w.Code != http.StatusNoContent || !bytes.Equal(p.body, blob) {
		t.Fatalf("8 MiB blob: status %d (%v), upstream got %d bytes, same %v", w.Code, err, len(p.body), bytes.Equal(p.body, blob))
	}
	if p.held == 0 || p.held > bodyformat.BinaryScreenHold {
		t.Fatalf("8 MiB blob: held %d bytes, bound %d (0: not screened)", p.held, bodyformat.BinaryScreenHold)
	}

	img := image.NewRGBA(image.Rect(0, 0, 48, 48))
	for i := range img.Pix {
		img.Pix[i] = byte(r.UintN(256))
	}
	img.Set(0, 0, color.White)
	var pb, jb, zb bytes.Buffer
	if err := png.Encode(&pb, img); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&jb, img, nil); err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(&zb)
	f, _ := zw.Create("a.bin")
	_, _ = f.Write(blob[:64<<10])
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, ct string
		body     []byte
	}{
		{"png", "image/png", pb.Bytes()}, {"png", "", pb.Bytes()},
		{"jpeg", "image/jpeg", jb.Bytes()}, {"jpeg", "application/octet-stream", jb.Bytes()},
		{"zip", "application/zip", zb.Bytes()}, {"zip", "", zb.Bytes()},
	} {
		var p proxied
		w, err := serve(h, post(string(tc.body), tc.ct), proxyLike(&p))
		if err != nil || w.Code != http.StatusNoContent || !bytes.Equal(p.body, tc.body) {
			t.Errorf("%s as %q: status %d (%v), upstream got %d of %d bytes", tc.name, tc.ct, w.Code, err, len(p.body), len(tc.body))
		}
		if typed := bodyformat.KnownBinary(tc.ct); typed != (p.held == 0) {
			t.Errorf("%s as %q: screened %v", tc.name, tc.ct, p.held > 0)
		}
	}
	assertOutcomes(t, logs)
}

// TestBinaryRefusalAfterUpstreamAnswered: an upstream that answers before
// it reads the body keeps its answer (it was sent before the refused
// field was read, and cannot be taken back); the field never reaches it
// and the refusal is logged.
func TestBinaryRefusalAfterUpstreamAnswered(t *testing.T) {
	h, logs := newHandler(t, Handler{Request: "reject", Response: "off"})
	body := []byte("\x00\x00&tel=" + testMobile)
	var got []byte
	w, err := serve(h, slowPost(body, ""), func(w http.ResponseWriter, r *http.Request) error {
		w.WriteHeader(http.StatusAccepted)
		got, _ = io.ReadAll(r.Body)
		return nil
	})
	if err != nil || w.Code != http.StatusAccepted || bytes.Contains(got, []byte(testMobile[:4])) {
		t.Fatalf("status %d (%v), upstream got %q", w.Code, err, got)
	}
	assertOutcomes(t, logs, outRefused)
}

// TestBinaryLoggedWhenNotReadToEnd: under log, a field with personal data
// in the part of a body the next handler read before it stopped (and the
// body was closed) is logged all the same.
func TestBinaryLoggedWhenNotReadToEnd(t *testing.T) {
	h, logs := newHandler(t, Handler{Request: "log", Response: "off"})
	body := append([]byte("\x00\x00&tel="+testMobile+"&"), make([]byte, 1<<20)...)
	w, err := serve(h, post(string(body), ""), func(w http.ResponseWriter, r *http.Request) error {
		p := make([]byte, 64<<10)
		if _, err := io.ReadFull(r.Body, p); err != nil {
			return err
		}
		_ = r.Body.Close()
		w.WriteHeader(http.StatusNoContent)
		return nil
	})
	if err != nil || w.Code != http.StatusNoContent {
		t.Fatalf("status %d (%v)", w.Code, err)
	}
	assertOutcomes(t, logs, outLogged)
	assertLogsClean(t, logs)
}
