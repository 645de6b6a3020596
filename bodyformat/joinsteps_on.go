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
func resetJoinRead() { joinRead.Store(0) }
