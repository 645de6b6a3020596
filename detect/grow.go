package detect

// extrapolateFrom is how many items a buffer holds before grownLen sizes
// it from the rate so far rather than by doubling: fewer are too few to
// tell the rate of the whole text by.
const extrapolateFrom = 2048

// grownLen returns how many more items a buffer holding used items should
// make room for, when it is full at byte pos of an n-byte text and needs
// room for at least extra more. Past extrapolateFrom items it makes room
// for what the whole text needs at the rate so far, an eighth more for the
// uneven rest, so that a dense body's buffers grow once or twice instead
// of doubling a dozen times (each doubling copying and clearing all that
// came before). It never makes room for fewer than doubling would, nor,
// by extrapolation, for more than n items, which the text's own length
// bounds; and while the buffer still fits in keep items (what the scanner
// pool keeps), an extrapolation a little beyond keep (at most a quarter
// more) stops at keep, so that a guess too high does not cost the buffer
// its place in the pool. One far beyond keep is taken as it is: the text
// will not fit, and stopping at keep would only cost a buffer of keep
// items more, and its copy.
func grownLen(used, extra, pos, n, keep int) int {
	grow := used + extra
	if used >= extrapolateFrom && pos > 0 && pos < n {
		// used/pos items a byte over the n-pos bytes left, in 64 bits:
		// used and n are both lengths in memory
		more := int(int64(used) * int64(n-pos) / int64(pos))
		more += (used + more) / 8
		more = min(more, n)
		if used+grow <= keep && used+more <= keep+keep/4 {
			more = min(more, keep-used)
		}
		grow = max(grow, more+extra)
	}
	return grow
}
