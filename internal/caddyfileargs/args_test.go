package caddyfileargs

import (
	"testing"

	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
)

// TestOne checks one argument passes and none or two are errors.
func TestOne(t *testing.T) {
	for _, c := range []struct {
		input string
		want  string
		ok    bool
	}{{"mask partial", "partial", true}, {"mask", "", false}, {"mask a b", "", false}} {
		d := caddyfile.NewTestDispenser(c.input)
		d.Next()
		got, err := One(d)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("%q: got %q, %v", c.input, got, err)
		}
	}
}
