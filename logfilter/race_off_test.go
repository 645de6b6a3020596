//go:build !race

package logfilter

// raceEnabled: see race_on_test.go.
const raceEnabled = false
