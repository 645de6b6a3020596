package piiapp

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// requestFrom returns a request whose client address is addr.
func requestFrom(addr string) *http.Request {
	r := httptest.NewRequest("POST", "/", nil)
	r.RemoteAddr = addr + ":1234"
	return caddyhttp.PrepareRequest(r, caddy.NewReplacer(), httptest.NewRecorder(), &caddyhttp.Server{})
}

// TestQueueShareKeepsOthersObservations: a client posting many distinct
// identifiers while the worker is behind fills only its share of the
// queue; the rest of its observations are counted in memory (overflow,
// in campaign_observations_total) and the observation of another client
// still reaches the queue, and with it the fleet-wide count. When the
// worker takes them, the share is free again.
func TestQueueShareKeepsOthersObservations(t *testing.T) {
	st := newState(StoreConfig{}, "", []byte("0123456789abcdef0123456789abcdef"), "")
	t.Cleanup(func() { _ = st.Destruct() })
	core, _ := observer.New(zapcore.InfoLevel)
	c := capCampaigns(st, core) // no worker yet: the queue only fills
	flooder, honest := requestFrom("192.0.2.1"), requestFrom("198.51.100.1")
	for i := 2; c.share(c.clientHash(flooder)) == c.share(c.clientHash(honest)); i++ {
		honest = requestFrom(fmt.Sprintf("198.51.100.%d", i)) // a counter of its own
	}
	overflow := testutil.ToFloat64(metrics().observations.WithLabelValues(countedOverflow))
	const extra = 100
	for i := range queueShare + extra {
		c.observeRequest(flooder, []detect.Finding{{Category: detect.CNMobile, Fingerprint: fmt.Sprintf("%016x", i+1)}})
	}
	if len(c.queue) != queueShare {
		t.Fatalf("the flooding client queued %d, want its share %d", len(c.queue), queueShare)
	}
	if got := testutil.ToFloat64(metrics().observations.WithLabelValues(countedOverflow)) - overflow; got != extra {
		t.Fatalf("overflow counted %v, want %d", got, extra)
	}
	if fps, _ := st.fallback.tracked(); fps < extra {
		t.Fatalf("the in-memory counter holds %d fingerprints: the overflow was lost", fps)
	}
	victim := detect.Finding{Category: detect.CNMobile, Fingerprint: "00000000000000ee"}
	c.observeRequest(honest, []detect.Finding{victim})
	if len(c.queue) != queueShare+1 {
		t.Fatalf("another client's observation was not queued (%d queued)", len(c.queue))
	}
	c.start()
	defer c.halt()
	if !waitFor(func() bool { return len(c.queue) == 0 }, 40) {
		t.Fatal("observations still queued")
	}
	c.halt()
	for i := range c.shares {
		if n := c.shares[i].Load(); n != 0 {
			t.Fatalf("share %d holds %d after the queue emptied", i, n)
		}
	}
}
