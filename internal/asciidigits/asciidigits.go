// Package asciidigits holds the small byte helpers on ASCII digits that
// the engine (detect) and the format layer (bodyformat) both need, so that
// each is written once.
package asciidigits

// Count returns how many ASCII digits ('0' to '9') b holds.
func Count(b []byte) int {
	n := 0
	for _, c := range b {
		if c >= '0' && c <= '9' {
			n++
		}
	}
	return n
}
