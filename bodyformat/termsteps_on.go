//go:build detectsteps

package bodyformat

import "sync/atomic"

// terminalSteps is the count of steps the terminal reading has taken
// since resetTerminalSteps: the complexity tests bound it per byte.
var terminalSteps atomic.Int64

// countTerminalSteps counts n steps of the terminal reading: a byte read,
// a cell drawn or written out.
func countTerminalSteps(n int) { terminalSteps.Add(int64(n)) }

// resetTerminalSteps sets the count to zero.
func resetTerminalSteps() { terminalSteps.Store(0) }
