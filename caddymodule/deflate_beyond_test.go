package caddymodule

import (
	"bytes"
	"io"
	"testing"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zlib"
)

// TestDeflateClaimOverPlainJSON (attack pass 34, F4): a request says
// "Content-Encoding: deflate" over a body that is plain JSON. The filter
// reads "deflate" without a zlib header as raw deflate (encoding.go,
// openDecoder), and raw deflate has no magic: '{' (0x7B) is the header of
// a final block with fixed Huffman codes, and a few bytes after it reach
// the end-of-block code, so `{"uxk2 ":"x",...` inflates without error to
// four bytes of noise. The flate reader stops at the final block and the
// rest of the body, the "tel" member with the mobile, is never read:
// clean verdict, and the body goes on as it came. Most upstreams ignore a
// request's Content-Encoding (Go's net/http, PHP, Django, Rails, Spring
// without a filter): they parse the JSON and store the raw mobile. The
// threat model says a request's coding is not trusted for this reason
// (headers.go, passedCompressed), but a successful decoding is trusted to
// be the whole body. Now the body is read both ways when its stream ends
// before it does: decoded, and as the raw bytes a receiver that does not
// inflate reads; the mobile there fails it closed.
func TestDeflateClaimOverPlainJSON(t *testing.T) {
	body := []byte(`{"uxk2 ":"x","tel":"` + testMobile + `"}`)
	if _, err := io.ReadAll(flate.NewReader(bytes.NewReader(body))); err != nil {
		t.Fatalf("fixture: the JSON no longer inflates as raw deflate: %v", err)
	}
	deflateRequestHeld(t, body, "application/json")
}

// deflateRequestHeld posts body labelled "Content-Encoding: deflate" and
// checks that an upstream reading the bytes as they came (ignoring the
// coding) gets no raw mobile: the body is forwarded without one, or
// refused.
func deflateRequestHeld(t *testing.T, body []byte, contentType string) {
	t.Helper()
	h, _ := newHandler(t, Handler{})
	var c captured
	r := post(string(body), contentType)
	r.Header.Set("Content-Encoding", "deflate")
	w, err := serve(h, r, capture(&c))
	if err != nil {
		t.Fatal(err)
	}
	if c.called {
		assertNoRaw(t, "the upstream's request body (it ignores Content-Encoding)", string(c.body))
	} else if w.Code < 400 {
		t.Errorf("not forwarded, yet answered %d", w.Code)
	}
}

// TestDeflateLabelOverPlainJSONResponse (attack pass 34, F5): the same from an upstream
// that labels a plain JSON answer "Content-Encoding: deflate" (a
// misconfigured compression module, a cached header). The filter inflates
// the first bytes as a raw-deflate final block, reads four bytes of noise
// and passes the body as it came. Browsers show the noise too, but API
// clients that do not decode "deflate" read the bytes as they are: Go's
// net/http client (it decodes only the gzip it asked for itself), Java's
// HttpURLConnection, curl without --compressed, and their JSON decoders
// find "tel" with the raw mobile.
func TestDeflateLabelOverPlainJSONResponse(t *testing.T) {
	body := []byte(`{"uxk2 ":"x","tel":"` + testMobile + `"}`)
	h, _ := newHandler(t, Handler{})
	w, err := serve(h, get("/api/user"), respondWith(200, map[string]string{
		"Content-Type":     "application/json",
		"Content-Encoding": "deflate",
	}, body))
	if err != nil {
		t.Fatal(err)
	}
	if w.Code < 400 {
		assertNoRaw(t, "the response bytes a client that does not inflate reads", w.Body.String())
	}
}

// TestZlibTrailingForm (attack pass 34, F6): the same root, with a real zlib stream:
// Go's zlib reader stops at the Adler-32 checksum and never looks at what
// follows, so a form body made of a compressed "a=1" and then
// "&tel=<mobile>" inflates to "a=1", is clean, and goes on as it came. An
// upstream that ignores the request's Content-Encoding parses the bytes
// as a form (Go's url.ParseQuery and PHP's parse_str keep the pairs after
// a garbled first one): tel is the raw mobile.
func TestZlibTrailingForm(t *testing.T) {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	_, _ = zw.Write([]byte("a=1"))
	_ = zw.Close()
	body := append(z.Bytes(), "&tel="+testMobile...)
	deflateRequestHeld(t, body, "application/x-www-form-urlencoded")
}
