package caddyfileargs

import (
	"strings"
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

// TestCategoriesAndSize checks the shared list and size parsers and their
// error messages.
func TestCategoriesAndSize(t *testing.T) {
	d := caddyfile.NewTestDispenser("detect cn_id email")
	d.Next()
	if cats, err := Categories(d, "x detect"); err != nil || len(cats) != 2 {
		t.Errorf("categories: %v %v", cats, err)
	}
	d = caddyfile.NewTestDispenser("detect nope")
	d.Next()
	if _, err := Categories(d, "x detect"); err == nil || !strings.Contains(err.Error(), "x detect:") {
		t.Errorf("unknown category: %v", err)
	}
	d = caddyfile.NewTestDispenser("max_body 2KiB")
	d.Next()
	if n, err := Size(d, "x max_body", "1MiB"); err != nil || n != 2048 {
		t.Errorf("size: %d %v", n, err)
	}
	d = caddyfile.NewTestDispenser("max_body 0")
	d.Next()
	if _, err := Size(d, "x max_body", "1MiB"); err == nil || !strings.Contains(err.Error(), "such as 1MiB") {
		t.Errorf("zero size: %v", err)
	}
}
