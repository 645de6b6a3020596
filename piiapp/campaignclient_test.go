package piiapp

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestClientBucket: client addresses are counted by network (an IPv6 /64
// is one client, however many of its addresses post), other client
// values by themselves.
func TestClientBucket(t *testing.T) {
	for _, c := range []struct {
		who, want  string
		ipv4, ipv6 int
	}{
		{"192.0.2.7", "192.0.2.7/32", 32, 64},
		{"192.0.2.7", "192.0.2.0/24", 24, 64},
		{"2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64", 32, 64},
		{"2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64", 32, 64},
		{"2001:db8:1:2:aaaa::1%eth0", "2001:db8:1:2::/64", 32, 64},
		{"2001:db8:1:2:aaaa::1", "2001:db8:1::/48", 32, 48},
		{"::ffff:192.0.2.7", "192.0.2.7/32", 32, 64},
		{"[2001:db8:1:2::1]", "2001:db8:1:2::/64", 32, 64},
		{"[2001:db8:1:2::1]:443", "2001:db8:1:2::/64", 32, 64},
		{" 2001:db8:1:2::3 ", "2001:db8:1:2::/64", 32, 64},
		{"2001:db8:1:2::1, 10.0.0.1", "2001:db8:1:2::/64", 32, 64},
		{"192.0.2.7:5000", "192.0.2.7/32", 32, 64},
		{"user-42", "user-42", 32, 64},
		{"", "", 32, 64},
	} {
		if got := clientBucket(c.who, c.ipv4, c.ipv6); got != c.want {
			t.Errorf("clientBucket(%q, %d, %d) = %q, want %q", c.who, c.ipv4, c.ipv6, got, c.want)
		}
	}
	a, b := clientBucket("2001:db8::1", 32, 64), clientBucket("2001:db8::2", 32, 64)
	if a != b {
		t.Errorf("two addresses of one /64 are two clients: %q %q", a, b)
	}
}

// TestCampaignCountsIPv6Networks: many addresses of one IPv6 /64 posting
// the same identifier are one client, so they raise no campaign (nor
// protect anything); three networks do.
func TestCampaignCountsIPv6Networks(t *testing.T) {
	ctx, cancel := caddy.NewContext(caddy.Context{Context: t.Context()})
	defer cancel()
	a := &App{Campaign: &CampaignConfig{Clients: 3, Window: caddy.Duration(time.Hour), Protect: caddy.Duration(time.Hour)}}
	a.key = []byte(strings.Repeat("n", 32))
	if err := a.provisionProtection(ctx); err != nil {
		t.Fatal(err)
	}
	defer a.cleanupProtection()
	a.Start()
	defer a.Stop()
	target := detect.Finding{Category: detect.CNMobile, Fingerprint: "00000000000000dd"}
	post := func(addr string) {
		r := httptest.NewRequest("POST", "/", nil)
		r.RemoteAddr = "[" + addr + "]:1234"
		r = caddyhttp.PrepareRequest(r, caddy.NewReplacer(), httptest.NewRecorder(), &caddyhttp.Server{})
		a.Observe(r, []detect.Finding{target})
	}
	for i := range 50 {
		post(fmt.Sprintf("2001:db8:7:1::%x", i+1))
	}
	if !waitFor(func() bool { return len(a.campaigns.queue) == 0 }, 40) {
		t.Fatal("observations still queued")
	}
	if waitFor(func() bool { return a.Protected().Has(target.Fingerprint) }, 3) {
		t.Fatal("50 addresses of one /64 counted as a campaign")
	}
	post("2001:db8:7:2::1")
	post("2001:db8:7:3::1")
	if !waitFor(func() bool { return a.Protected().Has(target.Fingerprint) }, 40) {
		t.Fatal("three /64 networks raised no campaign")
	}
}
