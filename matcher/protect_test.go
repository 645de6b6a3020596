package matcher

import (
	"context"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
	"github.com/piifilter/caddy-pii-filter/piiapp"
)

// fullWidth spells the ASCII digits of s in full width (１３８…).
func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r - '0' + '０'
		}
		return r
	}, s)
}

// TestProtectedIdentifierMatches: a request carrying an identifier of the
// pii app's protected list matches wherever it is searched and however it
// is spelled, with no label, even when min and detect would not let its
// category count (pii_filter refuses it whatever its options say); the
// same request without the protection does not match.
func TestProtectedIdentifierMatches(t *testing.T) {
	mobile := synth.CNMobile(fixRand)
	m := newMatcher(t, MatchPII{In: []string{SourceQuery, SourceBody, SourceHeaders, SourcePath}, Detect: []detect.Category{detect.Email, detect.IBAN, detect.USSSN}, Min: 3})
	requests := map[string]func() (string, string, string){
		"body": func() (string, string, string) { return "/post", "text/plain", "call " + fullWidth(mobile) },
		"json": func() (string, string, string) {
			return "/post", "application/json", `{"c":"` + mobile[:3] + " " + mobile[3:7] + " " + mobile[7:] + `"}`
		},
		"query":  func() (string, string, string) { return "/post?q=" + mobile, "", "" },
		"path":   func() (string, string, string) { return "/u/" + mobile, "", "" },
		"header": func() (string, string, string) { return "/post", "", "" },
	}
	match := func(name string) bool {
		target, ct, body := requests[name]()
		method := "GET"
		if body != "" {
			method = "POST"
		}
		r := newRequest(method, target, ct, strings.NewReader(body))
		if name == "header" {
			r.Header.Set("X-Note", mobile)
		}
		ok, err := m.MatchWithError(r)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return ok
	}
	for name := range requests {
		if match(name) {
			t.Errorf("%s: matched before the mobile was protected", name)
		}
	}
	app := piiapp.Current()
	vs := []piiapp.Value{{Value: mobile}}
	if n, err := app.Protect(context.Background(), vs); err != nil || n != 1 {
		t.Fatalf("Protect: %d, %v", n, err)
	}
	t.Cleanup(func() { _, _ = app.Unprotect(context.Background(), vs) })
	for name := range requests {
		if !match(name) {
			t.Errorf("%s: a protected mobile did not match", name)
		}
	}
}
