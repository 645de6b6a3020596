package detect

// An Arena's chunks of findings are its largest memory (a finding is 72
// bytes, a body of dense records has one every 60 bytes or so): a body
// inspected whole is done with every finding carved for it once its
// result holds copies of those it keeps, and the next body carves the
// same chunks again (Recycle) instead of new ones. The chunks of bytes,
// which the masks of the copies still point into, are never recycled.

// maxRecycled bounds the chunks of findings an Arena keeps for Recycle
// (64 findings each: 590 KiB, a body of some 8000 findings); the chunks
// past it are left to the collector as before.
const maxRecycled = 128

// chunk returns an empty chunk of findings with room for n, one Recycle
// gave back when the last one given back has that room, else a new one;
// the chunk being replaced is kept for Recycle.
func (a *Arena) chunk(n int) []Finding {
	a.keepCarved()
	if k := len(a.free) - 1; k >= 0 && cap(a.free[k]) >= n {
		c := a.free[k]
		a.free[k] = nil
		a.free = a.free[:k]
		return c
	}
	return make([]Finding, 0, max(n, arenaFindings))
}

// keepCarved records the current chunk of findings, if any, among the
// carved ones, within maxRecycled chunks in all.
func (a *Arena) keepCarved() {
	if a.fs != nil && len(a.carved)+len(a.free) < maxRecycled {
		a.carved = append(a.carved, a.fs)
	}
	a.fs = nil
}

// Recycle makes the chunks of findings the arena has carved ready to be
// carved again, cleared (their strings let go). The caller must hold no
// finding carved from the arena any more: copies of findings are safe,
// since a finding's strings lie in no chunk of findings, and the chunks
// of bytes the masks are carved from are never recycled.
func (a *Arena) Recycle() {
	a.keepCarved()
	for k, c := range a.carved {
		clear(c)
		a.free = append(a.free, c[:0])
		a.carved[k] = nil
	}
	a.carved = a.carved[:0]
}
