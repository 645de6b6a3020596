package caddymodule

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack55StreamBlobUncharged: an event stream from the upstream
// whose events each carry, in a JSON string, the base64 of a zlib stream
// of 8 MiB of bytes that are no text (27 KiB an event). The handler's
// stream is charged 64 KiB at most of a 1 MiB process budget, yet
// each event's reading inflates the blob whole (base64blob.go: an 8 MiB
// buffer and more, grown by doubling) under a meter that charges no
// memory and caps nothing across events, and counts neither the
// inflation nor the look at its bytes as work: the stream goes out whole,
// neither cut for memory nor for work, the budget never asked for the
// 16 MiB a reading holds (peak charged: 64 KiB). It should be charged to
// the budget (and cut), or its inflation counted against work_budget per
// max_body.
func TestAttack55StreamBlobUncharged(t *testing.T) {
	b := withBudget(t, 1<<20)
	h, _ := newHandler(t, Handler{})
	tok := synth.ZlibBlobBase64(8 << 20)
	memBefore, workBefore, sizeBefore := uninspectedCount(dirResponse, skipMemory), uninspectedCount(dirResponse, skipWork), uninspectedCount(dirResponse, skipOversize)
	var peak int64
	next := func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "text/event-stream")
		w.WriteHeader(200)
		for i := range 8 {
			if _, err := fmt.Fprintf(w, "data: {\"n\":%d,\"file\":\"%s\"}\n\n", i, tok); err != nil {
				return err
			}
			peak = max(peak, b.Used())
		}
		return nil
	}
	w, err := serve(h, withVars(httptest.NewRequest("GET", "/", nil)), next)
	cut := uninspectedCount(dirResponse, skipMemory) - memBefore + uninspectedCount(dirResponse, skipWork) - workBefore + uninspectedCount(dirResponse, skipOversize) - sizeBefore
	t.Logf("status %d, err %v, %d bytes out, budget peak %d, cut %v", w.Code, err, w.Body.Len(), peak, cut)
	if cut == 0 {
		t.Errorf("8 events each inflating 8 MiB went out (%d bytes) with the stream charged %d bytes of a 1 MiB budget: the inflation was neither charged nor counted as work", w.Body.Len(), peak)
	}
}
