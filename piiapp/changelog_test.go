package piiapp

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestChangedSince checks the change log of both stores: the fingerprints
// merged after a version, each once; and no answer (a full read) for a
// version the log does not reach back to, or one from before a flush.
func TestChangedSince(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	for name, st := range stores(t) {
		v0, _ := st.protectedVersion(ctx)
		if _, ok, _ := st.changedSince(ctx, v0, v0); ok {
			t.Errorf("%s: an empty store's version answered from the log", name)
		}
		merge := func(fps ...string) string {
			recs := make([]record, len(fps))
			for i, fp := range fps {
				recs[i] = record{FP: fp, Added: now.UnixMilli()}
			}
			if _, err := st.mergeProtected(ctx, recs, now); err != nil {
				t.Fatal(err)
			}
			v, _ := st.protectedVersion(ctx)
			return v
		}
		v1 := merge(fpOf(1))
		v2 := merge(fpOf(2), fpOf(3))
		v3 := merge(fpOf(2))
		fps, ok, err := st.changedSince(ctx, v1, v3)
		slices.Sort(fps)
		if err != nil || !ok || !slices.Equal(fps, []string{fpOf(2), fpOf(3)}) {
			t.Errorf("%s: changed since %s: %v %v %v, want fingerprints 2 and 3", name, v1, fps, ok, err)
		}
		if fps, ok, _ := st.changedSince(ctx, v2, v3); !ok || !slices.Equal(fps, []string{fpOf(2)}) {
			t.Errorf("%s: changed since %s: %v %v, want fingerprint 2", name, v2, fps, ok)
		}
		for i := 0; i < 2*changeLogLen/512+2; i++ { // the log is cut past v1 (memory keeps up to twice its length)
			batch := make([]string, 512)
			for j := range batch {
				batch[j] = fpOf(1000 + j)
			}
			merge(batch...)
		}
		v4, _ := st.protectedVersion(ctx)
		if _, ok, _ := st.changedSince(ctx, v1, v4); ok {
			t.Errorf("%s: a version the log was cut past answered from it", name)
		}
	}
}

// TestSnapshotKeepsAppendedRemovals: a change is appended to the snapshot
// file, and a removal appended after an add is what a restart reads.
func TestSnapshotKeepsAppendedRemovals(t *testing.T) {
	path := filepath.Join(t.TempDir(), "protected.txt")
	key := []byte(strings.Repeat("j", 32))
	ctx := context.Background()
	a := newState(StoreConfig{Type: storeMemory}, "", key, path)
	if _, err := a.protect(ctx, []protectedEntry{{FP: fpOf(1)}, {FP: fpOf(2)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.unprotect(ctx, []string{fpOf(1)}); err != nil {
		t.Fatal(err)
	}
	_ = a.Destruct()
	b := newState(StoreConfig{Type: storeMemory}, "", key, path)
	defer b.Destruct()
	if b.set.Has(fpOf(1)) || !b.set.Has(fpOf(2)) || b.set.Len() != 1 {
		t.Fatalf("after a restart: %d protected, fingerprint 1 %v; want only fingerprint 2", b.set.Len(), b.set.Has(fpOf(1)))
	}
}

// TestTimedProtectionEndsWithoutAFullRead: a campaign's protection ends on
// its instance at its end, through the state's heap of ends, with no read
// of the list.
func TestTimedProtectionEndsWithoutAFullRead(t *testing.T) {
	key := []byte(strings.Repeat("e", 32))
	s := newState(StoreConfig{Type: storeMemory}, "", key, "")
	defer s.Destruct()
	ctx := context.Background()
	if _, err := s.protect(ctx, []protectedEntry{{FP: fpOf(1), Until: time.Now().Add(2 * syncInterval)}, {FP: fpOf(2)}}); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	read := s.lastRead
	s.mu.Unlock()
	if !s.set.Has(fpOf(1)) {
		t.Fatal("a timed protection is not in force")
	}
	if !waitFor(func() bool { return !s.set.Has(fpOf(1)) }, 20) {
		t.Fatal("a timed protection did not end")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.set.Has(fpOf(2)) || s.lastRead != read {
		t.Errorf("protected for good: %v; the list was read in full again: %v", s.set.Has(fpOf(2)), s.lastRead != read)
	}
}
