//go:build !detectsteps

package bodyformat

// countReadingSteps counts steps of the arrays and delimited readings (and
// of the Content-Type split) in the complexity tests (built with the
// detectsteps tag); elsewhere it does nothing.
func countReadingSteps(int) {}
