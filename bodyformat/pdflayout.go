package bodyformat

import (
	"cmp"
	"math"
	"slices"
)

// Poppler lays a page's text out by where it is drawn, whatever the
// order it is drawn in: a number drawn second half first, further along
// the line, or a line gone back to after others, shows as one. The
// strings of a text (the uncompressed content streams of a page, read
// one after another: pdfPageSpans) are read in draw order, joined as
// pdfLine joins them; each run of it read joined is a pdfSeg, and before
// the text is handed on the runs are laid out (pdfScanner.layout).
// Sorted once by the direction of their baselines, runs whose directions
// follow one another within pdfDirGap (around the circle) share a
// direction and are placed in the frame of the first; sorted by baseline
// within it, runs whose baselines follow one another within half the
// larger font size share a baseline, as a viewer puts them on one line
// however many are drawn around it (a chain, measured between
// neighbours, not from the first); each baseline's runs are ordered
// along it. Blank runs (spaces only) are left out, as poppler makes no
// word of a space, and so are runs much smaller than the line's
// (pdfTiny); of runs drawn over one another (starting at one place) the
// line goes on with the one a reader sees, the larger font size and then
// the longer run; the runs left out are read in a line of their own. A
// line where two runs join (glued, or after a
// space when a gap stands between them) is read once more in that order.
// A text lays out at most maxPDFSegs runs; one with more fails closed
// (ErrMalformed), and so does one with a string drawn under a
// transformation not known (pdfLine.lost: a cm deeper than maxPDFSaved
// undone), which cannot be laid out.

// maxPDFSegs bounds the runs of one text laid out.
const maxPDFSegs = 1 << 15

// pdfSegBytes is what a run held is charged.
const pdfSegBytes = 80

// pdfDirGap is how far apart (in radians) the directions of two
// baselines may be and still be one direction: pdfLine.sep's bound
// (a sine of 1e-3).
const pdfDirGap = 1e-3

// pdfSeg is a run of a text read joined: the bytes view[from:to], the
// direction of its baseline (ang, radians), where that baseline stands
// across it (across), where along it the run starts and (at most) ends,
// and its font size, all in device space and the run's own direction;
// pc, p0 and p1 are across, a0 and a1 in the frame of the direction it is
// laid out in (set by layout). blank: its bytes show only space.
type pdfSeg struct {
	from, to   int32
	lost       bool
	blank      bool
	ang        float64
	across, a0 float64
	a1, size   float64
	pc, p0, p1 float64
}

// pdfRun is a run of text at a: its baseline direction and across,
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
		ang:    math.Atan2(uy, ux),
		lost:   at.lost,
		across: x0*uy - y0*ux,
		a0:     x0*ux + y0*uy,
		a1:     x1*ux + y1*uy,
		size:   math.Abs(at.size) * math.Hypot(d[2], d[3]),
	}
}

// pdfDirApart is how far direction b stands past a around the circle, in
// [0, 2π).
func pdfDirApart(a, b float64) float64 {
	d := b - a
	if d < 0 {
		d += 2 * math.Pi
	}
	return d
}

// pdfSameDir reports directions a and b within pdfDirGap of each other.
func pdfSameDir(a, b float64) bool {
	return min(pdfDirApart(a, b), pdfDirApart(b, a)) <= pdfDirGap
}

// piece records the string read last into the text, at view[from:], read
// after s: it starts a run when set apart, when it shows more than
// blanks after a blank run (a run is placed where the first of its
// strings that shows is drawn), or when it or the last run is much
// smaller than the other (pdfTiny: laid out apart), else goes on with the
// last.
func (sc *pdfScanner) piece(from int, s pdfSep) {
	if sc.inDict || sc.objects {
		return // a dictionary's strings and the objects' are read apart
	}
	to := int32(len(sc.t.view))
	run := pdfRun(sc.last)
	run.blank = pdfBlank(sc.t.view[min(from, int(to)):to])
	countReadingSteps(int(to) - from + 1)
	sc.segsOver = sc.segsOver || sc.last.lost
	if n := len(sc.segs); s != pdfSepApart && n > 0 && (run.blank || !sc.segs[n-1].blank) &&
		!pdfTiny(&run, &sc.segs[n-1]) && !pdfTiny(&sc.segs[n-1], &run) {
		g := &sc.segs[n-1]
		g.to = to
		g.lost = g.lost || run.lost
		if pdfSameDir(run.ang, g.ang) {
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

// pdfBlank reports bytes that show nothing but space.
func pdfBlank(b []byte) bool {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n', '\f', 0:
		default:
			return false
		}
	}
	return true
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
		if g := &segs[k]; !g.lost && g.to > g.from && !g.blank {
			order = append(order, int32(k))
		}
	}
	if len(order) < 2 {
		return nil
	}
	// by direction, around the circle from a gap wider than pdfDirGap
	// (or from anywhere when there is none): each stretch of directions
	// that follow one another within it is one direction
	pdfRadix(order, tmp, func(i int32) uint64 { return pdfOrdered(segs[i].ang) })
	n, from := len(order), 0
	for k := range n {
		if pdfDirApart(segs[order[(k+n-1)%n]].ang, segs[order[k]].ang) > pdfDirGap {
			from = k
			break
		}
	}
	countReadingSteps(n)
	tmp = tmp[:n]
	copy(tmp, order[from:])
	copy(tmp[n-from:], order[:from])
	copy(order, tmp)
	text := &pdfText{m: in.meter}
	defer func() { in.meter.release(text.charged) }()
	for k := 0; k < n; {
		e := k + 1
		for e < n && pdfDirApart(segs[order[e-1]].ang, segs[order[e]].ang) <= pdfDirGap {
			e++
		}
		countReadingSteps(e - k)
		if e-k > 1 {
			sc.layDirection(text, order[k:e], tmp)
		}
		k = e
	}
	if len(text.view) == 0 || in.meter.err != nil {
		return in.meter.err
	}
	return sc.read(text)
}

// layDirection lays out the runs of one direction: placed in the frame
// of the first, sorted by baseline, and each chain of baselines that
// follow one another within half the larger font size laid out as one
// line (layLine).
func (sc *pdfScanner) layDirection(text *pdfText, dir, tmp []int32) {
	segs := sc.segs
	ref := segs[dir[0]].ang
	rx, ry := math.Cos(ref), math.Sin(ref)
	for _, i := range dir {
		g := &segs[i]
		ux, uy := math.Cos(g.ang), math.Sin(g.ang)
		// the run's start in device space, then in the frame of ref
		x, y := g.a0*ux+g.across*uy, g.a0*uy-g.across*ux
		g.pc, g.p0 = x*ry-y*rx, x*rx+y*ry
		g.p1 = g.p0 + (g.a1 - g.a0)
	}
	countReadingSteps(len(dir))
	pdfRadix(dir, tmp, func(i int32) uint64 { return pdfOrdered(segs[i].pc) })
	for k := 0; k < len(dir); {
		e := k + 1
		for ; e < len(dir); e++ {
			p, q := &segs[dir[e-1]], &segs[dir[e]]
			eps := max(p.size, q.size) / 2
			if !(eps > 0) {
				eps = 1
			}
			if q.pc-p.pc >= eps {
				break
			}
		}
		countReadingSteps(e - k)
		if e-k > 1 {
			sc.layLine(text, dir[k:e], tmp)
		}
		k = e
	}
}

// pdfTinySize is how many times smaller than the runs around it a run
// is left out of the line they make (read in the line of runs set
// aside): text that small is no part of the line a reader sees.
const pdfTinySize = 8

// pdfTiny reports run a much smaller than run b (pdfTinySize); a run of
// no known font size is neither.
func pdfTiny(a, b *pdfSeg) bool {
	return a.size > 0 && b.size > 0 && a.size*pdfTinySize < b.size
}

// layLine adds to text the runs of one baseline, ordered along it, when
// two of them join: glued when one starts where the one before may end
// (at most pdfSpaceGap of its font size on), after a space when further
// on. The line goes on from run to run but for runs set aside: one much
// smaller than the run the line goes on with (pdfTiny), or than the next
// (then taken back out of the line), and of runs drawn over one another
// (one starting where the last the line goes on with starts) all but the
// one of the larger font size, then the longer. The runs set aside are
// read in order in a line of their own, where one drawn over the run
// before it is set apart.
func (sc *pdfScanner) layLine(text *pdfText, line, tmp []int32) {
	segs := sc.segs
	pdfRadix(line, tmp, func(i int32) uint64 { return pdfOrdered(segs[i].p0) })
	aside := make([]bool, len(line))
	var mains []int // the runs the line goes on with, by index in line
	asides := 0
	for k, i := range line {
		q := &segs[i]
		for n := len(mains); n > 0 && pdfTiny(&segs[line[mains[n-1]]], q); n-- {
			aside[mains[n-1]], mains = true, mains[:n-1]
			asides++
			countReadingSteps(1)
		}
		countReadingSteps(1)
		if n := len(mains); n > 0 {
			last := mains[n-1]
			p := &segs[line[last]]
			if pdfTiny(q, p) {
				aside[k] = true
				asides++
				continue
			}
			if q.p0-p.p0 <= 1e-3*max(p.size, 1) {
				// drawn over the run the line goes on with
				if q.size > p.size || q.size == p.size && q.to-q.from > p.to-p.from {
					aside[last], mains[n-1] = true, k
				} else {
					aside[k] = true
				}
				asides++
				continue
			}
		}
		mains = append(mains, k)
	}
	if len(mains) > 1 {
		sc.layRuns(text, line, aside, false)
	}
	if asides > 1 {
		sc.layRuns(text, line, aside, true)
	}
}

// layRuns adds to text the runs of line set aside (or not) as one line,
// when two of them join.
func (sc *pdfScanner) layRuns(text *pdfText, line []int32, aside []bool, set bool) {
	segs, view := sc.segs, sc.t
	seps := make([]pdfSep, len(line))
	joined, prev := false, -1
	for k, i := range line {
		if aside[k] != set {
			continue
		}
		if prev >= 0 {
			p, q := &segs[line[prev]], &segs[i]
			switch {
			case q.p0-p.p0 <= 1e-3*max(p.size, 1):
				seps[k] = pdfSepApart
			case p.size > 0 && q.p0-p.p1 > pdfSpaceGap*p.size:
				seps[k], joined = pdfSepSpace, true
			default:
				seps[k], joined = pdfSepGlued, true
			}
		}
		prev = k
	}
	countReadingSteps(len(line))
	if !joined {
		return
	}
	first := true
	for k, i := range line {
		if aside[k] != set {
			continue
		}
		if !first && seps[k] != pdfSepGlued {
			text.add(byte(seps[k]), -1, 0)
		}
		first = false
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
