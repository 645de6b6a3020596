package detect

// LocalPartStart returns where the run of characters an e-mail address's
// local part is made of (letters, digits, '.', '-', '_', '%', '+', in any
// spelling the engine reads) that ends at text[end] starts, reading back
// no more than maxLocalPart bytes (the longest local part): end when none ends there. A stream's
// joiner reads with it the local part a piece's own mask (s***@qq.com)
// continues from the text before the piece (zhang___).
func LocalPartStart(text []byte, end int) int {
	floor := max(0, end-maxLocalPart)
	start := end
	for start > floor {
		step()
		u, at, ok := unitBefore(text, start)
		if !ok || at < floor || !isLocalPartUnit(u) {
			break
		}
		start = at
	}
	return start
}
