//go:build detectsteps

package detect

import "sync/atomic"

// Built with -tags detectsteps, the engine counts its work: every unit it
// decodes or looks back at, every hit it visits, every turn of its loops.
// The complexity tests compare the counts for inputs of n and 8n bytes, a
// proof of linear time that does not depend on the machine's speed.

var steps atomic.Int64

// step counts one unit of the engine's work.
func step() { steps.Add(1) }

// Steps returns the work counted since the last ResetSteps.
func Steps() int64 { return steps.Load() }

// ResetSteps sets the work counter to zero.
func ResetSteps() { steps.Store(0) }
