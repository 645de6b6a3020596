// Package redistest runs a real redis-server (the Debian package's) for
// tests: on a free loopback port, with its data in a temporary directory
// and every write appended to its AOF file before it is acknowledged, so
// that a restart loses nothing. Tests skip, saying how to install it,
// when the binary is missing.
package redistest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// Install is the command that provides redis-server.
const Install = "apt-get install -y redis-server"

// Server is one redis-server process and its data directory.
type Server struct {
	Addr string // 127.0.0.1:port
	dir  string
	cmd  *exec.Cmd
	t    testing.TB
}

// Start starts a redis-server for t and stops it when t ends. The test is
// skipped when redis-server is not installed.
func Start(t testing.TB) *Server {
	t.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		t.Skipf("redis-server not found: install it with `%s`", Install)
	}
	s := &Server{Addr: "127.0.0.1:" + strconv.Itoa(FreePort(t)), dir: t.TempDir(), t: t}
	s.start()
	t.Cleanup(s.Stop)
	return s
}

// start runs redis-server with the server's port and directory and waits
// until it answers.
func (s *Server) start() {
	s.t.Helper()
	_, port, _ := net.SplitHostPort(s.Addr)
	conf := filepath.Join(s.dir, "redis.conf")
	cfg := fmt.Sprintf("bind 127.0.0.1\nport %s\ndir %s\nappendonly yes\nappendfsync always\nsave \"\"\ndaemonize no\nprotected-mode yes\nlogfile %s\n",
		port, s.dir, filepath.Join(s.dir, "redis.log"))
	if err := os.WriteFile(conf, []byte(cfg), 0o600); err != nil {
		s.t.Fatal(err)
	}
	s.cmd = exec.Command("redis-server", conf)
	if err := s.cmd.Start(); err != nil {
		s.t.Fatalf("redis-server: %v", err)
	}
	c := s.Client()
	defer c.Close()
	for range 200 {
		if c.Ping(context.Background()).Err() == nil {
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	s.t.Fatalf("redis-server on %s does not answer", s.Addr)
}

// Stop stops the server (its data stays in its directory).
func (s *Server) Stop() {
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
	s.cmd = nil
}

// Restart stops the server and starts it again on the same port and data.
func (s *Server) Restart() {
	s.t.Helper()
	s.Stop()
	s.start()
}

// Save stops the server, copies its data (the AOF files) aside and starts
// it again; it returns the copy, for RestoreSaved. It is how a test takes
// a backup to restore the server to later.
func (s *Server) Save() string {
	s.t.Helper()
	s.Stop()
	saved := s.t.TempDir()
	if err := copyData(s.dir, saved); err != nil {
		s.t.Fatal(err)
	}
	s.start()
	return saved
}

// RestoreSaved stops the server, replaces its data with a copy made by
// Save and starts it again: the server is back in the older state, as
// after an operator restored a backup.
func (s *Server) RestoreSaved(saved string) {
	s.t.Helper()
	s.Stop()
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		s.t.Fatal(err)
	}
	for _, e := range entries {
		if isData(e.Name()) {
			if err := os.RemoveAll(filepath.Join(s.dir, e.Name())); err != nil {
				s.t.Fatal(err)
			}
		}
	}
	if err := copyData(saved, s.dir); err != nil {
		s.t.Fatal(err)
	}
	s.start()
}

// isData reports whether a name in the server's directory is its data
// (not its config or log).
func isData(name string) bool { return name != "redis.conf" && name != "redis.log" }

// copyData copies the data files of directory from into directory to.
func copyData(from, to string) error {
	return filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil || rel == "." {
			return err
		}
		if !isData(filepath.Base(rel)) {
			return nil
		}
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o700)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o600)
	})
}

// Client returns a client of the server; the caller closes it.
func (s *Server) Client() *redis.Client {
	return redis.NewClient(&redis.Options{Addr: s.Addr, DialTimeout: time.Second, MaxRetries: -1})
}

// FreePort returns a loopback TCP port nothing listens on.
func FreePort(t testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
