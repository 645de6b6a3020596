//go:build !race

package bodyformat

// raceEnabled: see race_on_test.go.
const raceEnabled = false
