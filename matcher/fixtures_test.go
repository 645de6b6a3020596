package matcher

import (
	"context"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// Synthetic personal data, generated with valid check digits from a fixed
// seed: never copied from anywhere.
var (
	fixRand    = rand.New(rand.NewPCG(20250105, 5))
	testID     = synth.CNID18(fixRand)
	testMobile = synth.CNMobile(fixRand)
	testEmail  = synth.Email(fixRand)
	testCard   = synth.UnionPayCard(fixRand)
)

// newMatcher returns m provisioned and validated as Caddy would.
func newMatcher(t testing.TB, m MatchPII) *MatchPII {
	t.Helper()
	ctx, cancel := caddy.NewContext(caddy.Context{Context: context.Background()})
	t.Cleanup(cancel)
	mp := &m
	if err := mp.Provision(ctx); err != nil {
		t.Fatalf("Provision: %v", err)
	}
	if err := mp.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	return mp
}

// newRequest returns a request prepared as Caddy's server prepares one
// (vars table, replacer), with body and, when not empty, Content-Type.
func newRequest(method, target, contentType string, body io.Reader) *http.Request {
	return newRequestIn(context.Background(), method, target, contentType, body)
}

// newRequestIn is newRequest for a request whose context is ctx: its
// handling ends, and the memory the matcher holds for it is given back,
// when ctx ends.
func newRequestIn(ctx context.Context, method, target, contentType string, body io.Reader) *http.Request {
	r := httptest.NewRequestWithContext(ctx, method, target, body)
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	return withVars(r)
}

// withVars gives r the context Caddy's server gives every request.
func withVars(r *http.Request) *http.Request {
	return caddyhttp.PrepareRequest(r, caddy.NewReplacer(), httptest.NewRecorder(), &caddyhttp.Server{})
}

// mustMatch runs m over r and fails the test on an error.
func mustMatch(t *testing.T, m *MatchPII, r *http.Request) bool {
	t.Helper()
	ok, err := m.MatchWithError(r)
	if err != nil {
		t.Fatalf("MatchWithError: %v", err)
	}
	return ok
}

// countingReader counts the Read calls that reach the client's body.
type countingReader struct {
	r      io.Reader
	reads  int
	n      int // bytes read
	closed bool
}

func (c *countingReader) Read(p []byte) (int, error) {
	c.reads++
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func (c *countingReader) Close() error {
	c.closed = true
	return nil
}

// failingReader yields its prefix, then fails.
type failingReader struct {
	prefix *strings.Reader
	err    error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if f.prefix.Len() > 0 {
		return f.prefix.Read(p)
	}
	return 0, f.err
}

func (f *failingReader) Close() error { return nil }
