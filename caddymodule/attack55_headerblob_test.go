package caddymodule

import (
	"github.com/piifilter/caddy-pii-filter/internal/synth"

	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
)

// TestAttack55HeaderBlobsUncharged: a request whose header field holds
// sixteen base64 zlib blobs of 8 MiB of bytes that are no text each (a
// 430 KB field, within Caddy's 1 MiB header block), to a handler with a
// 1 MiB memory budget: the field is read by bodyformat.FindText, whose
// blobs are inflated each under a meter of its own, no memory charged,
// nothing capped across them: the request goes on to the upstream after
// some 300 MiB were inflated and allocated for it (and its CPU: a look
// at each byte). It should be charged to the budget (refused or
// uninspectable) or capped at one compressed body's bound.
func TestAttack55HeaderBlobsUncharged(t *testing.T) {
	withBudget(t, 1<<20)
	h, _ := newHandler(t, Handler{})
	tok := synth.ZlibBlobBase64(8 << 20)
	r := withVars(httptest.NewRequest("GET", "/", nil))
	r.Header.Set("X-Attachment", strings.Repeat(tok+" ", 16))
	reached := false
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	w, err := serve(h, r, func(w http.ResponseWriter, r *http.Request) error {
		reached = true
		w.WriteHeader(204)
		return nil
	})
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("status %d, err %v, upstream reached %v, %d MiB allocated", w.Code, err, reached, alloc>>20)
	if reached && alloc > 48<<20 {
		t.Errorf("a %d-byte header field made the handler allocate %d MiB beyond a 1 MiB budget and reached the upstream", len(r.Header.Get("X-Attachment")), alloc>>20)
	}
}
