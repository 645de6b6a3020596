package caddymodule

import (
	"net/http"
	"sync"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// countingCampaigns records what a handler hands to campaign counting.
type countingCampaigns struct {
	mu       sync.Mutex
	observed int
}

func (c *countingCampaigns) Observe(*http.Request, []detect.Finding) {
	c.mu.Lock()
	c.observed++
	c.mu.Unlock()
}

func (c *countingCampaigns) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.observed
}

// TestCampaignsCountOnlyRequests: what clients post is counted; what a
// response shows every client that asks (a site's own hotline) is not, or
// many clients fetching a page would make a "campaign" that protection
// then takes offline.
func TestCampaignsCountOnlyRequests(t *testing.T) {
	h, _ := newHandler(t, Handler{Request: "log", Response: "log"})
	c := &countingCampaigns{}
	h.campaigns = c
	body := `{"tel":"` + testMobile + `"}`
	next := func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "application/json")
		_, err := w.Write([]byte(body))
		return err
	}
	if _, err := serve(h, withVars(get("/")), next); err != nil {
		t.Fatal(err)
	}
	if c.count() != 0 {
		t.Errorf("a response was counted for campaigns %d times", c.observed)
	}
	r := withVars(post(body, "application/json"))
	if _, err := serve(h, r, func(w http.ResponseWriter, r *http.Request) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if c.count() != 1 {
		t.Errorf("a posted body was counted %d times, want 1", c.observed)
	}
}
