package bodyformat

import (
	"bytes"
	"slices"
)

// A page draws a form XObject (/Fm1 Do: a stream with /Subtype /Form
// that its /Resources /XObject names) as part of its own content,
// wherever the form's object is filed: a viewer lays the form's text out
// with the page's. pdfFindForms finds the forms each page names (a
// reference or a dictionary for /Resources and /XObject, the form's own
// /Resources for the forms it draws, at most maxPDFFormDepth deep), each
// object's dictionaries looked at once. An uncompressed form is read
// into the page's text where the page draws it (drawForm), under the
// page's transformation and the form's /Matrix, as many times as pages
// draw it; a form in a form is read where that one draws it. A form that
// shows no string and draws no form (a plot's marker: pdfTextFree) is
// not read where drawn, its data charged once. Names, and the keys read
// (pdfTopKey), are compared with their #xx escapes decoded (/F#6d1 Do draws
// /Fm1; /XOb#6aect is /XObject). What the forms drawn
// add up to is bounded by pdfFormReadFactor times the file (or
// pdfFormReadFloor, for a small file): more refuses
// the body (ErrMalformed). Where its object is filed a
// form is still read as a stream in no page's stretch (with the stream
// before it, fail closed: a page whose Do is not read here still has it
// read with its streams when filed among them). A compressed form is read
// decoded where it is filed (its text laid out on its own).

// maxPDFFormDepth bounds how deep forms drawn by forms are followed; a
// page naming forms deeper, or a form drawn deeper, refuses the body
// (read as one text, a form filed after another page's stream would be
// laid out with that page).
const maxPDFFormDepth = 8

// maxPDFParentDepth bounds how many /Pages up a page's /Resources are
// looked for (objForms); a file with a page whose /Parent chain is longer
// (or goes round) is refused (samePage).
const maxPDFParentDepth = 64

// maxPDFFormNames bounds the names of forms kept over all pages (a
// /Resources dictionary's counted once a page stretch); a file with more
// is refused, as one naming forms too deep.
const maxPDFFormNames = 1 << 16

// pdfFormReadFactor bounds the bytes of forms read where pages draw them,
// in all, by this many times the file's size (and what its compressed
// forms drawn decode to), or pdfFormReadFloor when that is more.
const pdfFormReadFactor = 4

// pdfFormReadFloor is the least the bound on the bytes of forms drawn
// allows, whatever the file's size: a slide deck whose 40 pages draw one
// 50 KB logo with text reads 2 MB of forms from a file of a few
// kilobytes. What is read under it past pdfFormReadFactor times the
// file is spent as work (formBytes); the text it makes is charged to the
// memory budget as any page's text is.
const pdfFormReadFloor = 4 << 20

// pdfFormDrawCost is what looking at a form a page draws adds to the
// bytes of forms drawn (pdfFormReadFactor), whatever its size.
const pdfFormDrawCost = 16

// pdfForm is a stream object a page's /Resources names: whether it is a
// form, where its "stream" keyword ends, the forms its own /Resources
// name, and once a page drew it, where its data lies, whether it is
// uncompressed, and its /Matrix.
type pdfForm struct {
	form  bool
	kw    int
	names []pdfFormName
	res   int // where the /Resources dictionary naming them opens, or -1
	// set when first drawn (formLayout): whether it can be read
	// (uncompressed or decoded), its data (nil when text-free), whether
	// that is decoded, where its stream data starts and how long what is
	// read of it is
	drawn       bool
	readable    bool
	decoded     bool
	data        []byte
	textFree    bool // shows no string, draws no form (pdfTextFree)
	start, n    int
	matrix      [6]float64
	inProgress  bool // being drawn (a form drawn in itself is not)
	dictScanned bool // names read (follow)
}

// pdfFormName is a form named in an /XObject dictionary: the name and
// where its object's "obj" ends.
type pdfFormName struct {
	name string
	obj  int
}

// pdfFormFinder finds the forms of a file's pages, each dictionary read
// once.
type pdfFormFinder struct {
	b      []byte
	objs   map[[2]int]int
	starts []int
	m      *meter
	// forms are the objects an /XObject dictionary names, by where their
	// "obj" ends; xobjects the forms each /XObject dictionary read names,
	// by where it opens
	forms    map[int]*pdfForm
	xobjects map[int][]pdfFormName
	// resources are the forms each /Resources dictionary read names, by
	// where it opens; pages those of each page object, by its "obj"
	resources map[int][]pdfFormName
	pages     map[int][]pdfFormName
	// kept counts the names kept over all pages; seen the forms of each
	// page stretch followed, seenRes the /Resources dictionaries of forms
	// whose names each stretch took
	kept    int
	seen    map[[2]int]bool
	seenRes map[[2]int]bool
	// plain is the length of the file itself: past it b holds the
	// objects of its object streams (pdfObjStreams), no stream among
	// them; ambiguous are the numbers defined both there and elsewhere,
	// unsure set once a reference to one was followed
	plain      int
	ambiguous  map[int]bool
	compressed map[int]bool
	unsure     bool
}

// newPDFFormFinder is a finder over file b, its objects (by number and
// generation) and where each " obj" stands.
func newPDFFormFinder(b []byte, objs map[[2]int]int, starts []int, m *meter) *pdfFormFinder {
	return &pdfFormFinder{b: b, objs: objs, starts: starts, m: m,
		forms: map[int]*pdfForm{}, xobjects: map[int][]pdfFormName{}, seen: map[[2]int]bool{}, seenRes: map[[2]int]bool{},
		resources: map[int][]pdfFormName{}, pages: map[int][]pdfFormName{}}
}

// obj returns where the "obj" of the object num gen ends, the last
// definition of it; none for a number defined both in an object stream
// and elsewhere (which one a viewer takes is the cross-reference's to
// say), and the reading is then unsure (refused: pdfReadPages). A
// reference to an object in an object stream is to it whatever its
// generation, as pdf.js fetches a compressed object (its generation is
// 0, and pdf.js does not compare).
func (f *pdfFormFinder) obj(num, gen int) (int, bool) {
	if f.ambiguous[num] {
		f.unsure = true
		return 0, false
	}
	if f.compressed[num] {
		gen = 0
	}
	o, ok := f.objs[[2]int{num, gen}]
	return o, ok
}

// objEnd is where the object whose "obj" ends at o ends at most: at the
// next " obj" of the file.
func (f *pdfFormFinder) objEnd(o int) int {
	p, _ := slices.BinarySearch(f.starts, o)
	countReadingSteps(1)
	if p < len(f.starts) {
		return f.starts[p]
	}
	return len(f.b)
}

// dictAt returns where the dictionary that is the value at b[j:] opens
// (<< after white space, or an object n g R that is one) and the end of
// the object it is in, or -1.
func (f *pdfFormFinder) dictAt(j, end int) (int, int) {
	b := f.b
	s := j
	for j < end && j-s < 64 && pdfSpace(b[j]) {
		j++
	}
	countReadingSteps(j - s + 1)
	if j+1 < end && b[j] == '<' && b[j+1] == '<' {
		return j, end
	}
	num, e, ok := pdfInt(b[:end], j)
	if !ok {
		return -1, 0
	}
	gen, _, ok := pdfRef(b[:end], e)
	if !ok {
		return -1, 0
	}
	o, ok := f.obj(num, gen)
	if !ok {
		return -1, 0
	}
	end = f.objEnd(o)
	for s = o; o < end && o-s < 64 && pdfSpace(b[o]); o++ {
	}
	countReadingSteps(o - s + 1)
	if o+1 < end && b[o] == '<' && b[o+1] == '<' {
		return o, end
	}
	return -1, 0
}

// pdfNextKey returns where the value of key (a name, "/Contents") stands
// in d, after the first time it is written there as a whole name (at any
// depth, in a string or a comment too), or -1; names spelt with #xx
// escapes are decoded when escaped (d holds a '#').
func pdfNextKey(d []byte, key string, escaped bool) int {
	if escaped {
		return pdfEscapedKey(d, key)
	}
	for k := 0; k < len(d); {
		at := bytes.Index(d[k:], []byte(key))
		if at < 0 {
			countReadingSteps(len(d) - k)
			return -1
		}
		countReadingSteps(at + len(key))
		k += at + len(key)
		if k == len(d) || !isPDFRegular(d[k]) {
			return k
		}
	}
	return -1
}

// pdfEscapedKey is pdfNextKey over every name of d, each decoded (pdfName)
// when it holds a '#' and is short enough to spell key.
func pdfEscapedKey(d []byte, key string) int {
	for k := 0; k < len(d); {
		at := bytes.IndexByte(d[k:], '/')
		if at < 0 {
			countReadingSteps(len(d) - k)
			return -1
		}
		j := k + at + 1
		e := j
		for e < len(d) && isPDFRegular(d[e]) {
			e++
		}
		countReadingSteps(e - k + 1)
		name := d[j:e]
		if string(name) == key[1:] ||
			len(name) <= 3*len(key) && bytes.IndexByte(name, '#') >= 0 && pdfName(name) == key[1:] {
			return e
		}
		k = e
	}
	return -1
}

// formsOf returns the forms the /Resources at b[j:] (in an object ending
// at end) names in its /XObject dictionary; not ok when the budget
// refuses.
func (f *pdfFormFinder) formsOf(j, end int) ([]pdfFormName, bool) {
	r, rEnd := f.dictAt(j, end)
	if r < 0 {
		return nil, true
	}
	if names, read := f.resources[r]; read {
		return names, true
	}
	names, ok := f.xobjectsIn(r, rEnd)
	if ok && f.m.reserve(48) == nil {
		f.resources[r] = names
	}
	return names, ok
}

// xobjectsIn returns the forms the /XObject dictionary of the /Resources
// dictionary opening at b[r] (in an object ending at rEnd) names.
func (f *pdfFormFinder) xobjectsIn(r, rEnd int) ([]pdfFormName, bool) {
	b := f.b
	rd := b[r:pdfSkipDict(b[:rEnd], r)]
	x := pdfTopKey(rd, "/XObject")
	if x < 0 {
		return nil, true
	}
	x, xEnd := f.dictAt(r+x, rEnd)
	if x < 0 {
		return nil, true
	}
	if names, read := f.xobjects[x]; read {
		return names, true
	}
	if f.m.reserve(48) != nil {
		return nil, false
	}
	var names []pdfFormName
	xd := b[:pdfSkipDict(b[:xEnd], x)]
	for k := x + 2; k < len(xd); {
		if xd[k] != '/' {
			k++
			countReadingSteps(1)
			continue
		}
		e := k + 1
		for e < len(xd) && isPDFRegular(xd[e]) {
			e++
		}
		countReadingSteps(e - k)
		name := xd[k+1 : e]
		k = e
		num, e, ok := pdfInt(xd, k)
		if !ok {
			continue
		}
		gen, e, ok := pdfRef(xd, e)
		if !ok {
			continue
		}
		k = e
		o, ok := f.obj(num, gen)
		if !ok {
			continue
		}
		form, ok := f.formAt(o)
		if !ok {
			return nil, false
		}
		if form.form {
			if f.m.reserve(int64(48+len(name))) != nil {
				return nil, false
			}
			names = append(names, pdfFormName{pdfName(name), o}) // /F#6d1 is /Fm1
		}
	}
	f.xobjects[x] = names
	return names, true
}

// formAt returns the object whose "obj" ends at o, read once: whether it
// is a stream with /Subtype /Form, and the forms its /Resources name are
// read when first followed (follow).
func (f *pdfFormFinder) formAt(o int) (*pdfForm, bool) {
	if form := f.forms[o]; form != nil {
		return form, true
	}
	if f.m.reserve(128) != nil {
		return nil, false
	}
	form := &pdfForm{res: -1}
	f.forms[o] = form
	if o >= f.plain {
		return form, true // an object stream's object: no stream
	}
	_, k, ok := pdfStreamAt(f.b, o, f.objEnd(o))
	if !ok {
		return form, true
	}
	form.kw = k + len("stream")
	form.form = pdfFilters(f.b[o:form.kw]).form
	return form, true
}

// follow reads the forms a form's own /Resources name, once.
func (f *pdfFormFinder) follow(o int, form *pdfForm) bool {
	if form.dictScanned {
		return true
	}
	form.dictScanned = true
	r := pdfTopKey(f.b[o:form.kw], "/Resources")
	if r < 0 {
		return true
	}
	form.res, _ = f.dictAt(o+r, form.kw)
	names, ok := f.formsOf(o+r, form.kw)
	form.names = names
	return ok
}

// pageForms adds to forms[span] the forms the page object whose "obj"
// ends at o names, and those they name (maxPDFFormDepth deep; the names
// of a /Resources dictionary forms share taken once a stretch); not ok
// when they are more than the bounds keep (deep), or the budget refuses.
func (f *pdfFormFinder) pageForms(o, span int, forms []map[string][]int) bool {
	if span < 0 {
		return true
	}
	if f.seen[[2]int{-1 - o, span}] {
		return true // the page's /Resources read for this stretch
	}
	f.seen[[2]int{-1 - o, span}] = true
	names, ok := f.objForms(o, f.objEnd(o), 0)
	for depth := 0; ok && len(names) > 0; depth++ {
		if depth >= maxPDFFormDepth {
			return false
		}
		var next []pdfFormName
		for _, n := range names {
			if f.kept++; f.kept > maxPDFFormNames {
				return false
			}
			if f.m.reserve(64) != nil {
				return false
			}
			if forms[span] == nil {
				forms[span] = map[string][]int{}
			}
			if !slices.Contains(forms[span][n.name], n.obj) {
				forms[span][n.name] = append(forms[span][n.name], n.obj)
			}
			if f.seen[[2]int{n.obj, span}] {
				continue
			}
			f.seen[[2]int{n.obj, span}] = true
			form := f.forms[n.obj]
			if !f.follow(n.obj, form) {
				return false
			}
			if form.res >= 0 {
				if f.seenRes[[2]int{form.res, span}] {
					continue // its names taken for this stretch
				}
				f.seenRes[[2]int{form.res, span}] = true
			}
			next = append(next, form.names...)
		}
		countReadingSteps(len(names))
		names = next
	}
	return ok
}

// objForms returns the forms the /Resources of the page object at
// b[o:end] name, or when it has none those of its /Parent's (inherited,
// as viewers inherit them from any level up), each object read once; not
// ok past maxPDFParentDepth levels of /Parent (a page tree that deep, or
// one whose /Parent goes round, is refused: pdfPages.deep).
func (f *pdfFormFinder) objForms(o, end, depth int) ([]pdfFormName, bool) {
	if names, read := f.pages[o]; read {
		return names, true
	}
	var names []pdfFormName
	ok := true
	if r := pdfTopKey(f.b[o:end], "/Resources"); r >= 0 {
		names, ok = f.formsOf(o+r, end)
	} else if p := pdfTopKey(f.b[o:end], "/Parent"); p >= 0 {
		if d, dEnd := f.dictAt(o+p, end); d >= 0 && d != o {
			if depth >= maxPDFParentDepth {
				return nil, false
			}
			names, ok = f.objForms(d, dEnd, depth+1)
		}
	}
	if ok && f.m.reserve(48) == nil {
		f.pages[o] = names
	}
	return names, ok
}

// drawForm reads the forms named name that the page of the text draws
// (Do), each into the text where it is drawn: under the transformation
// of the page there and the form's /Matrix, its graphics state restored
// after it. A compressed form is decoded when first drawn (pdfDecode,
// as a page's stream is), its decoded data held for later draws and read
// into the text marked decoded (a finding there refuses the body in
// Redact mode: pdfMaskable). A form being drawn is not drawn in itself
// (as viewers skip it), nor one that shows no string (pdfTextFree:
// charged its length once, then pdfFormDrawCost a draw); forms drawn
// deeper than maxPDFFormDepth, or more bytes of forms than
// pdfFormReadFactor times the file and the forms' decoded data (or
// pdfFormReadFloor), refuse the body.
func (sc *pdfScanner) drawForm(name []byte) error {
	pg := &sc.pages
	if sc.file == nil || sc.page <= 0 || sc.page > len(pg.forms) {
		return nil
	}
	drawn := pg.forms[sc.page-1][string(name)]
	if bytes.IndexByte(name, '#') >= 0 {
		drawn = pg.forms[sc.page-1][pdfName(name)] // /F#6d1 Do draws /Fm1
	}
	for _, o := range drawn {
		// each form looked at costs pdfFormDrawCost, each drawn its data
		if err := sc.formBytes(pdfFormDrawCost); err != nil {
			return err
		}
		form := pg.known[o]
		if form == nil || form.inProgress {
			continue
		}
		if !form.drawn {
			if err := sc.formLayout(o, form); err != nil {
				return err
			}
			if form.textFree {
				// looked at once, its data charged once
				if err := sc.formBytes(int64(form.n)); err != nil {
					return err
				}
			}
		}
		if !form.readable {
			continue // under filters the reading does not decode
		}
		if form.textFree {
			// nothing to lay out with the page (a plot's marker): each
			// draw pdfFormDrawCost
			sc.moved = true // as after a form read
			continue
		}
		if sc.formDepth >= maxPDFFormDepth {
			return malformed("PDF forms drawn too deep", nil)
		}
		if err := sc.formBytes(int64(len(form.data))); err != nil {
			return err
		}
		saved := sc.pdfLine
		sc.pdfLine.ctm = pdfMul(form.matrix, saved.ctm)
		sc.pdfLine.saved, sc.pdfLine.qDepth = nil, 0
		base, decoded := sc.t.base, sc.t.decoded
		sc.t.base, sc.t.decoded = form.start, decoded || form.decoded
		// a form is content of its own, drawn from an image-labelled
		// stream too: its strings read as a content stream's, not on
		// that stream's operand stack
		ops, shownOnly := sc.ops, sc.shownOnly
		sc.ops, sc.shownOnly = nil, false
		sc.formDepth++
		form.inProgress = true
		err := sc.scan(form.data, false)
		form.inProgress = false
		sc.formDepth--
		sc.ops, sc.shownOnly = ops, shownOnly
		sc.t.base, sc.t.decoded = base, decoded
		// the graphics state is the page's again; the line goes on from
		// the form's last string, where it was drawn
		last, lastN, joinable := sc.last, sc.lastN, sc.joinable
		sc.pdfLine = saved
		sc.last, sc.lastN, sc.joinable, sc.moved = last, lastN, joinable, true
		if err != nil {
			return err
		}
	}
	return nil
}

// formBytes adds n to the bytes of forms drawn, and refuses the body when
// they come to more than pdfFormReadFactor times the file and what its
// compressed forms drawn decoded to, or pdfFormReadFloor when that is
// more; the bytes past the first bound are spent as work too
// (Limits.MaxWork), on top of what reading them costs.
func (sc *pdfScanner) formBytes(n int64) error {
	bound := pdfFormReadFactor * (int64(len(sc.file)) + sc.formDecoded)
	before := sc.formRead
	if sc.formRead += n; sc.formRead > max(bound, pdfFormReadFloor) {
		return malformed("PDF forms drawn more often than the file holds", nil)
	}
	if over := sc.formRead - max(bound, before); over > 0 {
		return sc.in.meter.spend(over)
	}
	return nil
}

// formLayout finds, when a form is first drawn, where its data lies,
// its /Matrix, whether the reading can read it (uncompressed, or under
// filters it decodes: then decoded here, once, with the decoders of a
// page's stream, pdfDecode) and whether it shows no text. The decoded
// data of a form that shows text is held (charged) for its later draws.
func (sc *pdfScanner) formLayout(o int, form *pdfForm) error {
	form.drawn = true
	b, in := sc.file, sc.in
	start, ok := pdfDataStart(b, form.kw)
	if !ok {
		return nil
	}
	d := b[o:form.kw]
	n, _ := sc.dataLength(b, d, start)
	data := b[start : start+n]
	sd := pdfStreamChain(d, data)
	form.start, form.n, form.matrix = start, n, pdfMatrix(d)
	if sd.state != pdfChainRead {
		return nil // image filters, Crypt, or too many (refused where filed)
	}
	if len(sd.filters) > 0 {
		if sc.nest >= maxPartNesting {
			return malformed("PDF streams nested too deep", nil)
		}
		charged := in.meter.charged
		dec, err := in.pdfDecode(data, sd.filters, sd.parms)
		in.meter.release(in.meter.charged - charged) // its decoders
		if err != nil {
			return err
		}
		sc.formDecoded += int64(len(dec))
		data, form.decoded, form.n = dec, true, len(dec)
	}
	form.readable = true
	form.textFree = pdfTextFree(data)
	if form.textFree {
		return nil
	}
	if form.decoded {
		if err := in.meter.reserve(int64(len(data))); err != nil {
			return err
		}
		sc.formsHeld += int64(len(data))
	}
	form.data = data
	return nil
}

// drawnRegion reads the decoded data dec of the content stream whose
// object's "obj" ends at o in the file, as pdfRegionShown reads a
// region (an image's only for what is shown), handing its text to read:
// the forms it draws (Do) are read where it draws them, as its page's
// own (drawForm), counted with the forms the file's other streams draw.
func (sc *pdfScanner) drawnRegion(dec []byte, image bool, o int, read func(*pdfText) error) error {
	in := sc.in
	sub := in.newPDFScanner(image, sc.stack, sc.hint, sc.nest+1, read)
	if sc.file != nil {
		page, err := sc.pageOf(sc.file, o)
		if err != nil {
			return err
		}
		sub.file, sub.pages, sub.pagesRead, sub.page, sub.lengths = sc.file, sc.pages, true, page, sc.lengths
		sub.formRead, sub.formDecoded, sub.formDepth = sc.formRead, sc.formDecoded, sc.formDepth
	}
	defer func() {
		sc.formRead, sc.formDecoded, sc.formsHeld = sub.formRead, sub.formDecoded, sc.formsHeld+sub.formsHeld
		if sc.file != nil {
			sc.lengths = sub.lengths
		}
		in.meter.release(sub.t.charged + sub.segsCharged)
	}()
	return sub.run(dec, false)
}

// pdfTextFree reports form data that shows no string and draws no form:
// no string opens in it ('(' or '<'), and no operator that shows (Tj, TJ,
// ', ") or draws a form (Do) is written in it, even run into other bytes.
func pdfTextFree(d []byte) bool {
	countReadingSteps(4 * len(d))
	return bytes.IndexAny(d, "(<'\"") < 0 && !bytes.Contains(d, []byte("Tj")) &&
		!bytes.Contains(d, []byte("TJ")) && !bytes.Contains(d, []byte("Do"))
}

// pdfMatrix returns the /Matrix [a b c d e f] of dictionary d, or the
// identity when it has none (or not six numbers).
func pdfMatrix(d []byte) [6]float64 {
	k := pdfTopKey(d, "/Matrix")
	if k < 0 {
		return pdfIdentity
	}
	for s := k; k < len(d) && k-s < 64 && pdfSpace(d[k]); k++ {
	}
	if k >= len(d) || d[k] != '[' {
		return pdfIdentity
	}
	var m [6]float64
	n := 0
	for k++; k < len(d) && d[k] != ']'; {
		switch c := d[k]; {
		case pdfSpace(c):
			k++
		case pdfNumeric(c) && n < len(m):
			e := k
			for e < len(d) && pdfNumeric(d[e]) {
				e++
			}
			m[n], n, k = pdfNumber(d[k:e]), n+1, e
		default:
			return pdfIdentity
		}
		countReadingSteps(1)
	}
	if n != len(m) {
		return pdfIdentity
	}
	return m
}
