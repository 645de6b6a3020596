//go:build detectsteps

package bodyformat

import "sync/atomic"

// readingSteps is the count of steps the arrays and delimited readings
// have taken since resetReadingSteps: the complexity tests bound it per
// byte.
var readingSteps atomic.Int64

// countReadingSteps counts n steps of a reading: bytes of a literal, a
// number or a gap looked through, an element or a group read.
func countReadingSteps(n int) { readingSteps.Add(int64(n)) }

// resetReadingSteps sets the count to zero.
func resetReadingSteps() { readingSteps.Store(0) }
