package matcher

import (
	"net/http/httptest"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestMatchHost (attack pass 37): the host is searched with the headers,
// as pii_filter reads it: an identifier glued to a letter of its label
// matches; ordinary hosts and numbers that are no identifier do not.
func TestMatchHost(t *testing.T) {
	all := newMatcher(t, MatchPII{In: []string{SourceHeaders}})
	named := newMatcher(t, MatchPII{Headers: []string{"Host"}})
	other := newMatcher(t, MatchPII{Headers: []string{"X-Note"}})
	for _, tc := range []struct {
		host string
		want bool
	}{
		{testMobile + ".shop.example", true},
		{"u" + testID + ".shop.example", true},
		{"u" + testID + ".shop.example:8443", true},
		{"10.0.0.1:8080", false},
		{"[::1]:443", false},
		{"www.example.com", false},
		{synth.CNMobileBadPrefix(fixRand) + ".cdn.example", false},
		{"u" + synth.CNIDBadCheck(fixRand) + ".shop.example", false},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Host = tc.host
		for name, m := range map[string]*MatchPII{"every header": all, "Host named": named} {
			got, err := m.MatchWithError(r)
			if err != nil || got != tc.want {
				t.Errorf("%s, host %q: match %v, %v; want %v", name, tc.host, got, err, tc.want)
			}
		}
		if got, err := other.MatchWithError(r); err != nil || got {
			t.Errorf("X-Note only, host %q: match %v, %v; want false", tc.host, got, err)
		}
	}
}
