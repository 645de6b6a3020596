//go:build !detectsteps

package detect

// step counts one unit of the engine's work. It is a no-op unless the
// package is built with the detectsteps tag (see steps_on.go), so the
// counting costs nothing in a normal build.
func step() {}
