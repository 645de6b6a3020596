package bodyformat

import (
	"bytes"
	"errors"
	"io"
	"iter"
	"math"
	"strconv"
	"strings"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A PDF shows the text of its string operands: literal strings ( … ), with
// the escapes \n \( \) \\ and \ddd, and hex strings < … >, in its content
// streams (a page's Tj and TJ) and in its objects (a title, an annotation,
// a form field's value). A body is read so, whatever its type says, when it
// is shaped like a PDF (pdfFile): the strings of one line of text are
// joined (a number drawn (138) Tj 5 0 Td (1234) Tj reads as one), strings
// apart are read apart (pdfRegion). What is found in an uncompressed string
// is masked in place with bytes of the same length (an escape by an escape
// of the same width, a hex digit pair by a pair), so the file keeps its
// length and its cross-reference offsets stay valid. A stream under the
// filters a viewer decodes (pdfFilters: FlateDecode and LZWDecode with
// their predictors, ASCIIHexDecode, ASCII85Decode, RunLengthDecode) is
// decoded within the limits of a content coding and read the same way (an
// image's only for the strings an operator shows); what is found there
// cannot be masked without rewriting the stream and every offset after it,
// so in Redact mode the body fails closed (ErrMalformed). The data of an
// attached file (/Type /EmbeddedFile) and of XMP metadata (/Type /Metadata)
// is read as text, decoded, and fails closed the same way. Streams under
// image filters or Crypt are not read, and neither is the text of fonts
// whose codes are not the characters (CID fonts without a ToUnicode map, as
// Chinese PDFs often use).

// FormatPDF is Result.Format for a body that is a PDF.
const FormatPDF = "pdf"

// pdfFile reports whether b is shaped like a PDF: its header (pdfHeader)
// and an object in it ("endobj", or "n 0 obj" in a file cut short). Text
// that only names the header is no PDF.
func pdfFile(b []byte) bool {
	return pdfHeader(b) && (bytes.Contains(b, []byte("endobj")) || bytes.Contains(b, []byte(" 0 obj")))
}

// pdfHeader reports whether the first 1024 bytes of b hold a PDF header
// (as viewers look for it): "%PDF-" and a version d.d, at the start of b
// or of a line.
func pdfHeader(b []byte) bool {
	b = b[:min(len(b), 1024)]
	for k := 0; k < len(b); {
		at := bytes.Index(b[k:], []byte("%PDF-"))
		if at < 0 {
			return false
		}
		at += k
		v := b[at+5:]
		if (at == 0 || b[at-1] == '\n' || b[at-1] == '\r') && len(v) >= 3 &&
			v[0] >= '0' && v[0] <= '9' && v[1] == '.' && v[2] >= '0' && v[2] <= '9' {
			return true
		}
		k = at + 5
	}
	return false
}

// errPDFCompressed: personal data inside a compressed PDF stream.
var errPDFCompressed = errors.New("personal data in a compressed PDF stream")

// errPDFCarried: personal data in strings an image-labelled stream ends
// with and the next stream shows.
var errPDFCarried = errors.New("personal data in a PDF string the next content stream shows")

// errPDFAttached: personal data in a file attached to a PDF or in its
// XMP metadata.
var errPDFAttached = errors.New("personal data in a PDF's attached file or metadata")

// pdfText is the text of a PDF region's strings, joined, with where each
// byte of it came from.
type pdfText struct {
	view []byte
	// src is, for each byte of view, the offset in the region of its
	// first source byte, or -1 for a separator
	src []int32
	// aux is, for each byte of view, the width of its escape (1: a plain
	// byte, 2 to 4: \d, \dd, \ddd), or for a hex string, minus one minus
	// the offset of its low hex digit; 0 for a two-byte escape \e
	aux []int32
	m   *meter // charged as the arrays grow
	// charged is what the arrays were charged
	charged int64
	// base is added to the offsets of what is added: the offset in the
	// file of the stream data being read into it
	base int
	// lineAt is where the last line begins: after the last separator
	lineAt int
	// decoded: what is added comes from a stream's decoded data (a
	// compressed form a page draws), which no mask can reach: its bytes
	// are marked pdfDecodedSrc
	decoded bool
}

// pdfDecodedSrc is the src of a byte of a pdfText read from decoded
// data: a finding over it cannot be masked in place (pdfMaskable).
const pdfDecodedSrc = -2

// add appends byte b of the view; its arrays grow by doubling, each
// new one charged to the meter before it is made.
func (t *pdfText) add(b byte, src, aux int) {
	if len(t.view) == cap(t.view) {
		n := max(256, 2*cap(t.view))
		if t.m.reserve(int64(n)*9) != nil {
			return // the inspection fails (the meter keeps the error)
		}
		t.charged += int64(n) * 9
		t.view = append(make([]byte, 0, n), t.view...)
		t.src = append(make([]int32, 0, n), t.src...)
		t.aux = append(make([]int32, 0, n), t.aux...)
	}
	switch {
	case t.decoded && src >= 0:
		src, aux = pdfDecodedSrc, 1
	case src >= 0:
		src += t.base
		if aux < 0 {
			aux -= t.base
		}
	}
	t.view = append(t.view, b)
	t.src = append(t.src, int32(src))
	t.aux = append(t.aux, int32(aux))
	if b == '\n' && src == -1 {
		t.lineAt = len(t.view)
	}
}

// sep puts the separator of a string read after s before it: a line's
// end when it is set apart (and the text does not end a line), a space
// after a gap.
func (t *pdfText) sep(s pdfSep) {
	if s == pdfSepGlued || len(t.view) == 0 || t.view[len(t.view)-1] == '\n' {
		return
	}
	t.add(byte(s), -1, 0)
}

// insertSep puts a separator before byte at of the view, the bytes from
// there moved on by one.
func (t *pdfText) insertSep(at int) {
	n := len(t.view)
	if at <= 0 || at > n || t.view[at-1] == '\n' {
		return
	}
	if t.add('\n', -1, 0); len(t.view) == n {
		return // the meter refused
	}
	copy(t.view[at+1:], t.view[at:n])
	copy(t.src[at+1:], t.src[at:n])
	copy(t.aux[at+1:], t.aux[at:n])
	t.view[at], t.src[at], t.aux[at] = '\n', -1, 0
	t.lineAt = at + 1 // the separators before it all stand before at
	countReadingSteps(n - at + 1)
}

// pdf inspects a PDF and returns it masked in place, or nil when nothing
// changed.
func (in *inspector) pdf(b []byte, hint detect.CategorySet, nest int) ([]byte, error) {
	var out []byte
	err := in.pdfRegion(b, true, hint, nest, func(text *pdfText) error {
		fs := in.find(text.view, hint)
		if len(fs) == 0 || in.mode != Redact {
			return nil
		}
		if !pdfMaskable(text, fs) {
			return malformed(errPDFCompressed.Error(), nil)
		}
		if out == nil {
			if err := in.meter.reserve(int64(len(b))); err != nil {
				return err
			}
			out = bytes.Clone(b)
		}
		for _, f := range fs {
			pdfMask(out, text, f)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// pdfRegion reads the strings of region b (the file, or a stream's
// decoded data) and hands the joined text to read in pieces: the file's
// strings and those of its uncompressed streams (streams, read only in
// the file: a stream holds none) in one text, handed on before each
// stream of another page than the streams before it (pdfPageSpans; but
// the line it goes on with, when it goes on with one), so the text held
// is bounded by a page's streams; a decoded stream's strings are read
// apart.
// Each byte is looked at a bounded number of times: a string, a
// stream's data and its dictionary are scanned once each, and the scan
// goes on past them.
//
// Strings are joined as a viewer's text extraction puts them on a line:
// those of one TJ array, and a string with the one shown before it (Tj,
// TJ, ' or ") when it is drawn on that one's baseline further along it
// (pdfLine), whatever content operators stand between; a string on
// another baseline or drawn back over the last one's start, a string no
// operator shows before the next string, or in the file's objects a
// dictionary or an object keyword sets them apart. A content stream's
// dictionaries have their strings read apart (readDict).
func (in *inspector) pdfRegion(b []byte, streams bool, hint detect.CategorySet, nest int, read func(*pdfText) error) error {
	return in.pdfRegionShown(b, streams, false, nil, hint, nest, read)
}

// pdfRegionShown is pdfRegion, reading only the strings an operator
// shows (Tj, TJ, ', ") when shownOnly, its operands kept as pdf.js keeps
// them (pdfOperands) on stack, the page's (pdfLeave): an image's samples
// are no text, but a content stream labelled an image is still read.
func (in *inspector) pdfRegionShown(b []byte, streams, shownOnly bool, stack *pdfOperands, hint detect.CategorySet, nest int, read func(*pdfText) error) error {
	sc := in.newPDFScanner(shownOnly, stack, hint, nest, read)
	defer func() { in.meter.release(sc.t.charged + sc.segsCharged + sc.formsHeld) }() // the view is read through
	return sc.run(b, streams)
}

// newPDFScanner is the scanner of a region (pdfRegionShown), handing its
// text to read.
func (in *inspector) newPDFScanner(shownOnly bool, stack *pdfOperands, hint detect.CategorySet, nest int, read func(*pdfText) error) *pdfScanner {
	sc := &pdfScanner{in: in, hint: hint, nest: nest, t: &pdfText{m: in.meter}, shownOnly: shownOnly, stack: stack, read: read, pdfLine: newPDFLine()}
	sc.flush = func() error {
		t := sc.t
		if len(t.view) == 0 || in.meter.err != nil {
			return in.meter.err
		}
		err := sc.layout()
		sc.segs = sc.segs[:0]
		if err == nil {
			err = read(t)
		}
		t.view, t.src, t.aux, t.lineAt = t.view[:0], t.src[:0], t.aux[:0], 0
		return err
	}
	return sc
}

// run scans b (its streams too when streams) and hands on the text left.
func (sc *pdfScanner) run(b []byte, streams bool) error {
	if err := sc.scan(b, streams); err != nil {
		return err
	}
	return sc.flush()
}

// pdfScanner reads a region's strings into one text (pdfRegion).
type pdfScanner struct {
	in    *inspector
	hint  detect.CategorySet
	nest  int
	t     *pdfText
	flush func() error // hands the text to the reader and empties it
	read  func(*pdfText) error
	// inDict: the scan reads the strings of a content stream's
	// dictionary (readDict)
	inDict bool
	// str is the string read last into the text, when no operator came
	// since: where it starts, whether it was read joined, and where the
	// string before it was drawn (nextLine)
	str struct {
		at     int
		joined bool
		sep    pdfSep
		prev   pdfAt
		// pending: it is laid out when an operator shows it (piece)
		pending bool
	}
	pdfLine
	// segs are the runs of the text read joined, to lay out before it is
	// handed on (layout); segsOver: more came than maxPDFSegs, or one
	// was drawn under a transformation not known;
	// segsCharged is what their array was charged
	segs        []pdfSeg
	segsOver    bool
	segsCharged int64
	// arrayGap is how far (in font sizes) the numbers of an array whose
	// strings go on the operand stack moved the text on since its last
	// string (arraySep)
	arrayGap float64
	// objects: the scan reads the file's objects (no content stream), whose
	// strings are not laid out
	objects bool
	// carry is the line where the last uncompressed stream ended, when
	// it ended within a line of text (a page's text split over two
	// content streams) and no string was read since
	carry   pdfLine
	carried bool
	// pages are the stretches of the file its pages' content streams lie
	// in (pdfPageSpans, found when first needed: pagesRead); page is one
	// more than the index of the page of the text's last stream whose
	// page is known, 0 for none
	pages     pdfPages
	pagesRead bool
	page      int
	// shownOnly: only the strings an operator shows are read, the
	// operands kept as pdf.js keeps them (ops, pdfOperands)
	shownOnly bool
	ops       *pdfOperands
	// longEnd is where the object of the last stream read past its first
	// "endstream" ends (pdfLongData)
	longEnd int
	// stack is pdf.js's operand stack over the content streams read
	// since the first image-labelled one (pdfLeave): the strings those
	// leave on it a later stream may still show
	stack *pdfOperands
	// file is the file read (the region scanned with its streams);
	// name the name read last in a content stream (of /Fm1 Do);
	// formDepth how deep forms are being drawn, formRead the bytes of
	// forms drawn so far (drawForm)
	file      []byte
	name      []byte
	formDepth int
	formRead  int64
	// formDecoded is what the compressed forms drawn decoded to (each
	// once), formsHeld what of it is held (drawForm)
	formDecoded, formsHeld int64
	// lengths are the file's integer objects, the /Length references of
	// its streams resolve to (pdfLengthObjects), found when first needed
	lengths map[[2]int]int
}

// scan reads the strings of b into the scanner's text, and those of its
// streams when streams.
func (sc *pdfScanner) scan(b []byte, streams bool) error {
	in, hint, nest, top := sc.in, sc.hint, sc.nest, sc.t
	objStart := 0
	objects := sc.objects
	sc.objects = streams
	if streams {
		sc.file = b
	}
	defer func() { sc.objects = objects }()
	ops := sc.ops
	if sc.shownOnly {
		if sc.stack == nil {
			sc.stack = &pdfOperands{}
		}
		ops = sc.stack
		ops.scratch, ops.arrayFrom, ops.holds = &pdfText{m: in.meter, base: top.base, decoded: top.decoded}, -1, 0
		sc.ops = ops
		defer func() {
			in.pdfLeave(ops, hint) // no stretch of the scratch stays on the stack
			in.meter.release(ops.scratch.charged)
			ops.scratch, ops.arrayFrom, sc.ops = nil, -1, nil
		}()
	}
	operand := func(p pdfOperand) {
		if ops != nil && ops.arrayFrom < 0 {
			ops.push(p)
		}
	}
	sep := func(s pdfSep) {
		top.sep(s)
		if streams {
			sc.carried = false // a string of the file, between streams
		}
	}
	for i := 0; i < len(b); {
		countReadingSteps(1)
		c := b[i]
		switch {
		case c == '%':
			j := i
			for j < len(b) && b[j] != '\n' && b[j] != '\r' {
				j++
			}
			countReadingSteps(j - i)
			i = j
		case c == '<' && ops != nil && i+1 < len(b) && b[i+1] == '<':
			i = pdfSkipDict(b, i) // one operand, its strings none shown
			operand(pdfOperand{-1, -1})
		case c == '(' && ops != nil:
			sc.arraySep()
			at := int32(len(ops.scratch.view))
			i = pdfLiteral(b, i, ops.scratch)
			operand(pdfOperand{at, int32(len(ops.scratch.view))})
		case c == '<' && ops != nil && (i+1 >= len(b) || b[i+1] != '<'):
			sc.arraySep()
			at := int32(len(ops.scratch.view))
			i = pdfHex(b, i, ops.scratch)
			operand(pdfOperand{at, int32(len(ops.scratch.view))})
		case c == '[' && ops != nil:
			ops.arrayFrom, sc.arrayGap = int32(len(ops.scratch.view)), 0
			i++
		case c == ']' && ops != nil:
			if from := ops.arrayFrom; from >= 0 {
				ops.arrayFrom = -1
				if to := int32(len(ops.scratch.view)); to > from {
					operand(pdfOperand{from, to})
				} else {
					operand(pdfOperand{-1, -1})
				}
			}
			i++
		case c == '(':
			sc.readString(sep)
			i = pdfLiteral(b, i, top)
			sc.stringRead()
		case c == '<' && i+1 < len(b) && b[i+1] == '<' && !streams && !sc.inDict:
			// a content stream's dictionary (marked content's properties):
			// its strings read apart, the line going on around it
			end := pdfSkipDict(b, i)
			if err := sc.readDict(b[i:end], i); err != nil {
				return err
			}
			i = end
		case c == '<' && i+1 < len(b) && b[i+1] == '<':
			sc.joinable, sc.inArray = false, false
			i += 2
		case c == '<':
			sc.readString(sep)
			i = pdfHex(b, i, top)
			sc.stringRead()
		case c == '[':
			sc.inArray = true
			i++
		case c == ']':
			sc.inArray = false
			i++
		case c == '/':
			j := i + 1 // a name (a font's, /F1 12 Tf): same run
			for j < len(b) && isPDFRegular(b[j]) {
				j++
			}
			countReadingSteps(j - i)
			operand(pdfOperand{-1, -1})
			if !streams {
				sc.name = b[i+1 : j]
			}
			i = j
		case pdfNumeric(c):
			j := i
			for j < len(b) && pdfNumeric(b[j]) {
				j++
			}
			countReadingSteps(j - i)
			sc.number(pdfNumber(b[i:j]))
			if ops != nil && ops.arrayFrom >= 0 {
				sc.arrayGap -= pdfNumber(b[i:j]) / 1000
			}
			operand(pdfOperand{-1, -1})
			i = j
		case isPDFRegular(c):
			j := i
			if streams {
				for j < len(b) && isPDFRegular(b[j]) {
					j++
				}
				countReadingSteps(j - i)
				if n := pdfShowPrefix(b[i:j]); n > 0 {
					j = i + n
				}
			} else {
				j = pdfOpWord(b, i) // "(…)TjET": pdf.js's lexer ends a word at an operator it knows
			}
			word := b[i:j]
			if ops != nil {
				if sc.ops.arrayFrom >= 0 {
					i = j // a word in an array: an element
					continue
				}
				switch string(word) {
				case "true", "false":
					operand(pdfOperand{-1, -1})
					i = j
					continue
				case "null":
					i = j
					continue
				case "BI": // an inline image: one operand, its data none
					i = pdfSkipInlineImage(b, j)
					operand(pdfOperand{-1, -1})
					continue
				}
			}
			if !streams && !sc.inDict && string(word) == "Do" && sc.name != nil {
				// a form the page draws, read here (pdfforms.go), from an
				// image-labelled stream too (pdf.js reads it as content)
				if err := sc.drawForm(sc.name); err != nil {
					return err
				}
			}
			sc.name = nil
			// the text position as a viewer follows it (pdfLine); ' and "
			// move to the next line before they show
			sc.operator(string(word))
			if ops != nil {
				// the strings an operator that shows takes are read (pdf.js
				// keeps an operand no operator takes, over unknown operators
				// and those given more than they take, for the next one short
				// of its own)
				taken := ops.operator(word)
				if pdfShows(word) {
					sc.show(taken)
				}
			}
			switch {
			case pdfShows(word):
				split := ops == nil && (word[0] == '\'' || word[0] == '"') && sc.nextLine()
				sc.joinable, sc.inArray = true, false
				sc.reread()
				sc.shown()
				if sc.str.pending {
					// the string shown is laid out where it is drawn
					if split {
						sc.piece(sc.str.at+1, pdfSepApart)
					} else {
						sc.piece(sc.str.at, sc.str.sep)
					}
				}
			case pdfTextState(word):
				// along the line or restyled: where the next string is
				// drawn decides (pdfLine.joins)
			case !streams && !pdfStructure(word):
				// a content operator, known or not (BT, ET, q, Q, cm, a
				// colour, gs, Tr, marked content, a path): viewers put
				// strings on lines by where they are drawn, not by it
			case string(word) == "obj":
				objStart = j
				sc.joinable, sc.inArray = false, false
			case string(word) == "stream":
				sc.joinable, sc.inArray = false, false
				if !streams {
					break
				}
				end, err := in.pdfStream(b, objStart, j, hint, nest, sc)
				if err != nil {
					return err
				}
				j, objStart = end, end
			default:
				sc.joinable, sc.inArray = false, false
			}
			sc.str.joined, sc.str.pending = false, false
			i = j
		default:
			i++ // white space, numbers and other delimiters: same run
		}
	}
	return nil
}

// arraySep is a string of an array whose strings go on the operand stack
// (one operand, shown by TJ): after a number moving the text on by more
// than pdfSpaceGap of the font size, it is read after a space.
func (sc *pdfScanner) arraySep() {
	ops := sc.ops
	if ops.arrayFrom >= 0 && sc.arrayGap > pdfSpaceGap && int(ops.arrayFrom) < len(ops.scratch.view) {
		ops.scratch.add(' ', -1, 0)
	}
	sc.arrayGap = 0
}

// show reads the strings of the operands an operator that shows takes
// into the text, from the scratch text they were read into.
func (sc *pdfScanner) show(taken []pdfOperand) {
	top, from := sc.t, sc.ops.scratch
	base := top.base
	top.base = 0 // the scratch's offsets are the file's already
	for _, p := range taken {
		if p.start < 0 {
			continue
		}
		s := sc.sep()
		top.sep(s)
		at := len(top.view)
		for k := p.start; k < p.end; k++ {
			top.add(from.view[k], int(from.src[k]), int(from.aux[k]))
		}
		countReadingSteps(int(p.end - p.start))
		sc.joinable = true
		sc.pdfLine.read(int(p.end - p.start))
		sc.shown()
		sc.piece(at, s)
	}
	top.base = base
}

// flushHead hands the reader the lines of the text before its last one
// (which a stream read on with may go on with) and keeps that line, when
// they are at least as long as it: the text held stays bounded by a line
// and a stream's text, and each byte is moved at most once for every byte
// handed on.
func (sc *pdfScanner) flushHead() error {
	t := sc.t
	cut := t.lineAt
	if cut == 0 || cut < len(t.view)-cut || sc.in.meter.err != nil {
		return sc.in.meter.err
	}
	if err := sc.layout(); err != nil {
		return err
	}
	if err := sc.read(&pdfText{view: t.view[:cut], src: t.src[:cut], aux: t.aux[:cut], m: t.m}); err != nil {
		return err
	}
	sc.keepSegs(cut)
	n := copy(t.view, t.view[cut:])
	copy(t.src, t.src[cut:])
	copy(t.aux, t.aux[cut:])
	t.view, t.src, t.aux, t.lineAt = t.view[:n], t.src[:n], t.aux[:n], 0
	countReadingSteps(n + 1)
	return nil
}

// readString is called before a string is read into the text (sep sets
// it apart when it is not joined, or after a space), and keeps what
// nextLine needs.
func (sc *pdfScanner) readString(sep func(pdfSep)) {
	s := sc.sep()
	sc.str.joined, sc.str.sep, sc.str.prev = s != pdfSepApart, s, sc.last
	sep(s)
	sc.str.at = len(sc.t.view)
}

// stringRead is called after a string was read into the text: it is
// marked read where it is drawn, its run recorded.
func (sc *pdfScanner) stringRead() {
	sc.joinable = sc.inArray
	sc.pdfLine.read(len(sc.t.view) - sc.str.at)
	sc.str.pending = !sc.inArray
	if sc.inArray {
		sc.piece(sc.str.at, sc.str.sep) // TJ shows it
	}
}

// nextLine is ' or " shown with the string read last (read where it
// stood before the move to the next line they make first): that string
// is set apart from the text before it when the move takes it off the
// line. It reports whether it was.
func (sc *pdfScanner) nextLine() bool {
	if !sc.str.joined {
		return false
	}
	last, joinable := sc.last, sc.joinable
	sc.last, sc.joinable = sc.str.prev, true
	joins := sc.joins()
	sc.last, sc.joinable = last, joinable
	if joins {
		return false
	}
	n := len(sc.t.view)
	sc.t.insertSep(sc.str.at)
	return len(sc.t.view) > n
}

// readDict reads the strings of a content stream's dictionary d, at
// b[at:] of the region, apart into a text of their own, handed to the
// reader as it is read: they are no text of the line around them.
// Dictionaries nested in it are read in the same scan.
func (sc *pdfScanner) readDict(d []byte, at int) error {
	in := sc.in
	side := &pdfText{m: in.meter, base: sc.t.base + at, decoded: sc.t.decoded}
	sub := pdfScanner{in: in, hint: sc.hint, nest: sc.nest, t: side, inDict: true, pdfLine: newPDFLine()}
	err := sub.scan(d, false)
	if err == nil && in.meter.err == nil && len(side.view) > 0 {
		err = sc.read(side)
	}
	in.meter.release(side.charged)
	if err == nil {
		err = in.meter.err
	}
	return err
}

// pdfNumeric reports a character of a PDF number.
func pdfNumeric(c byte) bool { return c >= '0' && c <= '9' || c == '.' || c == '+' || c == '-' }

// pdfNumber returns the value of a PDF number, or 0 for what is none.
func pdfNumber(w []byte) float64 {
	if len(w) > 32 {
		return 0
	}
	v, err := strconv.ParseFloat(string(w), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0
	}
	return v
}

// pdfDecode decodes a stream's data through its filters (pdfFilters),
// in order, undoing each compression filter's predictor (parms, one a
// filter) after it. A stream broken part way is read up to the fault, as
// lenient viewers show it.
func (in *inspector) pdfDecode(data []byte, filters []string, parms []pdfParms) ([]byte, error) {
	for k, f := range filters {
		var err error
		switch f {
		case "ASCIIHexDecode", "AHx":
			data, err = asciiHexDecode(data, in.meter)
		case "ASCII85Decode", "A85":
			data, err = in.pdfRead(newASCII85Reader(data), "ASCII85", len(data), 0)
		case "RunLengthDecode", "RL":
			data, err = in.pdfRead(&runLengthReader{b: data}, "RunLength", len(data), 0)
		case "LZWDecode", "LZW":
			data, err = in.pdfRead(newLZWReader(data, parms[k].early), "LZW", len(data), lzwCost)
			data = unpredict(data, parms[k])
		case "BrotliDecode", "Br":
			data, _, err = decodeChain(data, []string{"br"}, decodedBound(int64(len(data)), in.lim), in.lim, in.meter, false)
			if de := (*decodeError)(nil); err != nil && errors.As(err, &de) {
				err = nil
			}
			data = unpredict(data, parms[k])
		default: // FlateDecode
			data, err = inflate(data, zlibHeader(data), "deflate", in.lim, in.meter)
			if de := (*decodeError)(nil); err != nil && errors.As(err, &de) {
				err = nil
			}
			data = unpredict(data, parms[k])
		}
		if err != nil {
			return nil, err
		}
	}
	return data, nil
}

// pdfRead reads a filter's decoder r of n bytes of data to its end within
// the limits of a content coding (readDecoded), charging cost for the
// decoder itself; what decoded before a fault is kept.
func (in *inspector) pdfRead(r io.Reader, filter string, n int, cost int64) ([]byte, error) {
	if err := in.meter.reserve(cost); err != nil {
		return nil, err
	}
	bound := decodedBound(int64(n), in.lim)
	out, err := readDecoded(&codingReader{r: r, coding: filter, left: bound, bound: bound}, filter, int64(n), bound, in.meter)
	if de := (*decodeError)(nil); err != nil && errors.As(err, &de) {
		err = nil
	}
	return out, err
}

// pdfShows reports an operator that shows strings: Tj, TJ, ' and ".
func pdfShows(w []byte) bool {
	switch string(w) {
	case "Tj", "TJ", "'", "\"":
		return true
	}
	return false
}

// pdfShowPrefix returns the length of the operator that shows strings
// (Tj, TJ, ', ") a longer word starts with, 0 for none.
func pdfShowPrefix(w []byte) int {
	switch {
	case len(w) > 2 && w[0] == 'T' && (w[1] == 'j' || w[1] == 'J'):
		return 2
	case len(w) > 1 && (w[0] == '\'' || w[0] == '"'):
		return 1
	}
	return 0
}

// pdfTextState reports an operator that moves the text position or sets
// its state (font, spacing, scale, leading, rise) without showing or
// drawing anything: the strings around it show on a line.
func pdfTextState(w []byte) bool {
	switch string(w) {
	case "Td", "TD", "Tm", "T*", "Tf", "Tc", "Tw", "Tz", "TL", "Ts":
		return true
	}
	return false
}

// pdfStream reads the stream whose keyword ends at kw, and whose
// dictionary is in b[dict:kw], and returns where the scan goes on: after
// its data (its /Length when that is a number and "endstream" follows
// it, else up to the first "endstream"), or after the keyword when it
// has none.
func (in *inspector) pdfStream(b []byte, dict, kw int, hint detect.CategorySet, nest int, sc *pdfScanner) (int, error) {
	start, ok := pdfDataStart(b, kw)
	if !ok {
		return kw, nil // "stream" not followed by an end of line: a word
	}
	d := b[dict:kw]
	countReadingSteps(len(d))
	n, held := sc.dataLength(b, d, start)
	var long []byte // the data up to the object's last endstream (pdfLongData)
	if !held && start+n < len(b) && start >= sc.longEnd {
		long, sc.longEnd = pdfLongData(b, start, start+n)
	}
	countReadingSteps(n)
	data, end := b[start:start+n], start+n
	sd := pdfStreamChain(d, data)
	filters, typ, parms := sd.filters, sd.typ, sd.parms
	// the page's operand stack (pdfLeave): an image-labelled stream is
	// read on it, another read again for its operands when a string with
	// personal data is on it
	if sd.image && sc.stack == nil {
		sc.stack = &pdfOperands{arrayFrom: -1}
	}
	carried := func(content []byte) error {
		if st := sc.stack; st != nil && st.carries {
			if !sd.image {
				pdfCarryThrough(content, st)
			}
			if st.carriedShown {
				return malformed(errPDFCarried.Error(), nil)
			}
		}
		return nil
	}
	switch {
	case sd.state == pdfChainTooMany:
		return 0, malformed("too many PDF filters", nil)
	case sd.state == pdfChainUnread:
		// under filters the reading does not decode (images, Crypt)
	case typ == "EmbeddedFile" || typ == "Metadata":
		// an attached file or XMP metadata: read as text (decoded);
		// what is found there is not masked in place: in Redact mode
		// the body fails closed
		if nest >= maxPartNesting {
			return 0, malformed("PDF streams nested too deep", nil)
		}
		charged := in.meter.charged
		dec, err := in.pdfDecode(data, filters, parms)
		cost := in.meter.charged - charged
		if err == nil && len(in.find(dec, hint)) > 0 && in.mode == Redact {
			err = malformed(errPDFAttached.Error(), nil)
		}
		in.meter.release(cost)
		if err != nil {
			return 0, err
		}
	case len(filters) == 0:
		// uncompressed: its strings, read on from those of the stream
		// before when that ended within a line of text, else apart; into
		// the text of the streams before it when of one page with them
		// (laid out together), else after the text before it is handed
		// on (but the line it goes on with)
		same, err := sc.samePage(b, dict)
		if err != nil {
			return 0, err
		}
		if sc.carried {
			sc.pdfLine = sc.carry
		} else {
			sc.pdfLine = newPDFLine()
		}
		switch {
		case same:
		case sc.carried:
			if err := sc.flushHead(); err != nil {
				return 0, err
			}
		default:
			if err := sc.flush(); err != nil {
				return 0, err
			}
		}
		sc.t.base = start
		sc.shownOnly = sd.image // an image's samples: only what is shown
		err = sc.scan(data, false)
		sc.t.base, sc.shownOnly = 0, false
		if err == nil {
			err = carried(data)
		}
		if err != nil {
			return 0, err
		}
		// a string no operator shows at its end (pdf.js keeps it on the
		// stack) does not end the line the next stream may go on with
		sc.carry, sc.carried = sc.pdfLine, sc.joinable || sc.str.pending
	default:
		if nest >= maxPartNesting {
			return 0, malformed("PDF streams nested too deep", nil)
		}
		// decoded, then read; its decoders and output are given back
		// once read, so a file of many streams holds one stream's at a
		// time
		for _, data := range [][]byte{data, long} {
			if data == nil {
				continue
			}
			charged := in.meter.charged
			dec, err := in.pdfDecode(data, filters, parms)
			cost := in.meter.charged - charged
			if err == nil {
				err = sc.drawnRegion(dec, sd.image, dict, func(t *pdfText) error {
					if len(in.find(t.view, hint)) > 0 && in.mode == Redact {
						return malformed(errPDFCompressed.Error(), nil)
					}
					return nil
				})
			}
			if err == nil {
				err = carried(dec)
			}
			in.meter.release(cost)
			if err != nil {
				return 0, err
			}
		}
	}
	return end, nil
}

// pdfStreamChain returns the filters of the stream whose dictionary is d
// and whose data is data (pdfFilters); an indirect /Filter, or a value
// no filter names, is read as FlateDecode when the data opens like zlib,
// else as no filter.
func pdfStreamChain(d, data []byte) pdfStreamDict {
	sd := pdfFilters(d)
	if sd.state == pdfChainGuessed {
		sd.state, sd.filters, sd.parms = pdfChainRead, nil, nil
		if zlibHeader(data) {
			sd.filters, sd.parms = []string{"FlateDecode"}, []pdfParms{pdfNoParms}
		}
	}
	return sd
}

// pdfDataStart returns where the data of the stream whose keyword ends
// at b[kw] starts: on the next line, as pdf.js reads it (white space or
// a comment after the keyword skipped); not ok when no end of line
// follows (the keyword is a word).
func pdfDataStart(b []byte, kw int) (int, bool) {
	start := kw
	for start < len(b) && start-kw < 64 && (b[start] == ' ' || b[start] == '\t' || b[start] == '\f' || b[start] == 0) {
		start++
	}
	if start < len(b) && b[start] == '%' {
		for start < len(b) && start-kw < 256 && b[start] != '\r' && b[start] != '\n' {
			start++
		}
	}
	countReadingSteps(start - kw + 1)
	eol := start
	if start < len(b) && b[start] == '\r' {
		start++
	}
	if start < len(b) && b[start] == '\n' {
		start++
	}
	return start, start != eol
}

// dataLength returns the length of the data of a stream of file b whose
// dictionary is d and whose data starts at b[start]: its /Length when
// that is a number (or a reference to one) and "endstream" follows it
// (held), else up to the first "endstream" (or the end of b).
func (sc *pdfScanner) dataLength(b, d []byte, start int) (n int, held bool) {
	n, ok := pdfLength(d, func(num, gen int) (int, bool) {
		if sc.lengths == nil {
			sc.lengths = pdfLengthObjects(b, sc.in.meter)
		}
		v, ok := sc.lengths[[2]int{num, gen}]
		return v, ok
	})
	if ok && n <= len(b)-start && pdfEndsStream(b[start+n:]) {
		return n, true
	}
	n = bytes.Index(b[start:], []byte("endstream"))
	if n < 0 {
		n = len(b) - start
	}
	return n, false
}

// pdfLongData returns, for a stream whose data starts at b[start:] and
// whose /Length does not hold, the data up to the last "endstream"
// before the "endobj" after its first one at b[first:], when that is
// another: poppler reads such a stream past its first "endstream" (it
// adds 5000 bytes to a bad length), so an "endstream" a compressed
// stream's bytes spell does not hide what follows it. It also returns
// where the object ends; a stream that starts before that is inside
// this one's long data and is not looked at again (each byte is
// searched a bounded number of times).
func pdfLongData(b []byte, start, first int) (long []byte, objEnd int) {
	e := bytes.Index(b[first:], []byte("endobj"))
	if e < 0 {
		e = len(b) - first
	}
	countReadingSteps(2 * e)
	objEnd = first + e
	last := bytes.LastIndex(b[first:objEnd], []byte("endstream"))
	if last <= 0 {
		return nil, objEnd
	}
	return b[start : first+last], objEnd
}

// pdfLength returns a stream dictionary's /Length: the last one among
// the keys of d's top-level dictionary (pdfTopKey), as viewers take it,
// a direct number or a reference "n g R" to an object that is one
// (resolved by ref).
func pdfLength(d []byte, ref func(num, gen int) (int, bool)) (n int, ok bool) {
	k := pdfTopKey(d, "/Length")
	if k < 0 {
		return 0, false
	}
	v, j, good := pdfInt(d, k)
	if !good {
		return 0, false
	}
	if gen, _, isRef := pdfRef(d, j); isRef {
		return ref(v, gen)
	}
	return v, true
}

// pdfInt reads the non-negative integer after white space at b[j:] (at
// most nine digits, ending where a regular character does not go on) and
// returns it and where it ends.
func pdfInt(b []byte, j int) (v, end int, ok bool) {
	for j < len(b) && pdfSpace(b[j]) {
		j++
	}
	digits := 0
	for j < len(b) && b[j] >= '0' && b[j] <= '9' && digits < 10 {
		v = v*10 + int(b[j]-'0')
		j++
		digits++
	}
	countReadingSteps(digits + 1)
	return v, j, digits > 0 && digits < 10 && (j == len(b) || !isPDFRegular(b[j]))
}

// pdfRef reads the "g R" that makes the number before b[j:] a reference,
// and returns the generation g and where the R ends.
func pdfRef(b []byte, j int) (gen, end int, ok bool) {
	gen, k, ok := pdfInt(b, j)
	if !ok {
		return 0, j, false
	}
	for k < len(b) && pdfSpace(b[k]) {
		k++
	}
	if k < len(b) && b[k] == 'R' && (k+1 == len(b) || !isPDFRegular(b[k+1])) {
		return gen, k + 1, true
	}
	return 0, j, false
}

// maxPDFLengthObjects bounds the objects pdfLengthObjects keeps; a file
// with more keeps its first ones (the others' references fall back to the
// first "endstream").
const maxPDFLengthObjects = 1 << 16

// pdfLengthObjects returns the objects of the file b that are one
// non-negative integer ("n g obj 1234 endobj", the /Length a writer puts
// after its stream), by number and generation; a later definition (an
// incremental update) replaces an earlier one. Each occurrence of "obj"
// is looked at a bounded number of bytes around it. The map is charged
// to m.
func pdfLengthObjects(b []byte, m *meter) map[[2]int]int {
	objs := map[[2]int]int{}
	for o := range pdfObjKeywords(b) {
		if len(objs) >= maxPDFLengthObjects {
			break
		}
		v, end, ok := pdfInt(b, o+4)
		if !ok {
			continue
		}
		for end < len(b) && pdfSpace(b[end]) {
			end++
		}
		if !bytes.HasPrefix(b[end:], []byte("endobj")) {
			continue
		}
		num, gen, ok := pdfObjectNumber(b, o)
		if !ok {
			continue
		}
		if _, seen := objs[[2]int{num, gen}]; !seen && m.reserve(64) != nil {
			break
		}
		objs[[2]int{num, gen}] = v
	}
	return objs
}

// pdfObjKeywords yields the offset of each " obj" in the file b, in
// order: where an object's definition may be read around it.
func pdfObjKeywords(b []byte) iter.Seq[int] {
	return func(yield func(int) bool) {
		for k := 0; k < len(b); {
			at := bytes.Index(b[k:], []byte(" obj"))
			if at < 0 {
				return
			}
			countReadingSteps(at + 4)
			k += at + 4
			if !yield(k - 4) {
				return
			}
		}
	}
}

// pdfObjectNumber reads the "num gen" before the " obj" at b[o:].
func pdfObjectNumber(b []byte, o int) (num, gen int, ok bool) {
	j := o
	lead := func() int { // the start of the digits ending at j
		k := j
		for k > 0 && j-k < 10 && b[k-1] >= '0' && b[k-1] <= '9' {
			k--
		}
		countReadingSteps(j - k + 1)
		return k
	}
	g := lead()
	if g == j || g == 0 || !pdfSpace(b[g-1]) {
		return 0, 0, false
	}
	gen, _ = strconv.Atoi(string(b[g:j]))
	j = g - 1
	for j > 0 && o-j < 24 && pdfSpace(b[j-1]) {
		j--
	}
	n := lead()
	if n == j || n > 0 && isPDFRegular(b[n-1]) {
		return 0, 0, false
	}
	num, _ = strconv.Atoi(string(b[n:j]))
	return num, gen, true
}

// pdfEndsStream reports whether b, what follows a stream's data, opens
// with "endstream" after at most an end of line and white space.
func pdfEndsStream(b []byte) bool {
	j := 0
	for j < len(b) && j < 4 && pdfSpace(b[j]) {
		j++
	}
	return bytes.HasPrefix(b[j:], []byte("endstream"))
}

// pdfSpace reports PDF white space.
func pdfSpace(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

// isPDFRegular reports a regular character of PDF syntax: neither white
// space nor a delimiter.
func isPDFRegular(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ', '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return false
	}
	return true
}

// pdfLiteral reads the literal string that opens at b[i] into t and
// returns where it ends: after its closing parenthesis, or at the end of
// b when it has none.
func pdfLiteral(b []byte, i int, t *pdfText) int {
	depth := 0
	for j := i + 1; j < len(b); j++ {
		countReadingSteps(1)
		switch c := b[j]; c {
		case '(':
			depth++
			t.add(c, j, 1)
		case ')':
			if depth == 0 {
				return j + 1
			}
			depth--
			t.add(c, j, 1)
		case '\\':
			if j+1 >= len(b) {
				return len(b)
			}
			e := b[j+1]
			switch {
			case e >= '0' && e <= '7':
				v, k := 0, j+1
				for k < len(b) && k < j+4 && b[k] >= '0' && b[k] <= '7' {
					v = v*8 + int(b[k]-'0')
					k++
				}
				t.add(byte(v), j, k-j)
				j = k - 1
			case e == '\r' || e == '\n':
				j++ // a line continued: no character
				if e == '\r' && j+1 < len(b) && b[j+1] == '\n' {
					j++
				}
			default:
				t.add(pdfEscape(e), j, 0) // two bytes: \ and e
				j++
			}
		default:
			t.add(c, j, 1)
		}
	}
	return len(b)
}

// pdfEscape returns the character an escape \e stands for.
func pdfEscape(e byte) byte {
	switch e {
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	case 'b':
		return '\b'
	case 'f':
		return '\f'
	}
	return e
}

// pdfHex reads the hex string that opens at b[i] into t and returns where
// it ends; bytes that are neither hex digits nor white space end it
// there, as no string.
func pdfHex(b []byte, i int, t *pdfText) int {
	hi := -1
	for j := i + 1; j < len(b); j++ {
		countReadingSteps(1)
		c := b[j]
		v, ok := hexVal(c)
		switch {
		case c == '>':
			if hi >= 0 {
				hv, _ := hexVal(b[hi])
				t.add(hv<<4, hi, -1-hi) // an odd last digit: 0 follows
			}
			return j + 1
		case ok && hi < 0:
			hi = j
		case ok:
			hv, _ := hexVal(b[hi])
			t.add(hv<<4|v, hi, -1-j)
			hi = -1
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0:
		default:
			return j
		}
	}
	return len(b)
}

// hexVal returns the value of a hex digit.
func hexVal(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// pdfMaskable reports whether every finding of fs lies in bytes of the
// text that can be masked in place: none read from decoded data (a
// compressed form drawn on a page, pdfDecodedSrc).
func pdfMaskable(t *pdfText, fs []detect.Finding) bool {
	for _, f := range fs {
		for k := max(f.Start, 0); k < f.End && k < len(t.src); k++ {
			if t.src[k] == pdfDecodedSrc {
				return false
			}
		}
		countReadingSteps(f.End - f.Start)
	}
	return true
}

// pdfMask writes the mask of finding f over the source bytes of its text
// in out, byte for byte in the same width: a plain byte by '*' (or the
// mask's own character when it is plain ASCII), an octal escape by the
// octal escape of it, a two-byte escape \e by \ and the mask, a hex
// pair by its hex digits.
func pdfMask(out []byte, t *pdfText, f detect.Finding) {
	same := len(f.Masked) == f.End-f.Start
	for k := f.Start; k < f.End && k < len(t.view); k++ {
		if t.src[k] < 0 {
			continue
		}
		m := byte('*')
		if same {
			m = f.Masked[k-f.Start]
		}
		if m == t.view[k] {
			continue // kept by the mask style
		}
		if m < 0x21 || m > 0x7e || m == '(' || m == ')' || m == '\\' || m == '<' || m == '>' {
			m = '*'
		}
		at, aux := int(t.src[k]), int(t.aux[k])
		switch {
		case aux == 1:
			out[at] = m
		case aux >= 2:
			// \ddd: the same number of octal digits
			for d := at + aux - 1; d > at; d-- {
				out[d] = '0' + m&7
				m >>= 3
			}
		case aux == 0:
			// a two-byte escape \e (\9 shows 9, \( a parenthesis): \ and
			// a character that stands for itself
			if strings.IndexByte("nrtbf01234567", m) >= 0 {
				m = '*'
			}
			out[at+1] = m
		case aux < -1:
			const digits = "0123456789ABCDEF"
			out[at] = digits[m>>4]
			out[-1-aux] = digits[m&15]
		}
	}
}
