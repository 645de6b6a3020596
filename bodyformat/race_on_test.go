//go:build race

package bodyformat

// raceEnabled: the race detector slows the engine about tenfold. Loops over
// many random cases, sizes or cuts run a sample of them under it (every
// shape and kind at least once); the full sweep is the run without it.
const raceEnabled = true
