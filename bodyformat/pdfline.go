package bodyformat

import "math"

// A viewer's text extraction (pdf.js getTextContent, poppler's
// TextOutputDev) puts strings on one line by where they are drawn, not by
// the operators between them: a string drawn on the baseline of the one
// drawn before it, and further along it, goes on with its line whatever
// stands between (ET … BT, q … Q, a colour, a graphics state, a render
// mode, marked content, a move up and back down, T* with a leading of 0).
// pdfLine follows the text position as they do: the text line matrix
// (BT sets it to the identity; Td, TD, T*, ', " and Tm move it), the font
// size and the leading, and which current transformation matrix the text
// is drawn under (a cm other than a move along x changes it, the Q that
// undoes such a cm changes it back).

// pdfLine is where the scan stands in the text of a line.
type pdfLine struct {
	joinable bool // nothing set the next string apart since the last one read
	inArray  bool // in an array (of TJ)
	// nums are the last numbers read (the latest last), nNums how many of
	// them came since the last operator
	nums  [6]float64
	nNums int
	// tm is the text line matrix (a b c d e f); size the font size (Tf),
	// leading the leading (TL, TD)
	tm            [6]float64
	size, leading float64
	// ctm names the current transformation matrix as far as it moves
	// baselines (a cm other than a move along x names a new one, ctms
	// counts the names given); qDepth is the depth of q … Q, saved the
	// name each q of the first maxPDFSaved saved, for its Q to restore;
	// deepCM: such a cm was made deeper than those
	ctm, ctms int
	qDepth    int
	saved     [maxPDFSaved]int
	deepCM    bool
	// moved: the text position was set since the last string read; last
	// is where that string was drawn
	moved bool
	last  pdfAt
}

// maxPDFSaved bounds the q … Q depth whose transformation Q restores
// exactly; deeper, a Q after a cm is taken to change it.
const maxPDFSaved = 64

// pdfAt is where a string is drawn: the direction of its baseline (a, b),
// its start (e, f), under which transformation (ctm).
type pdfAt struct {
	a, b, e, f float64
	ctm        int
}

// newPDFLine is the state at the start of a content stream: the text
// matrix the identity, as pdf.js starts it.
func newPDFLine() pdfLine {
	return pdfLine{tm: [6]float64{1, 0, 0, 1, 0, 0}}
}

// number reads a numeric operand.
func (l *pdfLine) number(v float64) {
	copy(l.nums[:], l.nums[1:])
	l.nums[5] = v
	l.nNums = min(l.nNums+1, len(l.nums))
}

// args returns the last n numbers given to the operator being read, or
// nil when it was given fewer (pdf.js skips it).
func (l *pdfLine) args(n int) []float64 {
	if l.nNums < n {
		return nil
	}
	return l.nums[len(l.nums)-n:]
}

// move is Td: the line matrix moved by (tx, ty) in text space.
func (l *pdfLine) move(tx, ty float64) {
	m := &l.tm
	m[4] += tx*m[0] + ty*m[2]
	m[5] += tx*m[1] + ty*m[3]
	l.moved = true
}

// operator applies content operator w to the text position and state.
func (l *pdfLine) operator(w string) {
	defer func() { l.nNums = 0 }()
	switch w {
	case "BT":
		l.tm, l.moved = [6]float64{1, 0, 0, 1, 0, 0}, true
	case "Td", "TD":
		if a := l.args(2); a != nil {
			if w == "TD" {
				l.leading = -a[1]
			}
			l.move(a[0], a[1])
		}
	case "T*", "'", "\"":
		l.move(0, -l.leading)
	case "Tm":
		if a := l.args(6); a != nil {
			copy(l.tm[:], a)
			l.moved = true
		}
	case "TL":
		if a := l.args(1); a != nil {
			l.leading = a[0]
		}
	case "Tf":
		if a := l.args(1); a != nil {
			l.size = a[0]
		}
	case "cm":
		// a move along x keeps every baseline where it was
		if a := l.args(6); a != nil && !(a[0] == 1 && a[1] == 0 && a[2] == 0 && a[3] == 1 && a[5] == 0) {
			l.ctms++
			l.ctm, l.moved = l.ctms, true
			l.deepCM = l.deepCM || l.qDepth > maxPDFSaved
		}
	case "q":
		if l.qDepth < maxPDFSaved {
			l.saved[l.qDepth] = l.ctm
		}
		l.qDepth++
	case "Q":
		if l.qDepth == 0 {
			return // pdf.js ignores a Q with nothing to restore
		}
		l.qDepth--
		was := l.ctm
		switch {
		case l.qDepth < maxPDFSaved:
			l.ctm, l.deepCM = l.saved[l.qDepth], false
		case l.deepCM:
			l.ctms++ // a cm made deeper than the saved ones may be undone
			l.ctm = l.ctms
		}
		l.moved = l.moved || l.ctm != was
	}
}

// read marks a string read (shown, or in top mode read where it stands)
// at the text position.
func (l *pdfLine) read() {
	l.last = pdfAt{a: l.tm[0], b: l.tm[1], e: l.tm[4], f: l.tm[5], ctm: l.ctm}
	l.moved = false
}

// joins reports whether a string read now goes on with the text before
// it: nothing set it apart, and it is drawn where the last string read
// was drawn (no move since), or further along that string's baseline
// under the same transformation: its start off that baseline by less
// than half the font size (1 unit when no font size was set), ahead of
// where the last string started (one drawn at or before it goes back
// over the line, as pdf.js ends a line there).
func (l *pdfLine) joins() bool {
	if !l.joinable {
		return false
	}
	if !l.moved {
		return true
	}
	p, m := l.last, l.tm
	if p.ctm != l.ctm {
		return false
	}
	u, pu := math.Hypot(m[0], m[1]), math.Hypot(p.a, p.b)
	if !(u > 0 && pu > 0) || math.Abs(m[0]*p.b-m[1]*p.a) > 1e-3*u*pu || m[0]*p.a+m[1]*p.b <= 0 {
		return false // a baseline in another direction
	}
	dx, dy := m[4]-p.e, m[5]-p.f
	along := (dx*m[0] + dy*m[1]) / u
	across := math.Abs(dx*m[1]-dy*m[0]) / u
	eps := 1.0
	if s := math.Abs(l.size) * math.Hypot(m[2], m[3]); s > 0 {
		eps = s / 2
	}
	return along > 0 && across < eps
}

// pdfStructure reports a word of the file's structure (not a content
// operator): the strings around it are of other objects.
func pdfStructure(w []byte) bool {
	switch string(w) {
	case "obj", "endobj", "stream", "endstream", "xref", "trailer", "startxref":
		return true
	}
	return false
}
