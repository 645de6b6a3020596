package piiapp

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// record is what the fleet knows of one fingerprint of the protected list:
// when it was last added, until when that protection lasts, and when it
// was last removed. A removal is a record too (a tombstone: the keyed
// fingerprint and a time, never a value), so that a store restored to an
// older state, or an instance that missed a change, can never undo a
// later change another instance knows of: records merge by taking the
// later of each time (merge), whatever order they arrive in, and every
// instance writes back what the store lacks (state.sync).
//
// Adds for good and adds with an end (automatic protection of a
// campaign) are kept apart, so that neither shortens the other.
//
// Times are Unix milliseconds from each instance's clock, made strictly
// later than any time the instance has seen (state.tick), so a removal
// made after an add has been seen wins over it even across clock skew.
type record struct {
	FP      string
	Added   int64 // last add for good (no end), 0 if none
	Timed   int64 // last add with an end, 0 if none
	Until   int64 // the latest end of the adds with an end, 0 if none
	Removed int64 // last removal, 0 if never
}

// on reports whether the record protects its fingerprint at now (Unix ms):
// an add for good later than the last removal, or an add with an end later
// than the last removal and an end still to come.
func (r record) on(now int64) bool {
	return r.Added > r.Removed || (r.Timed > r.Removed && r.Until > now)
}

// compact returns the record without what can no longer protect at now or
// later: the ended adds with an end, and an add for good that a removal
// came after. ok is false when nothing is left (an ended protection
// never removed): the record can be forgotten everywhere. A removal is
// never forgotten: it is what keeps an older add, written back by an
// instance or a backup that missed the removal, from counting again.
func (r record) compact(now int64) (out record, ok bool) {
	if r.Until <= now {
		r.Timed, r.Until = 0, 0
	}
	if r.Added <= r.Removed {
		r.Added = 0
	}
	return r, r.Added != 0 || r.Timed != 0 || r.Removed != 0
}

// merge returns what x and y, two records of one fingerprint, say
// together: the later of each time. It is commutative, associative and
// idempotent, so instances converge whatever order changes reach them
// in. redisMergeScript does the same in Redis. (An add with an end made
// after a removal extends to the latest end of any add with an end that
// has not ended: protection errs on the side of refusing.)
func merge(x, y record) record {
	return record{FP: x.FP, Added: max(x.Added, y.Added), Timed: max(x.Timed, y.Timed), Until: max(x.Until, y.Until), Removed: max(x.Removed, y.Removed)}
}

// encode writes the record's times as Redis and the snapshot keep them:
// "added timed until removed".
func (r record) encode() string {
	return strconv.FormatInt(r.Added, 10) + " " + strconv.FormatInt(r.Timed, 10) + " " +
		strconv.FormatInt(r.Until, 10) + " " + strconv.FormatInt(r.Removed, 10)
}

// decodeRecord reads the times of fp's record written by encode.
func decodeRecord(fp, s string) (record, error) {
	f := strings.Fields(s)
	if len(f) != 4 || len(fp) != 16 {
		return record{}, errMalformedRecord
	}
	var t [4]int64
	for i := range f {
		v, err := strconv.ParseInt(f[i], 10, 64)
		if err != nil || v < 0 {
			return record{}, errMalformedRecord
		}
		t[i] = v
	}
	return record{FP: fp, Added: t[0], Timed: t[1], Until: t[2], Removed: t[3]}, nil
}

// errMalformedRecord is the error of a record that does not read.
var errMalformedRecord = errors.New("malformed protected record")

// ms returns t in Unix milliseconds, 0 for the zero time.
func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}
