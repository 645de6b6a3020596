//go:build detectsteps

package bodyformat

import "sync/atomic"

// joinRead is the count of bytes of joined text the engine has read since
// resetJoinRead: the complexity tests bound it per piece.
var joinRead atomic.Int64

// countJoinRead counts the bytes of a field's joined text the engine reads
// for a new piece.
func countJoinRead(n int) { joinRead.Add(int64(n)) }

// resetJoinRead sets the count to zero.
func resetJoinRead() { joinRead.Store(0); pathRead.Store(0); pausedRead.Store(0) }

// pathRead is the count of bytes of JSON paths built since resetJoinRead:
// the complexity tests bound it per byte of an event.
var pathRead atomic.Int64

// countPathBytes counts the bytes of a JSON path built (jsonStrings).
func countPathBytes(n int) { pathRead.Add(int64(n)) }

// pausedRead is the count of kept paused paths looked at to push the
// oldest out since resetJoinRead (pausedPaths.keep).
var pausedRead atomic.Int64

// countPausedRead counts the kept paused paths looked at.
func countPausedRead(n int) { pausedRead.Add(int64(n)) }
