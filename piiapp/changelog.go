package piiapp

import (
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"
)

// A store logs, with each merge of records, the fingerprints it merged
// under the merge's version, keeping the last changeLogLen entries. An
// instance whose list is at version v then reads only the fingerprints
// logged after v, and their records: a change costs each instance what
// changed, not the whole list. An instance too far behind (the log cut
// shorter than its gap) or a store whose version went back (flushed,
// restored) reads the whole list instead.
const changeLogLen = 8192

// changeLog is the log entries of a range of versions, as read.
type changeLog struct {
	versions map[uint64]struct{}
	fps      []string
	seen     map[string]struct{}
}

// add takes one log entry.
func (l *changeLog) add(v uint64, fp string) {
	if l.versions == nil {
		l.versions, l.seen = make(map[uint64]struct{}), make(map[string]struct{})
	}
	l.versions[v] = struct{}{}
	if _, ok := l.seen[fp]; !ok && len(fp) == 16 {
		l.seen[fp] = struct{}{}
		l.fps = append(l.fps, fp)
	}
}

// since returns the fingerprints changed after from up to to, and whether
// the log held every version of that range (each merge logs at least one
// entry). The caller checks that the log reaches back to from: it is cut
// oldest first, so it then holds every entry after from.
func (l *changeLog) since(from, to uint64) ([]string, bool) {
	if uint64(len(l.versions)) != to-from {
		return nil, false
	}
	return l.fps, true
}

// logRange reads the counters of the versions of a change-log read ("N",
// or "N:token" for a store that names each merge): ok is false when they
// are not two counters with to at or after from, within the log's length.
func logRange(from, to string) (f, t uint64, ok bool) {
	fc, _, _ := strings.Cut(from, ":")
	tc, _, _ := strings.Cut(to, ":")
	f, err1 := strconv.ParseUint(fc, 10, 64)
	t, err2 := strconv.ParseUint(tc, 10, 64)
	if err1 != nil || err2 != nil || t < f || t-f > changeLogLen {
		return 0, 0, false
	}
	return f, t, true
}

// mergeToken returns a random token naming one merge of records: a store
// restored to an older state and merged again up to a version an
// instance holds gives that version another token.
func mergeToken() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24)
	return hex.EncodeToString(b[:])
}

// logMember reads a change-log member: "N:token:fingerprint", or
// "N:fingerprint" as an earlier version wrote it; version is what the
// head said after that merge ("N:token", or "N").
func logMember(m string) (version, fp string) {
	k := strings.LastIndexByte(m, ':')
	if k < 0 {
		return "", ""
	}
	return m[:k], m[k+1:]
}
