package bodyformat

import (
	"cmp"
	"math"
	"slices"
)

// Poppler lays a page's text out by where it is drawn, whatever the
// order it is drawn in: a number drawn second half first, further along
// the line, or a line gone back to after others, shows as one. The
// strings of a text (a content stream, or a run of them that goes on
// with a line) are read in draw order, joined as pdfLine joins them;
// each run of it read joined is a pdfSeg, and before the text is handed
// on the runs are laid out (pdfScanner.layout): sorted by direction and
// baseline, those on one device baseline ordered along it, and a line
// where two runs join (glued, or after a space when a gap stands between
// them) is read once more in that order. A text lays out at most
// maxPDFSegs runs; one with more fails closed (ErrMalformed), and so does
// one with a string drawn under a transformation not known (pdfLine.lost:
// a cm deeper than maxPDFSaved undone), which cannot be laid out.

// maxPDFSegs bounds the runs of one text laid out.
const maxPDFSegs = 1 << 15

// pdfSegBytes is what a run held is charged.
const pdfSegBytes = 64

// pdfSeg is a run of a text read joined: the bytes view[from:to], the
// direction of its baseline (key), where that baseline stands across it
// (across), where along it the run starts and (at most) ends, and its
// font size, all in device space.
type pdfSeg struct {
	from, to   int32
	key        int32
	lost       bool
	across, a0 float64
	a1, size   float64
}

// pdfRun is a run of text at a: its baseline direction key and across,
// start and end along it, and font size in device space.
func pdfRun(at pdfAt) pdfSeg {
	d := at.d
	u := math.Hypot(d[0], d[1])
	if !(u > 0) {
		return pdfSeg{lost: true}
	}
	ux, uy := d[0]/u, d[1]/u
	x0, y0 := pdfPoint(d, at.start, at.rise)
	x1, y1 := pdfPoint(d, at.end, at.rise)
	return pdfSeg{
		key:    int32(math.Round(math.Atan2(uy, ux) * 1000)),
		lost:   at.lost,
		across: x0*uy - y0*ux,
		a0:     x0*ux + y0*uy,
		a1:     x1*ux + y1*uy,
		size:   math.Abs(at.size) * math.Hypot(d[2], d[3]),
	}
}

// piece records the string read last into the text, at view[from:], read
// after s: it starts a run when set apart, else goes on with the last.
func (sc *pdfScanner) piece(from int, s pdfSep) {
	if sc.inDict || sc.objects {
		return // a dictionary's strings and the objects' are read apart
	}
	to := int32(len(sc.t.view))
	run := pdfRun(sc.last)
	sc.segsOver = sc.segsOver || sc.last.lost
	if n := len(sc.segs); s != pdfSepApart && n > 0 {
		g := &sc.segs[n-1]
		g.to = to
		g.lost = g.lost || run.lost
		if run.key == g.key {
			g.a1 = max(g.a1, run.a1)
		}
		return
	}
	sc.newSeg(int32(from), to, run)
}

// newSeg starts a run of view[from:to].
func (sc *pdfScanner) newSeg(from, to int32, run pdfSeg) {
	if len(sc.segs) >= maxPDFSegs {
		sc.segsOver = true
		return
	}
	if len(sc.segs) == cap(sc.segs) {
		n := max(16, 2*cap(sc.segs))
		if sc.in.meter.reserve(int64(n)*pdfSegBytes) != nil {
			return // the inspection fails (the meter keeps the error)
		}
		sc.segsCharged += int64(n) * pdfSegBytes
		sc.segs = append(make([]pdfSeg, 0, n), sc.segs...)
	}
	run.from, run.to = from, to
	sc.segs = append(sc.segs, run)
}

// layout reads the lines of the text where runs drawn apart join when
// laid out by position (see above).
func (sc *pdfScanner) layout() error {
	if sc.segsOver {
		return malformed("PDF text in too many runs, or under too deep a transformation, to lay out", nil)
	}
	segs := sc.segs
	if len(segs) < 2 {
		return nil
	}
	in := sc.in
	if err := in.meter.reserve(int64(len(segs)) * 8); err != nil {
		return err
	}
	defer in.meter.release(int64(len(segs)) * 8)
	order, tmp := make([]int32, 0, len(segs)), make([]int32, len(segs))
	for k := range segs {
		if g := &segs[k]; !g.lost && g.to > g.from {
			order = append(order, int32(k))
		}
	}
	countReadingSteps(len(segs))
	// by direction, then baseline (stable sorts, the last key first)
	pdfRadix(order, tmp, func(i int32) uint64 { return pdfOrdered(segs[i].across) })
	pdfRadix(order, tmp, func(i int32) uint64 { return uint64(uint32(segs[i].key) ^ 1<<31) })
	text := &pdfText{m: in.meter}
	defer func() { in.meter.release(text.charged) }()
	for k := 0; k < len(order); {
		first := &segs[order[k]]
		eps := 1.0
		if first.size > 0 {
			eps = first.size / 2
		}
		e := k + 1
		for e < len(order) && segs[order[e]].key == first.key && segs[order[e]].across-first.across < eps {
			e++
		}
		countReadingSteps(e - k)
		if e-k > 1 {
			sc.layLine(text, order[k:e], tmp)
		}
		k = e
	}
	if len(text.view) == 0 || in.meter.err != nil {
		return in.meter.err
	}
	return sc.read(text)
}

// layLine adds to text the runs of one baseline, ordered along it, when
// two of them join: glued when one starts where the one before may end
// (at most pdfSpaceGap of its font size on), after a space when further
// on, apart when it starts where the one before starts (drawn over it).
func (sc *pdfScanner) layLine(text *pdfText, line, tmp []int32) {
	segs, view := sc.segs, sc.t
	pdfRadix(line, tmp, func(i int32) uint64 { return pdfOrdered(segs[i].a0) })
	seps := make([]pdfSep, len(line))
	joined := false
	for k := 1; k < len(line); k++ {
		p, q := &segs[line[k-1]], &segs[line[k]]
		switch {
		case q.a0-p.a0 <= 1e-3*max(p.size, 1):
			seps[k] = pdfSepApart
		case p.size > 0 && q.a0-p.a1 > pdfSpaceGap*p.size:
			seps[k], joined = pdfSepSpace, true
		default:
			seps[k], joined = pdfSepGlued, true
		}
	}
	if !joined {
		return
	}
	for k, i := range line {
		if k > 0 && seps[k] != pdfSepGlued {
			text.add(byte(seps[k]), -1, 0)
		}
		g := &segs[i]
		for b := g.from; b < g.to; b++ {
			text.add(view.view[b], int(view.src[b]), int(view.aux[b]))
		}
		countReadingSteps(int(g.to - g.from))
	}
	text.add('\n', -1, 0)
}

// keepSegs keeps the runs of view[cut:], moved to its start, and forgets
// the others.
func (sc *pdfScanner) keepSegs(cut int) {
	n := 0
	for _, g := range sc.segs {
		if int(g.to) <= cut {
			continue
		}
		g.from, g.to = max(g.from, int32(cut))-int32(cut), g.to-int32(cut)
		sc.segs[n] = g
		n++
	}
	countReadingSteps(len(sc.segs))
	sc.segs = sc.segs[:n]
}

// pdfOrdered maps a number to one ordered as it is among unsigned ones.
func pdfOrdered(f float64) uint64 {
	b := math.Float64bits(f)
	if b>>63 == 1 {
		return ^b
	}
	return b | 1<<63
}

// pdfRadix sorts idx stably by key, in steps linear in its length (a
// radix sort a byte at a time; a short one by insertion), with tmp (as
// long at least) to work in.
func pdfRadix(idx, tmp []int32, key func(int32) uint64) {
	if len(idx) < 32 {
		slices.SortStableFunc(idx, func(a, b int32) int {
			countReadingSteps(1)
			return cmp.Compare(key(a), key(b))
		})
		return
	}
	tmp = tmp[:len(idx)]
	for shift := 0; shift < 64; shift += 8 {
		var count [257]int
		for _, i := range idx {
			count[(key(i)>>shift)&0xff+1]++
		}
		countReadingSteps(len(idx))
		if count[(key(idx[0])>>shift)&0xff+1] == len(idx) {
			continue // one byte for all: in order already
		}
		for b := 1; b < len(count); b++ {
			count[b] += count[b-1]
		}
		for _, i := range idx {
			d := (key(i) >> shift) & 0xff
			tmp[count[d]] = i
			count[d]++
		}
		copy(idx, tmp)
		countReadingSteps(len(idx))
	}
}
