//go:build !detectsteps

package bodyformat

// countTerminalSteps counts n steps of the terminal reading. It is a
// no-op unless the package is built with the detectsteps tag
// (termsteps_on.go).
func countTerminalSteps(int) {}
