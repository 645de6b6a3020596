package synth

// RunePieces cuts s into pieces of n characters (the last may be
// shorter), as a stream's deltas carry a text: a multi-byte character is
// never cut.
func RunePieces(s string, n int) []string {
	rs := []rune(s)
	var out []string
	for len(rs) > n {
		out = append(out, string(rs[:n]))
		rs = rs[n:]
	}
	return append(out, string(rs))
}
