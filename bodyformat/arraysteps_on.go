//go:build detectsteps

package bodyformat

import "sync/atomic"

// arraySteps is the count of steps the arrays reading has taken since
// resetArraySteps: the complexity tests bound it per byte.
var arraySteps atomic.Int64

// countArraySteps counts n steps of the arrays reading: bytes of a
// literal or a number looked through, an element read.
func countArraySteps(n int) { arraySteps.Add(int64(n)) }

// resetArraySteps sets the count to zero.
func resetArraySteps() { arraySteps.Store(0) }
