package piiapp

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestCampaignInMemory runs campaign detection on the memory store: a
// fingerprint posted by three distinct clients (one of them twice) raises
// exactly one incident at error level, with no value in it, and is then
// protected; another fingerprint posted by two clients is not.
func TestCampaignInMemory(t *testing.T) {
	ctx, cancel := caddy.NewContext(caddy.Context{Context: t.Context()})
	defer cancel()
	key := []byte(strings.Repeat("m", 32))
	a := &App{Campaign: &CampaignConfig{Clients: 3, Window: caddy.Duration(time.Hour), Protect: caddy.Duration(time.Hour)}}
	a.key = key // as key_file would: a state of its own, not the process's
	if err := a.provisionProtection(ctx); err != nil {
		t.Fatal(err)
	}
	defer a.cleanupProtection()
	core, logs := observer.New(zapcore.InfoLevel)
	a.campaigns.log = zap.New(core)
	a.Start()
	defer a.Stop()

	target, other := detect.Finding{Category: detect.CNMobile, Fingerprint: "00000000000000aa"}, detect.Finding{Category: detect.CNMobile, Fingerprint: "00000000000000bb"}
	name := detect.Finding{Category: detect.CNName, Fingerprint: "00000000000000cc"} // many people share a name
	for _, post := range []struct {
		client string
		f      detect.Finding
	}{{"10.0.0.1", target}, {"10.0.0.1", target}, {"10.0.0.2", other}, {"10.0.0.2", target}, {"10.0.0.3", other}, {"10.0.0.3", target}, {"10.0.0.4", target}} {
		r := httptest.NewRequest("POST", "/", nil)
		r.RemoteAddr = post.client + ":1234"
		r = caddyhttp.PrepareRequest(r, caddy.NewReplacer(), httptest.NewRecorder(), &caddyhttp.Server{})
		a.Observe(r, []detect.Finding{post.f, name})
	}
	if !waitFor(func() bool { return a.Protected().Has(target.Fingerprint) }, 40) {
		t.Fatal("the campaign's fingerprint was not protected")
	}
	// every observation taken by the worker, and the last one finished
	// when Stop returns: the fourth client was counted too
	if !waitFor(func() bool { return len(a.campaigns.queue) == 0 }, 40) {
		t.Fatal("observations still queued")
	}
	a.Stop()
	entries := logs.FilterMessageSnippet("campaign").All()
	if len(entries) != 1 {
		t.Fatalf("%d campaign incidents, want 1", len(entries))
	}
	e := entries[0]
	m := e.ContextMap()
	if e.Level != zapcore.ErrorLevel || m["fingerprint"] != target.Fingerprint || m["category"] != "cn_mobile" || m["clients"] != int64(3) {
		t.Errorf("incident %v %v", e.Level, m)
	}
	for k, v := range m {
		if s, ok := v.(string); ok && strings.Contains(s, "10.0.0.") {
			t.Errorf("field %s holds a client address", k)
		}
	}
	if a.Protected().Has(other.Fingerprint) {
		t.Error("a fingerprint posted by two clients was protected")
	}
	if a.Protected().Has(name.Fingerprint) {
		t.Error("a name was counted as a campaign")
	}
}
