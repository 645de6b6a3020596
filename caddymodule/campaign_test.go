package caddymodule

import (
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/iotest"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// countingCampaigns records what a handler hands to campaign counting.
type countingCampaigns struct {
	mu       sync.Mutex
	observed int
	fps      []string // the fingerprints of every call
}

func (c *countingCampaigns) Observe(_ *http.Request, fs []detect.Finding) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.observed++
	for _, f := range fs {
		c.fps = append(c.fps, f.Fingerprint)
	}
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

// TestCampaignsCountStreamedRequestBodies: a request body sent in pieces
// (chunked, no length) in a streaming format (NDJSON lines, SSE events) is
// read whole before it goes on, and its identifiers are counted once per
// body per fingerprint, however many events repeat them. (Response
// streams are not counted, as no response is: see above.)
func TestCampaignsCountStreamedRequestBodies(t *testing.T) {
	line := `{"tel":"` + testMobile + `","mail":"` + testEmail + `"}`
	for _, tc := range []struct{ ct, body string }{
		{"application/x-ndjson", line + "\n" + line + "\n" + line + "\n"},
		{"text/event-stream", "data: " + line + "\n\ndata: " + line + "\n\n"},
	} {
		h, _ := newHandler(t, Handler{Request: "log"})
		c := &countingCampaigns{}
		h.campaigns = c
		r := post(tc.body, tc.ct)
		r.Body = io.NopCloser(iotest.HalfReader(strings.NewReader(tc.body))) // read in pieces
		r.ContentLength, r.TransferEncoding = -1, []string{"chunked"}
		if _, err := serve(h, r, func(w http.ResponseWriter, r *http.Request) error { return nil }); err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for _, fp := range c.fps {
			seen[fp]++
		}
		if c.observed != 1 || len(seen) != 2 || len(c.fps) != 2 {
			t.Errorf("%s: %d calls, %d fingerprints (%d distinct); want one call with the mobile and the e-mail once each", tc.ct, c.observed, len(c.fps), len(seen))
		}
	}
}
