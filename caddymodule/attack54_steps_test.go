//go:build detectsteps

package caddymodule

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/membudget"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// attack54ClientSteps feeds msgs to the client side of a WebSocket
// session of h as masked text frames and returns the engine's steps and
// the bytes on the wire.
func attack54ClientSteps(t *testing.T, h *Handler, msgs [][]byte) (steps, wire int64) {
	t.Helper()
	b := membudget.New(1 << 30)
	lease := b.Lease(context.Background(), 0)
	defer lease.Close()
	ss := newWSSession(h, get("/ws"), lease, detect.Summary{})
	defer ss.close()
	var frames []byte
	for _, m := range msgs {
		frames = bodyformat.AppendWSFrame(frames, byte(bodyformat.WSText), m, true, [4]byte{1, 2, 3, 4})
	}
	detect.ResetSteps()
	if err := ss.up.take(frames); err != nil {
		t.Fatal(err)
	}
	if err := ss.up.releaseHeld(); err != nil {
		t.Fatal(err)
	}
	return detect.Steps(), int64(len(frames))
}

// TestAttack54WSClientBracketMessages: through the handler with its
// default configuration, a client's WebSocket text messages "[" (7 bytes
// a frame on the wire, masked) cost the engine about 850 steps a byte of
// wire, against a few for messages of a customer record (no personal data) each: each
// message is an event of the side's stream, whose joiner hands the
// engine the ~190 bytes of "[" joined before it (bodyformat
// TestAttack54StepsWebSocketBracketMessages). A WebSocket side has no
// work budget, so this runs for as long as the client sends. A crafted
// message should cost at most 10 times a record's steps a byte.
func TestAttack54WSClientBracketMessages(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	r := rand.New(rand.NewPCG(54, 4))
	var dense [][]byte
	for i := 1; i <= 200; i++ {
		dense = append(dense, synth.NewCustomer(r, i, false).JSON()) // a record without personal data: one with it closes the socket (request action)
	}
	ds, dw := attack54ClientSteps(t, h, dense)
	densePerByte := float64(ds) / float64(dw)
	crafted := make([][]byte, 8192)
	for i := range crafted {
		crafted[i] = []byte("[")
	}
	cs, cw := attack54ClientSteps(t, h, crafted)
	perByte := float64(cs) / float64(cw)
	t.Logf("'[' messages: %.0f steps a message, %.0f a byte of wire; records %.1f a byte", float64(cs)/float64(len(crafted)), perByte, densePerByte)
	if perByte > 10*densePerByte {
		t.Errorf("'[' messages: %.0f steps a byte of wire, %.0f times record messages (%.1f)", perByte, perByte/densePerByte, densePerByte)
	}
}
