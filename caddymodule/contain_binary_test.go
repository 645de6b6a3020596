package caddymodule

import (
	"bytes"
	"io"
	"math/rand/v2"
	"net/http"
	"testing"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
)

// The binary screen's reads run on reverse_proxy's goroutine, where no
// handler's recover reaches: a panic there ended the whole process
// (attack pass 43: a body the screen read panicked in bodyformat, through
// Caddy). It is contained in the screen's Read and is the on_error
// outcome like any other.

// panicAfter gives its source's reads but panics once, on the second,
// with a value quoting what it read, as an engine bug might.
type panicAfter struct {
	src   io.Reader
	reads int
}

func (p *panicAfter) Read(b []byte) (int, error) {
	if p.reads++; p.reads == 2 {
		panicQuoting(b)
	}
	return p.src.Read(b)
}

// panickingBinaryScreen makes every binary screen panic on its second
// read of the client's body.
func panickingBinaryScreen(t *testing.T) {
	setSeam(t, &newBinaryScreen, func(e *detect.Engine, src io.Reader, m bodyformat.Mode, lim bodyformat.Limits) (*bodyformat.BinaryScreen, error) {
		return bodyformat.NewBinaryScreen(e, &panicAfter{src: src}, m, lim)
	})
}

// binaryUpload is 100 KiB of bytes that are no text, untyped: the
// screen reads it in several reads.
func binaryUpload() []byte {
	r := rand.New(rand.NewPCG(43, 1))
	b := make([]byte, 100<<10)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	b[0], b[1] = 0, 0
	return b
}

func TestPanicInBinaryScreenRefused(t *testing.T) {
	panickingBinaryScreen(t)
	h, logs := newHandler(t, Handler{Request: "reject", Response: "off"})
	var p proxied
	w, err := serve(h, post(string(binaryUpload()), ""), proxyLike(&p))
	if err != nil || p.readErr == nil || w.Code != http.StatusBadRequest {
		t.Fatalf("status %d (%v), the upstream's read ended with %v", w.Code, err, p.readErr)
	}
	assertPanicIncident(t, logs, dirRequest, outRefused)
}

func TestPanicInBinaryScreenPassed(t *testing.T) {
	panickingBinaryScreen(t)
	h, logs := newHandler(t, Handler{Request: "reject", Response: "off", OnError: "pass"})
	body := binaryUpload()
	var p proxied
	w, err := serve(h, post(string(body), ""), proxyLike(&p))
	if err != nil || p.readErr != nil || w.Code != http.StatusNoContent || !bytes.Equal(p.body, body) {
		t.Fatalf("status %d (%v), the upstream got %d of %d bytes (%v)", w.Code, err, len(p.body), len(body), p.readErr)
	}
	assertPanicIncident(t, logs, dirRequest, outLogged)
}
