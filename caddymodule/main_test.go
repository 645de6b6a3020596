package caddymodule

import (
	"os"
	"testing"
)

// TestMain points Caddy's data directory, where the protected list's
// snapshots are kept, into a temporary directory.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "caddymodule-data-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_DATA_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
