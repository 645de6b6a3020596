//go:build race

package detect_test

// raceEnabled: the race detector makes sync.Pool drop objects at random,
// so allocation counts are not asserted under it.
const raceEnabled = true
