package piiapp

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/caddyserver/caddy/v2"
)

// The protected list is also kept in a file of Caddy's data directory,
// rewritten at each change: keyed fingerprints and ends only, as in the
// store. It is what a state starts from when its store cannot be read (a
// Redis unreachable as Caddy starts) and what the memory store starts
// with, so that neither a restart nor a Redis that is down leaves the list
// empty: protection never fails open.

// maxSnapshotBytes bounds what is read of a snapshot file (a million
// fingerprints).
const maxSnapshotBytes = 40 << 20

// snapshotPath is the snapshot file of a state, named by its pool key (a
// hash of the store and key, so the file says nothing of either).
func snapshotPath(poolKey string) string {
	return filepath.Join(caddy.AppDataDir(), "pii", "protected-"+poolKey[:16]+".txt")
}

// saveSnapshot writes entries to path, atomically: a temporary file
// renamed over the old one.
func saveSnapshot(path string, entries []protectedEntry) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	var b bytes.Buffer
	for _, e := range entries {
		end := int64(0)
		if !e.Until.IsZero() {
			end = e.Until.UnixMilli()
		}
		fmt.Fprintf(&b, "%s %d\n", e.FP, end)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".protected-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after the rename, nothing is there
	if _, err := tmp.Write(b.Bytes()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// loadSnapshot reads the entries of path that have not ended by now. A
// missing file is no entries; a malformed line is skipped.
func loadSnapshot(path string, now time.Time) ([]protectedEntry, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []protectedEntry
	sc := bufio.NewScanner(io.LimitReader(f, maxSnapshotBytes))
	for sc.Scan() {
		fp, end, ok := strings.Cut(sc.Text(), " ")
		ms, err := strconv.ParseInt(end, 10, 64)
		if !ok || err != nil || len(fp) != 16 {
			continue
		}
		e := protectedEntry{FP: fp}
		if ms != 0 {
			if e.Until = time.UnixMilli(ms); !now.Before(e.Until) {
				continue
			}
		}
		out = append(out, e)
	}
	return out, sc.Err()
}
