package bodyformat

import "math"

// A viewer's text extraction (pdf.js getTextContent, poppler's
// TextOutputDev) puts strings on one line by where they are drawn on the
// page, not by the operators between them: a string drawn on the device
// baseline of the one drawn before it, and further along it, goes on with
// its line whatever stands between (ET … BT, q … Q, a colour, a graphics
// state, a render mode, marked content, a move up and back down, a cm
// that a Td undoes). pdfLine follows the text position as they do, in
// device space: the text line matrix (BT sets it to the identity; Td,
// TD, T*, ', " and Tm move it), the current transformation matrix it is
// drawn under (cm, saved and restored by q … Q up to maxPDFSaved deep),
// the font size, the leading, the text rise (Ts), the horizontal scaling
// (Tz) and the character and word spacing (Tc, Tw).
//
// Glyph widths are not read (the fonts are not): a string is taken to
// advance at most one font size per byte (plus its spacing), so what a
// viewer draws glued is read glued; a string that starts further along
// than that by more than pdfSpaceGap of the font size, or after a TJ
// adjustment moving on by more than that, is read after a space, as
// pdf.js and poppler put a space there.

// pdfLine is where the scan stands in the text of a line.
type pdfLine struct {
	joinable bool // nothing set the next string apart since the last one read
	inArray  bool // in an array (of TJ)
	// nums are the last numbers read (the latest last), nNums how many of
	// them came since the last operator
	nums  [6]float64
	nNums int
	// tm is the text line matrix (a b c d e f); size the font size (Tf),
	// leading the leading (TL, TD), rise the text rise (Ts), scale the
	// horizontal scaling (Tz, 1 for 100), spacing Tc plus Tw where both
	// move on
	tm                   [6]float64
	size, leading, rise  float64
	scale, spacing, word float64
	// ctm is the current transformation matrix; qDepth the depth of
	// q … Q, saved the matrix each q of the first maxPDFSaved saved, for
	// its Q to restore (grown as deep as they go, and shared by the copy
	// a line carried over streams keeps); deepCM: a cm was made deeper than those; lost:
	// a Q undid such a cm, the matrix is not known (strings are read
	// joined until a Q restores a saved one)
	ctm    [6]float64
	qDepth int
	saved  [][6]float64
	deepCM bool
	lost   bool
	// moved: the text position was set since the last string read; adv
	// is how far (in text space, at most) the strings shown since the
	// line matrix was set take the text on; gap how far a TJ array's
	// numbers moved it on since the last string; last is where that
	// string was drawn, lastN its bytes
	moved bool
	adv   float64
	gap   float64
	last  pdfAt
	lastN int
}

// maxPDFSaved bounds the q … Q depth whose transformation Q restores
// exactly; deeper, a Q after a cm leaves it unknown (pdfLine.lost).
const maxPDFSaved = 64

// pdfSpaceGap is the gap, in font sizes, past which pdf.js puts a space
// between two strings of a line (its TRACKING_SPACE_FACTOR).
const pdfSpaceGap = 0.102

// pdfAt is where a string is drawn: the text line matrix under the
// transformation (d), the text rise and font size, how far the text was
// taken on from d's origin (text space, scaled) where it starts and (at
// most) where it ends, and whether the transformation was known.
type pdfAt struct {
	d                      [6]float64
	rise, size, start, end float64
	lost                   bool
}

// pdfIdentity is the identity matrix.
var pdfIdentity = [6]float64{1, 0, 0, 1, 0, 0}

// newPDFLine is the state at the start of a content stream: the text
// matrix and the transformation the identity, as pdf.js starts them.
func newPDFLine() pdfLine {
	return pdfLine{tm: pdfIdentity, ctm: pdfIdentity, scale: 1}
}

// pdfMul is the matrix product m × n of two affine matrices.
func pdfMul(m, n [6]float64) [6]float64 {
	return [6]float64{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// pdfPoint is the point (x, y) of text space under matrix d.
func pdfPoint(d [6]float64, x, y float64) (float64, float64) {
	return x*d[0] + y*d[2] + d[4], x*d[1] + y*d[3] + d[5]
}

// number reads a numeric operand; in a TJ array, an adjustment moving
// the text on (a negative one) by thousandths of the font size.
func (l *pdfLine) number(v float64) {
	copy(l.nums[:], l.nums[1:])
	l.nums[5] = v
	l.nNums = min(l.nNums+1, len(l.nums))
	if l.inArray {
		l.gap -= v / 1000
	}
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
	l.moved, l.adv = true, 0
}

// operator applies content operator w to the text position and state.
func (l *pdfLine) operator(w string) {
	defer func() { l.nNums, l.gap = 0, 0 }()
	switch w {
	case "BT":
		l.tm, l.moved, l.adv = pdfIdentity, true, 0
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
			l.moved, l.adv = true, 0
		}
	case "TL":
		if a := l.args(1); a != nil {
			l.leading = a[0]
		}
	case "Tf":
		if a := l.args(1); a != nil {
			l.size = a[0]
		}
	case "Ts":
		if a := l.args(1); a != nil {
			l.rise = a[0]
		}
	case "Tz":
		if a := l.args(1); a != nil {
			l.scale = a[0] / 100
		}
	case "Tc":
		if a := l.args(1); a != nil {
			l.spacing = a[0]
		}
	case "Tw":
		if a := l.args(1); a != nil {
			l.word = a[0]
		}
	case "cm":
		if a := l.args(6); a != nil {
			was := l.ctm
			l.ctm = pdfMul([6]float64(a), l.ctm)
			l.moved = l.moved || l.ctm != was
			l.deepCM = l.deepCM || l.qDepth > maxPDFSaved
		}
	case "q":
		switch {
		case l.qDepth < len(l.saved):
			l.saved[l.qDepth] = l.ctm
		case l.qDepth < maxPDFSaved:
			l.saved = append(l.saved, l.ctm)
		}
		l.qDepth++
	case "Q":
		if l.qDepth == 0 {
			return // pdf.js ignores a Q with nothing to restore
		}
		l.qDepth--
		was, lost := l.ctm, l.lost
		switch {
		case l.qDepth < len(l.saved): // below maxPDFSaved
			l.ctm, l.deepCM, l.lost = l.saved[l.qDepth], false, false
		case l.deepCM:
			l.lost = true // a cm made deeper than the saved ones may be undone
		}
		l.moved = l.moved || l.ctm != was || l.lost != lost
	}
}

// at is where a string drawn now stands, before it is shown.
func (l *pdfLine) at() pdfAt {
	return pdfAt{d: pdfMul(l.tm, l.ctm), rise: l.rise, size: l.size, start: l.adv, end: l.adv, lost: l.lost}
}

// read marks a string of n bytes read (shown, or in top mode read where
// it stands) at the text position: it starts after the TJ adjustment
// before it and ends at most a font size a byte on (and the spacing,
// horizontally scaled). A string of a TJ array takes the text on at once,
// another when an operator shows it (shown).
func (l *pdfLine) read(n int) {
	h := math.Abs(l.scale)
	start := l.adv + max(l.gap, 0)*math.Abs(l.size)*h
	l.last = l.at()
	l.last.start = start
	l.last.end = start + float64(n)*(math.Abs(l.size)+max(l.spacing, 0)+max(l.word, 0))*h
	l.moved, l.gap, l.lastN = false, 0, n
	if l.inArray {
		l.adv = l.last.end
	}
}

// shown is an operator showing the string read last: the text goes on
// where it ends.
func (l *pdfLine) shown() { l.adv = l.last.end }

// reread is read again of the last string after an operator showed it,
// when it moved the text to the next line first (' and ").
func (l *pdfLine) reread() {
	if l.moved {
		l.read(l.lastN)
	}
}

// pdfSep is how a string goes on from the one read before it.
type pdfSep byte

const (
	pdfSepApart pdfSep = '\n' // on another line
	pdfSepSpace pdfSep = ' '  // on the line, after a gap
	pdfSepGlued pdfSep = 0    // on the line, right after it
)

// joins reports whether a string read now goes on with the text before
// it (sep is not pdfSepApart).
func (l *pdfLine) joins() bool { return l.sep() != pdfSepApart }

// sep reports how a string read now goes on with the text before it.
// Apart when something set it apart; else glued when drawn under a
// transformation not known (fail closed); else apart when drawn on
// another device baseline (its start off the last string's by half the
// font size or more, 1 unit when no font size was set; in another
// direction; or at or before the start of the last string's line, as
// pdf.js ends a line there); else after a space when it starts further
// along than the last string ends by more than pdfSpaceGap font sizes
// (a TJ adjustment, a move along), else glued.
func (l *pdfLine) sep() pdfSep {
	if !l.joinable {
		return pdfSepApart
	}
	p := l.last
	if l.lost || p.lost {
		return pdfSepGlued
	}
	now := l.at()
	size := math.Abs(l.size) * math.Hypot(now.d[2], now.d[3])
	eps := 1.0
	if size > 0 {
		eps = size / 2
	}
	if !l.moved {
		// on from the last string: a rise lifts it off the line
		if math.Abs(l.rise-p.rise)*math.Hypot(now.d[2], now.d[3]) >= eps {
			return pdfSepApart
		}
		if l.gap > pdfSpaceGap && size > 0 {
			return pdfSepSpace
		}
		return pdfSepGlued
	}
	m, q := now.d, p.d
	u, pu := math.Hypot(m[0], m[1]), math.Hypot(q[0], q[1])
	if !(u > 0 && pu > 0) || math.Abs(m[0]*q[1]-m[1]*q[0]) > 1e-3*u*pu || m[0]*q[0]+m[1]*q[1] <= 0 {
		return pdfSepApart // a baseline in another direction
	}
	sx, sy := pdfPoint(q, 0, p.rise)
	nx, ny := pdfPoint(m, 0, l.rise)
	dx, dy := nx-sx, ny-sy
	along := (dx*m[0] + dy*m[1]) / u
	across := math.Abs(dx*m[1]-dy*m[0]) / u
	if along <= 0 || across >= eps {
		return pdfSepApart
	}
	// how far the last string ends, at most, along the baseline
	end := p.end * pu
	if size > 0 && along-end > pdfSpaceGap*size {
		return pdfSepSpace
	}
	return pdfSepGlued
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
