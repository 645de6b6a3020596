package piiapp

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/caddyserver/caddy/v2"
)

// The protected list is also kept in a file of Caddy's data directory, each
// change appended to it and the whole rewritten from time to time: keyed
// fingerprints and ends only, as in the store. It is what a state starts
// from when its store cannot be read (a Redis unreachable as Caddy starts)
// and what the memory store starts with, so that neither a restart nor a
// Redis that is down leaves the list empty: protection never fails open.

// maxSnapshotBytes bounds what is read of a snapshot file: a million
// fingerprints (about 75 bytes a line), twice (the records a change
// appends until the file is written whole again, see state.refresh).
const maxSnapshotBytes = 160 << 20

// snapshotPath is the snapshot file of a state, named by its pool key (a
// hash of the store and key, so the file says nothing of either).
func snapshotPath(poolKey string) string {
	return filepath.Join(caddy.AppDataDir(), "pii", "protected-"+poolKey[:16]+".txt")
}

// saveSnapshot writes records to path, atomically: a temporary file
// renamed over the old one. Each line is "fingerprint added until
// removed" (record.encode): the tombstones are kept too, so a removal
// survives a restart. It returns the bytes written.
func saveSnapshot(path string, recs []record) (int64, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return 0, err
	}
	b := encodeRecords(recs)
	tmp, err := os.CreateTemp(filepath.Dir(path), ".protected-*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name()) // after the rename, nothing is there
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return 0, err
	}
	if err := tmp.Close(); err != nil {
		return 0, err
	}
	return int64(len(b)), os.Rename(tmp.Name(), path)
}

// appendSnapshot appends records to path, as saveSnapshot writes them:
// the records of a change, which loadSnapshot merges with the earlier
// lines of their fingerprints. It returns the bytes written.
func appendSnapshot(path string, recs []record) (int64, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return 0, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return 0, err
	}
	b := encodeRecords(recs)
	n, err := f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return int64(n), err
}

// encodeRecords writes records one a line.
func encodeRecords(recs []record) []byte {
	var b bytes.Buffer
	for _, r := range recs {
		b.WriteString(r.FP)
		b.WriteByte(' ')
		b.WriteString(r.encode())
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// loadSnapshot reads the records of path, those of one fingerprint merged
// (a change appends its records), compacted at now (the ended ones left
// out). A
// missing file is no records; a malformed line is skipped. A line of the
// earlier format, "fingerprint end" (an add, end 0 for none), reads as
// the oldest possible add, which any removal wins over.
func loadSnapshot(path string, now time.Time) ([]record, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	t := now.UnixMilli()
	byFP := make(map[string]record)
	sc := bufio.NewScanner(io.LimitReader(f, maxSnapshotBytes))
	for sc.Scan() {
		fp, rest, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			continue
		}
		r, err := decodeRecord(fp, rest)
		if err != nil {
			end, perr := strconv.ParseInt(rest, 10, 64)
			if perr != nil || end < 0 || len(fp) != 16 {
				continue
			}
			r = record{FP: fp, Added: 1}
			if end != 0 {
				r = record{FP: fp, Timed: 1, Until: end}
			}
		}
		if old, ok := byFP[fp]; ok {
			r = merge(old, r)
		}
		byFP[fp] = r
	}
	out := make([]record, 0, len(byFP))
	for _, r := range byFP {
		if r, ok := r.compact(t); ok {
			out = append(out, r)
		}
	}
	return out, sc.Err()
}
