package caddymodule

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/net/idna"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// hostsWithIdentifiers are hosts a site that answers any host may be
// sent, each holding testMobile or testID: a label, a label glued to a
// letter, grouped digits, full-width digits in a punycode label, a port,
// an IPv6 literal's decimal groups or zone.
func hostsWithIdentifiers(t *testing.T) []string {
	t.Helper()
	wide, err := idna.Punycode.ToASCII(synth.FullWidth(testMobile))
	if err != nil {
		t.Fatal(err)
	}
	m := testMobile
	return []string{
		m + ".shop.example",
		"u" + testID + ".shop.example",
		"u" + strings.ToLower(testID) + ".shop.example:8443",
		"m" + m + "-cdn.example",
		m[:3] + "-" + m[3:7] + "-" + m[7:] + ".shop.example",
		wide + ".shop.example",
		"[::" + m[:3] + ":" + m[3:7] + ":" + m[7:] + "]:8443",
		"[" + testID[:2] + ":" + testID[2:6] + ":" + testID[6:10] + ":" + testID[10:14] + ":" + testID[14:] + "::]",
		"[fe80::1%25" + m + "]",
	}
}

// TestRequestHostRefused (attack pass 37): an identifier in the host
// refuses the request under redact as under reject (a host routes the
// request and is not masked); the incident logs the host masked.
func TestRequestHostRefused(t *testing.T) {
	for _, act := range []string{"redact", "reject"} {
		h, logs := newHandler(t, Handler{Request: act})
		for _, host := range hostsWithIdentifiers(t) {
			var c captured
			r := httptest.NewRequest("GET", "/profile", nil)
			r.Host = host
			w, err := serve(h, withVars(r), capture(&c))
			if err != nil && !isRefusal(err) {
				t.Fatal(err)
			}
			if c.called || w.Code != http.StatusForbidden {
				t.Errorf("%s, host %q: upstream called %v, status %d: want a 403 refusal", act, host, c.called, w.Code)
			}
			assertNoRaw(t, "refusal", w.Body.String())
		}
		incs := incidents(logs)
		if len(incs) != len(hostsWithIdentifiers(t)) {
			t.Errorf("%s: %d incidents, want one a host", act, len(incs))
		}
		for _, e := range incs {
			if got := e.ContextMap()["outcome"]; got != "refused" {
				t.Errorf("%s: outcome %v, want refused", act, got)
			}
			host, _ := e.ContextMap()["host"].(string)
			literal := strings.HasPrefix(host, "[") && strings.Contains(host, "]") // an IPv6 literal's brackets kept
			if !strings.Contains(host, "shop.example") && !strings.Contains(host, "cdn.example") && !literal {
				t.Errorf("%s: incident host %q lost its clean labels", act, host)
			}
		}
		assertLogsClean(t, logs)
		for _, e := range logs.All() {
			for _, v := range []string{strings.ToLower(testID), synth.FullWidth(testMobile)} {
				if s, _ := e.ContextMap()["host"].(string); strings.Contains(s, v) {
					t.Errorf("%s: incident host %q holds %q", act, s, v)
				}
			}
		}
	}
}

// TestRequestHostLogged: under log the request goes on and the incident
// is logged, without the value.
func TestRequestHostLogged(t *testing.T) {
	h, logs := newHandler(t, Handler{Request: "log"})
	var c captured
	r := httptest.NewRequest("GET", "/profile", nil)
	r.Host = "u" + testID + ".shop.example"
	if _, err := serve(h, withVars(r), capture(&c)); err != nil {
		t.Fatal(err)
	}
	if !c.called {
		t.Error("log refused the request")
	}
	incs := incidents(logs)
	if len(incs) != 1 || incs[0].ContextMap()["outcome"] != "logged" {
		t.Fatalf("incidents %v, want one logged", incs)
	}
	assertLogsClean(t, logs)
}

// TestRequestHostCleanPasses: ordinary hosts, and numbers of an
// identifier's length that are none (an 11-digit run without a mobile
// prefix, an ID with a bad check character), pass without an incident.
func TestRequestHostCleanPasses(t *testing.T) {
	cn, err := idna.ToASCII("中国")
	if err != nil {
		t.Fatal(err)
	}
	hosts := []string{
		"10.0.0.1", "10.0.0.1:8080", "[::1]", "[::1]:443", "[2001:db8::1]:8443",
		"[2408:8207:1851:2130::1]:443", "[::ffff:192.168.1.100]", "[fe80::1%25eth0]:8080",
		"localhost", "localhost:2019", "www.example.com:443", cn + ".example",
		synth.CNMobileBadPrefix(fixRand) + ".cdn.example",
		"u" + synth.CNIDBadCheck(fixRand) + ".shop.example",
		"e" + synth.TraceID(fixRand) + ".cdn.example",
		synth.UUID(fixRand) + ".svc.example",
		"t" + synth.TimestampMillis(fixRand) + ".cdn.example",
		"o" + synth.OrderNumber(fixRand) + ".cdn.example",
		"192-168-1-100.sslip.io", "s3.us-east-1.amazonaws.com", "v20240101.api.example",
	}
	h, logs := newHandler(t, Handler{Request: "reject"})
	for _, host := range hosts {
		var c captured
		r := httptest.NewRequest("GET", "/", nil)
		r.Host = host
		w, err := serve(h, withVars(r), capture(&c))
		if err != nil || !c.called || w.Code != http.StatusNoContent {
			t.Errorf("host %q: err %v, upstream called %v, status %d", host, err, c.called, w.Code)
		}
	}
	if incs := incidents(logs); len(incs) != 0 {
		t.Errorf("%d incidents for clean hosts: %v", len(incs), incs)
	}
}
