//go:build !detectsteps

package bodyformat

// countReadingSteps counts steps of the arrays and delimited readings in
// the complexity tests (built with the detectsteps tag); elsewhere it does
// nothing.
func countReadingSteps(int) {}
