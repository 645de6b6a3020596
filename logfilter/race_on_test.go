//go:build race

package logfilter

// raceEnabled: the race detector slows the engine about tenfold, and the
// exhaustive engine checks, which have no concurrency to watch, are left
// to the run without it.
const raceEnabled = true
