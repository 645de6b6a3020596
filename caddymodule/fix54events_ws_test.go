package caddymodule

import (
	"context"
	"errors"
	"testing"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/membudget"
)

// TestWSSideWorkRate: a WebSocket side's readings are bounded by
// work_budget per max_body of its traffic: with a work_budget of one
// max_body, a client's messages "[1" (each read with the joined text
// before it) close the socket as uninspectable (1011) with an incident,
// where without the bound they ran for as long as the client sent.
func TestWSSideWorkRate(t *testing.T) {
	h, logs := newHandler(t, Handler{MaxBody: 1 << 20, WorkBudget: 1 << 20})
	b := membudget.New(1 << 30)
	lease := b.Lease(context.Background(), 0)
	defer lease.Close()
	ss := newWSSession(h, get("/ws"), lease, detect.Summary{})
	defer ss.close()
	var frames []byte
	for range 8192 {
		frames = bodyformat.AppendWSFrame(frames, byte(bodyformat.WSText), []byte("[1"), true, [4]byte{1, 2, 3, 4})
	}
	err := ss.up.take(frames)
	var ce errWSClose
	if !errors.As(err, &ce) || ce.code != wsCloseInternal {
		t.Fatalf("take: %v, want the socket closed with %d", err, wsCloseInternal)
	}
	if len(incidents(logs)) == 0 {
		t.Error("no incident logged for the side past its work rate")
	}
}
