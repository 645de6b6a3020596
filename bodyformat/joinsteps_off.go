//go:build !detectsteps

package bodyformat

// countJoinRead counts the bytes of a field's joined text the engine reads
// for a new piece. It is a no-op unless the package is built with the
// detectsteps tag (joinsteps_on.go).
func countJoinRead(int) {}

// countPathBytes counts the bytes of a JSON path built (jsonStrings); a
// no-op unless built with the detectsteps tag.
func countPathBytes(int) {}

// countPausedRead counts the kept paused paths looked at to push the
// oldest out (pausedPaths.keep); a no-op unless built with the
// detectsteps tag.
func countPausedRead(int) {}
