package logfilter

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/caddyserver/caddy/v2"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// Synthetic personal data, generated with valid check digits from a fixed
// seed: never copied from anywhere.
var (
	fixRand    = rand.New(rand.NewPCG(20250107, 3))
	testID     = synth.CNID18(fixRand)
	testMobile = synth.CNMobile(fixRand)
	testEmail  = synth.Email(fixRand)
	testName   = synth.CNName(fixRand)
)

// rawValues are the fixtures no filtered value may contain.
var rawValues = []string{testID, testMobile, testEmail}

// newFilter returns f provisioned and validated as Caddy would.
func newFilter(t testing.TB, f Filter) *Filter {
	t.Helper()
	ctx, cancel := caddy.NewContext(caddy.Context{Context: context.Background()})
	t.Cleanup(cancel)
	fp := &f
	if err := fp.Provision(ctx); err != nil {
		t.Fatalf("Provision: %v", err)
	}
	if err := fp.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	return fp
}

// percentAll escapes every byte of s, as an evasive client might.
func percentAll(s string) string {
	const hex = "0123456789ABCDEF"
	out := make([]byte, 0, 3*len(s))
	for i := 0; i < len(s); i++ {
		out = append(out, '%', hex[s[i]>>4], hex[s[i]&15])
	}
	return string(out)
}
