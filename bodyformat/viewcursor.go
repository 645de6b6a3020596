package bodyformat

// viewCursor gives the offset in the document of each byte of a markup
// view made of it through segs, in turn (rawOffset's, an aside's
// separator standing for the aside's first byte, and for the view's end
// the end of the last segment's text): the offsets changedWindows reads,
// worked out as they are asked for rather than held, four bytes a byte of
// the view. The bytes are asked for in order (at never goes back).
type viewCursor struct {
	segs []viewSeg
	k    int // the segment of the last byte asked for (or one before it)
	n    int // the length of the view
	end  int // the offset of the view's end
}

// newViewCursor returns the cursor of view through segs; ok is false when
// segs do not tile the view in order (a gap, or segments out of order).
func newViewCursor(view []byte, segs []viewSeg) (_ viewCursor, ok bool) {
	at, end := 0, 0
	for _, g := range segs {
		if int(g.view) != at {
			return viewCursor{}, false
		}
		at += int(g.pre) + int(g.n)
		if !g.synthetic {
			end = int(g.raw + g.n)
		}
	}
	return viewCursor{segs: segs, n: len(view), end: end}, at == len(view)
}

// at returns the offset in the document of byte j of the view (the
// view's end for j == its length); j is no less than the last asked for.
func (c *viewCursor) at(j int) int {
	if j >= c.n {
		return c.end
	}
	for int(c.segs[c.k].view)+int(c.segs[c.k].pre)+int(c.segs[c.k].n) <= j {
		c.k++
	}
	g := c.segs[c.k]
	if t := g.textAt(); j >= t && !g.synthetic {
		return int(g.raw) + j - t
	}
	return int(g.raw)
}

// changedViewWindows is changedWindows for a rendered markup view of
// text, its offsets given by c: the same windows, with no offset array.
func changedViewWindows(text, view []byte, c *viewCursor, ws []window) (_ []window, ok bool) {
	last := -1      // the end of the last window
	pj, po := -1, 0 // the last byte whose offset was asked for, and its offset
	for j := 0; j <= len(view); j++ {
		countReadingSteps(1)
		prev := -1
		if j > 0 {
			if pj == j-1 {
				prev = po
			} else {
				prev = c.at(j - 1)
			}
		}
		o := c.at(j)
		pj, po = j, o
		if !changedFrom(text, view, j, o, prev, true) {
			continue
		}
		if ws, j, last, ok = changedWindow(view, j, last, ws); !ok {
			return ws, false
		}
	}
	return ws, true
}
