package bodyformat

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// HTML and XML are read as their readers read them, not as bytes: a
// browser renders 1<b></b>38<!-- -->1234<span>5678</span> as one number,
// and an XML parser joins <![CDATA[138]]><![CDATA[12345678]]> into one
// text. The markup view (markupView) is that text: comments, processing
// instructions and declarations taken out of it, CDATA markers dropped
// with their content kept, inline HTML tags taken out, block tags and
// every XML tag turned into a separator, and the content of hidden
// elements taken out. What is taken out is not lost: every tag with its
// attributes (a title, an alt, a data- attribute a script reads), comment,
// declaration is appended after the text, each piece on its own, and
// read too; the content of a hidden element (which a script may show:
// a tab, a dialog, a template) is read after the text as markup of its
// own, tags between digits read through. Character references stay for the engine,
// which reads them itself.

// markupSep separates the pieces of a markup view that a reader never
// joins (two table cells, two XML elements, two attribute values): no
// digit run, address or name crosses it.
const markupSep = "\n|\n"

// blockTags are the HTML elements a browser lays out as blocks, lines or
// cells: what they separate is not read as one run. Every other element
// (span, b, a, font, custom elements …) flows inline, as browsers treat
// unknown elements.
var blockTags = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range []string{"address", "article", "aside", "blockquote", "body", "caption",
		"dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure",
		"footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html",
		"iframe", "img", "input", "legend", "li", "main", "nav", "ol", "option", "p", "pre",
		"section", "select", "summary", "table", "tbody", "td", "textarea", "tfoot", "th",
		"thead", "title", "tr", "ul", "video", "audio", "canvas", "svg", "button", "template"} {
		m[t] = true
	}
	return m
}()

// svgInline are the SVG elements inside <text> that the text runs on
// through, as inline HTML elements do.
var svgInline = map[string]bool{"tspan": true, "textpath": true, "a": true, "tref": true}

// markupReader builds the markup view of one document.
type markupReader struct {
	raw   []byte
	html  bool
	label string     // the XML element name put in the view as a label last (elementLabel)
	table tableState // the HTML table being read (tablelabels.go)
	view  []byte
	segs  []viewSeg
	// viewRoom is the room charged for the view (roomGrowing), spare an
	// array the view may grow into instead of a new one (viewBufs)
	viewRoom int
	spare    []byte
	asides   [][2]int32 // markup read on its own after the text (see aside)
	// docs: the content of a <script> block that is a JSON document,
	// bare or wrapped (scriptDocument), is kept in scripts, out of the
	// view, to be walked as JSON (markupscripts.go)
	docs    bool
	scripts [][2]int
	hidden  [][2]int // content of hidden elements, read as markup after the text
	// inHidden: the reader of a hidden element's content (see markupView),
	// which starts at raw[start]: its view is made the content's size at
	// first, not the document's (roomGrowing)
	inHidden bool
	start    int
	// pending is where a block or XML tag stands whose separator is not
	// yet in the view (-1: none): a tag between two digits is read through
	// (see boundary)
	pending int
	rtl     int // <bdo dir=rtl> elements open
	// overrides are the elements other than <bdo> open with a CSS
	// right-to-left override (style="unicode-bidi:bidi-override;
	// direction:rtl"), innermost last, each with how many elements of its
	// name are open inside it
	overrides []openOverride
	// sheet are the selectors of style sheet rules that make an element
	// an override (bidisheet.go); sheetAll: too many, every element is
	sheet    []sheetSelector
	sheetAll bool
	// gen are the rules of the page's style sheets with generated
	// content, afters the ::after content of the elements still open,
	// generatedBytes what was put in (gencontent.go)
	gen            []generatedContent
	afters         []pendingAfter
	generatedBytes int
	// hides are the selectors of style sheet rules that hide an element
	// (hidesheet.go), followed by markupViewHiding only; hidesAll: too
	// many, every element is
	hides    []sheetSelector
	hidesAll bool
	// unresolved: markupViewHiding reads every text-only element between
	// digits as a decoy (unresolvedDecoy), decoys counts those it read
	unresolved bool
	decoys     int
	// shownEnd is, in that reading, where the view ends but for the blank
	// text after its last shown character or separator (blankStart:
	// white space, &nbsp;): a decoy's neighbours are looked for before it
	shownEnd int
	// mt is the inspection's meter the reader charges what it holds to
	// (markupmem.go; nil: not charged), err the refused charge that
	// stopped it
	mt  *meter
	err error
	// name is the lower-cased name of the tag being read (markup), lower
	// the whole tag lower-cased when a style sheet's rule asks (lowerTag)
	name, lower []byte
}

// openOverride is an element open with a CSS right-to-left override.
type openOverride struct {
	name  string
	depth int // elements of the same name open inside it
}

// maxOverrides bounds the overriding elements followed; deeper ones open
// a reversed reading that runs to the end of the line.
const maxOverrides = 32

// viewSeg maps a piece of a markup view back to the document: view[view:
// view+n] is raw[raw:raw+n], or, for a synthetic separator, stands for the
// markup at raw[raw]. One entry a piece of text, not one a byte.
//
// The offsets are 32-bit (a view holds several segments a tag, so their
// size is most of what the view costs): markupView refuses a document
// larger than maxMarkupRaw, whose view could overflow them.
//
// An aside's piece starts with the separator that stands for it (pre
// bytes, standing for raw[raw], as a synthetic piece would), then its
// text: one piece an aside, not two.
type viewSeg struct {
	view, raw, n int32
	pre          uint8 // the separator before the text (asides only)
	synthetic    bool
	generated    bool // text a style sheet generates (gencontent.go), synthetic too
}

// emit appends raw[from:to] to the view.
func (m *markupReader) emit(from, to int) {
	if from >= to {
		return
	}
	if m.pending >= 0 && !allSpace(m.raw[from:to]) {
		if !(endsWithDigit(m.view) && startsWithDigit(m.raw[from:to])) {
			m.sep(markupSep, m.pending)
		}
		m.pending = -1
	}
	if !m.html {
		m.emitRun(from, to)
		return
	}
	// a browser renders a run of white space in text as one space (电话
	// １３８, 300 spaces, a line end, １２３４５６７８ shows one number):
	// the view keeps the first byte of a run, also across tags taken out
	for from < to {
		countReadingSteps(1)
		if isSpaceByte(m.raw[from]) && len(m.view) > 0 && isSpaceByte(m.view[len(m.view)-1]) {
			from++
			continue
		}
		j := from + 1
		for j < to && !(isSpaceByte(m.raw[j]) && isSpaceByte(m.raw[j-1])) {
			j++
		}
		m.emitRun(from, j)
		from = j
	}
}

// emitRun appends raw[from:to] to the view, as it is.
func (m *markupReader) emitRun(from, to int) {
	if !m.room(to-from, 1) {
		return
	}
	if k := len(m.segs) - 1; k >= 0 && !m.segs[k].synthetic && int(m.segs[k].raw+m.segs[k].n) == from {
		m.segs[k].n += int32(to - from)
	} else {
		m.segs = append(m.segs, newSeg(len(m.view), from, to-from, false))
	}
	n := len(m.view)
	m.view = append(m.view, m.raw[from:to]...)
	if m.html {
		spaceControls(m.view[n:])
	}
	if m.unresolved {
		if s := blankStart(m.view[n:], false); s > 0 {
			m.shownEnd = n + s
		}
	}
}

// spaceControls writes every line break, tab and form feed of b as a
// space: a browser renders white space in text as one space, so a line
// break between two halves of a number does not end it there.
func spaceControls(b []byte) {
	for k, c := range b {
		if c == '\n' || c == '\r' || c == '\t' || c == '\f' {
			b[k] = ' '
		}
	}
}

// sep appends a synthetic separator standing for the markup at raw[at].
func (m *markupReader) sep(s string, at int) {
	if m.pending >= 0 && m.pending != at {
		p := m.pending
		m.pending = -1
		m.sep(markupSep, p)
	}
	m.pending = -1
	if n := len(m.view); n >= len(s) && string(m.view[n-len(s):]) == s {
		return // one separator for a run of tags
	}
	at = min(at, len(m.raw)-1) // the end of an unterminated element
	if !m.room(len(s), 1) {
		return
	}
	m.segs = append(m.segs, newSeg(len(m.view), at, len(s), true))
	m.view = append(m.view, s...)
	m.shownEnd = len(m.view)
}

// rawOffset returns the offset in the document of byte v of the view.
func rawOffset(segs []viewSeg, v int) int {
	k, found := slices.BinarySearchFunc(segs, v, func(g viewSeg, v int) int { return int(g.view) - v })
	if !found {
		k--
	}
	g := segs[k]
	if g.synthetic {
		return int(g.raw)
	}
	return int(g.raw) + max(0, v-g.textAt())
}

// textAt is where the piece's text starts in the view (past its
// separator, when it has one).
func (g viewSeg) textAt() int { return int(g.view) + int(g.pre) }

// viewEnd is where the piece ends in the view.
func (g viewSeg) viewEnd() int { return g.textAt() + int(g.n) }

// newSeg is the piece of a view at view, n bytes long, standing for
// raw[raw:raw+n] (or, synthetic, for the markup at raw[raw]).
func newSeg(view, raw, n int, synthetic bool) viewSeg {
	return viewSeg{view: int32(view), raw: int32(raw), n: int32(n), synthetic: synthetic}
}

// rawFinding maps a finding of a markup view back to the raw document
// doc. A finding that takes in text a style sheet generates is masked
// whole: the characters a mask keeps, next to the generated text still
// shown, would spell the value again. One that runs over the blocks of a
// page (cells, paragraphs) keeps the tags between them (cellsFinding).
func rawFinding(doc, view []byte, segs []viewSeg, f detect.Finding) detect.Finding {
	if g, ok := cellsFinding(doc, view, segs, f); ok {
		return g // (markupcells.go)
	}
	if g, ok := separatedFinding(doc, segs, f); ok {
		return g
	}
	return rawSpanFinding(view, segs, f)
}

// separatedFinding maps f, a finding of the view that takes in a
// separator and that cellsFinding could not map part by part (its parts
// out of the document's order: text read after the page's, a hidden
// element's, joined to it; or markup between them that may hold data),
// to the span of the document from its first part's start to its last
// part's end, every character starred but line breaks: the view's mask
// would write its separators into the page, and the characters it keeps
// would stand over other bytes than they stand for (attack pass 47).
// ok is false when f takes in no separator.
func separatedFinding(doc []byte, segs []viewSeg, f detect.Finding) (_ detect.Finding, ok bool) {
	lo, hi, sep := len(doc), 0, false
	k, _ := slices.BinarySearchFunc(segs, f.Start, func(g viewSeg, v int) int { return g.viewEnd() - 1 - v })
	for ; k < len(segs) && int(segs[k].view) < f.End; k++ {
		g := segs[k]
		a, b := max(f.Start, g.textAt()), min(f.End, g.viewEnd())
		switch {
		case g.synthetic:
			sep = sep || g.n > 0 && g.textAt() > f.Start && g.viewEnd() < f.End
		case a < b:
			lo, hi = min(lo, int(g.raw)+a-g.textAt()), max(hi, int(g.raw)+b-g.textAt())
		}
	}
	if !sep || lo >= hi || hi > len(doc) {
		return f, false
	}
	f.Start, f.End = lo, hi
	return starred(doc, []detect.Finding{f})[0], true
}

// rawSpanFinding maps f back as one span, its mask over all of it.
func rawSpanFinding(view []byte, segs []viewSeg, f detect.Finding) detect.Finding {
	if overlapsGenerated(segs, f.Start, f.End) {
		f.Masked = strings.Repeat("*", utf8.RuneCountInString(f.Masked))
	}
	start := rawOffset(segs, f.Start)
	end := rawOffset(segs, f.End-1) + 1
	if xEnd, ok := checkXApart(view, segs, f); ok {
		end, f.Masked = xEnd, f.Masked[:len(f.Masked)-1]
	}
	for v := f.End - 2; end <= start && v >= f.Start; v-- {
		// the last byte maps before the first (a reading's span ran into a
		// separator or an aside the view puts elsewhere): the span ends at
		// the last byte that maps after its start
		end = rawOffset(segs, v) + 1
	}
	f.Start, f.End = start, max(end, start+1)
	return f
}

// overlapsGenerated reports whether view[start:end] takes in generated
// text.
func overlapsGenerated(segs []viewSeg, start, end int) bool {
	k, _ := slices.BinarySearchFunc(segs, start, func(g viewSeg, v int) int { return g.viewEnd() - 1 - v })
	for ; k < len(segs) && int(segs[k].view) < end; k++ {
		if segs[k].generated && segs[k].viewEnd() > start {
			return true
		}
	}
	return false
}

// markupView returns the view of raw (see above) and the pieces that map
// it back. An XML document type that defines internal entities
// is ErrMalformed: its readers expand them (&a;5678 may be a whole
// number), the filter does not, so such a document fails closed.
func markupView(raw []byte, html bool, mt *meter) ([]byte, []viewSeg, error) {
	return markupViewIn(raw, html, mt, nil)
}

// markupViewIn is markupView, the view grown into spare (an array of
// viewBufs, or nil) when it is large enough.
func markupViewIn(raw []byte, html bool, mt *meter, spare []byte) ([]byte, []viewSeg, error) {
	m := &markupReader{raw: raw, html: html, pending: -1, mt: mt, spare: spare}
	if html {
		m.sheet, m.sheetAll = sheetOverrides(raw)
		m.gen = sheetContents(raw)
	}
	return m.viewAll()
}

// markupViewHiding is the HTML view of raw in which the elements a rule
// of the page's style sheets hides (hidesheet.go) are decoys, as a style
// attribute's: read aside, never joined to the text around them. ok is
// false when no rule hides anything: the view would be markupView's. A
// page holds both readings (a rule may hide only in print), so both are
// read.
//
// A rule the page does not hold may hide an element too: a linked style
// sheet's, which the filter does not see. So every element that holds
// only text and stands between digits is a decoy in this view as well
// (unresolvedDecoy): 138<span class=x>0</span>12345678 is read as
// 13812345678 here, as 138012345678 in markupView's.
func markupViewHiding(raw []byte, mt *meter) (view []byte, segs []viewSeg, ok bool, err error) {
	return markupViewHidingIn(raw, false, mt, nil)
}

// markupViewHidingDocs is markupViewHiding, with the script blocks that
// hold a JSON document left out of the view when docs is set (they are
// markupViewDocs's scripts).
func markupViewHidingDocs(raw []byte, docs bool, mt *meter) (view []byte, segs []viewSeg, ok bool, err error) {
	return markupViewHidingIn(raw, docs, mt, nil)
}

// markupViewHidingIn is markupViewHidingDocs, the view grown into spare
// (an array of viewBufs, or nil) when it is large enough.
func markupViewHidingIn(raw []byte, docs bool, mt *meter, spare []byte) (view []byte, segs []viewSeg, ok bool, err error) {
	m := &markupReader{raw: raw, html: true, pending: -1, unresolved: mayHoldDecoy(raw), docs: docs, mt: mt, spare: spare}
	if m.hides, m.hidesAll = sheetHiders(raw); len(m.hides) == 0 && !m.hidesAll && !m.unresolved {
		putViewBuf(spare)
		return nil, nil, false, nil
	}
	m.sheet, m.sheetAll = sheetOverrides(raw)
	m.gen = sheetContents(raw)
	view, segs, err = m.viewAll()
	if err != nil || len(m.hides) == 0 && !m.hidesAll && m.decoys == 0 {
		// no decoy (the view is markupView's), or none read: the arrays
		// nothing holds go back to viewBufs
		putViewBuf(m.view)
		putViewBuf(m.spare)
		return nil, nil, false, err
	}
	return view, segs, true, nil
}

// viewAll reads the whole document and then the content of its hidden
// elements into the view.
func (m *markupReader) viewAll() ([]byte, []viewSeg, error) {
	raw, html := m.raw, m.html
	if len(raw) > maxMarkupRaw {
		return nil, nil, markupTooLarge
	}
	if err := m.read(0); err != nil {
		return nil, nil, err
	}
	// the content of hidden elements, read as markup on its own after the
	// text (a script shows it later: a tab, a dialog, a template), each
	// by a reader that stops where the element closes. Inside, hidden
	// elements are read as any other (a decoy in hidden content hides
	// nothing that shows), so the parts never overlap and each byte is
	// read once. One reader reads them all, its buffers emptied for
	// each: a page of a thousand hidden elements allocates nothing for
	// each, and what they generate (gencontent.go) stays within the
	// page's size all together
	var sub *markupReader
	for _, part := range m.hidden {
		if sub == nil {
			sub = &markupReader{html: html, sheet: m.sheet, sheetAll: m.sheetAll, gen: m.gen, hides: m.hides, hidesAll: m.hidesAll, inHidden: true, docs: m.docs, mt: m.mt}
		}
		sub.startAt(raw[:part[1]], part[0])
		if err := sub.read(part[0]); err != nil {
			return nil, nil, err
		}
		m.sep(markupSep, part[0])
		if !m.room(len(sub.view), len(sub.segs)) || !m.roomAsides(len(sub.asides)) {
			return nil, nil, m.err
		}
		base := int32(len(m.view))
		for _, g := range sub.segs {
			g.view += base
			m.segs = append(m.segs, g)
		}
		m.view = append(m.view, sub.view...)
		m.asides = append(m.asides, sub.asides...)
		m.scripts = append(m.scripts, sub.scripts...)
	}
	// each aside takes a separator and a piece of text: room for all of
	// them at once, not doubled as they come
	size := 0
	for _, a := range m.asides {
		size += int(a[1]-a[0]) + len(markupSep)
	}
	if !m.roomExact(size, len(m.asides)+1) {
		return nil, nil, m.err
	}
	for _, a := range m.asides {
		m.asidePiece(int(a[0]), int(a[1]))
	}
	if m.err != nil {
		return nil, nil, m.err
	}
	return m.view, m.segs, nil
}

// startAt makes the reader of hidden content ready to read raw from
// start: its view, pieces, asides, scripts and open elements emptied, the
// room charged for them kept.
func (m *markupReader) startAt(raw []byte, start int) {
	m.raw, m.start, m.pending, m.label, m.rtl, m.shownEnd = raw, start, -1, "", 0, 0
	m.table.reset()
	m.view, m.segs, m.asides, m.scripts = m.view[:0], m.segs[:0], m.asides[:0], m.scripts[:0]
	m.overrides, m.afters = m.overrides[:0], m.afters[:0]
}

// asidePiece appends a separator standing for raw[from] and then
// raw[from:to], as sep and emitRun would, in one piece (its white space
// kept: what it holds is no text a page shows, a tag or a script).
func (m *markupReader) asidePiece(from, to int) {
	if n := len(m.view); m.pending >= 0 || n >= len(markupSep) && string(m.view[n-len(markupSep):]) == markupSep {
		// a boundary to put first, or a separator there already
		m.sep(markupSep, from)
		m.emitRun(from, to) // one piece, its white space kept: a data: URL in it is read from its bytes (viewSource.rawOf)
		return
	}
	if !m.room(len(markupSep)+to-from, 1) {
		return
	}
	g := newSeg(len(m.view), from, to-from, false)
	g.pre = uint8(len(markupSep))
	m.segs = append(m.segs, g)
	m.view = append(m.view, markupSep...)
	n := len(m.view)
	m.view = append(m.view, m.raw[from:to]...)
	if m.html {
		spaceControls(m.view[n:])
	}
}

// read reads the document from raw[i] to its end into the view.
func (m *markupReader) read(i int) error {
	raw := m.raw
	for i < len(raw) {
		k := bytes.IndexByte(raw[i:], '<')
		if k < 0 {
			m.emit(i, len(raw))
			break
		}
		m.emit(i, i+k)
		i += k
		next, err := m.markup(i)
		if err != nil {
			return err
		}
		if m.err != nil {
			return m.err // a charge refused: the view is not read further
		}
		i = next
	}
	return m.err
}

// markup reads the markup that starts at raw[i] (a '<') and returns where
// the text goes on.
func (m *markupReader) markup(i int) (int, error) {
	raw := m.raw
	rest := raw[i:]
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		end := skipPast(raw, i+4, "-->")
		if m.html {
			end = htmlCommentEnd(raw, i+4)
		}
		m.aside(i, end)
		return end, nil
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		end := bytes.Index(raw[i+9:], []byte("]]>"))
		if end < 0 {
			m.emit(i+9, len(raw))
			return len(raw), nil
		}
		m.emit(i+9, i+9+end)
		return i + 9 + end + 3, nil
	case bytes.HasPrefix(rest, []byte("<?")):
		end := skipPast(raw, i+2, "?>")
		if m.html {
			// a bogus comment to a browser: it ends at the first '>'
			end = skipPast(raw, i+2, ">")
		}
		m.aside(i, end)
		return end, nil
	case bytes.HasPrefix(rest, []byte("<!")):
		return m.declaration(i)
	}
	j := i + 1
	closing := j < len(raw) && raw[j] == '/'
	if closing {
		j++
	}
	if closing && m.html && j < len(raw) && !isASCIILetterByte(raw[j]) {
		// </> renders nothing, and </ followed by anything but a letter
		// is a bogus comment up to the first '>': neither is text
		end := skipPast(raw, j, ">")
		m.aside(i, end)
		return end, nil
	}
	if j >= len(raw) || !isASCIILetterByte(raw[j]) && (m.html || !xmlNameStart(raw[j])) {
		m.emit(i, i+1) // a '<' that starts no tag is text
		return i + 1, nil
	}
	nameStart := j
	for j < len(raw) && (isTagNameByte(raw[j]) || !m.html && raw[j] >= utf8.RuneSelf) {
		j++
	}
	// the name, lowered into a buffer the reader keeps: a body of tags
	// allocates nothing per tag for it
	m.name = appendLower(m.name[:0], raw[nameStart:j])
	name := m.name
	end := tagEnd(raw, j)
	m.aside(i, end) // the tag's name and attributes, read on their own
	open := m.html && !closing && raw[end-1] == '>'
	if open && (string(name) == "script" || string(name) == "style" ||
		!m.inHidden && (hiddenElement(name, raw[i:end]) || hiddenLeaf(raw, name, i, end) || m.sheetHidden(name, i, end) || m.unresolvedDecoy(name, end))) {
		// not rendered where it stands: its content is read on its own,
		// never joined with the text around it, and it separates nothing
		// (187<span hidden>9</span>67720441 and 187<script></script>67720441
		// both show a mobile). Script and style text is raw text.
		var close int
		if string(name) == "script" || string(name) == "style" {
			close = indexFold(raw, end, "</"+string(name)) // raw text: no element in it
		} else {
			close = hiddenClose(raw, end, name)
		}
		if m.docs && string(name) == "script" && scriptDocument(raw[end:close]) {
			m.scripts = append(m.scripts, [2]int{end, close})
		} else if string(name) == "script" || string(name) == "style" {
			m.aside(end, close)
		} else if close > end {
			m.hidden = append(m.hidden, [2]int{end, close})
		}
		return close, nil
	}
	switch {
	case m.html && hiddenInput(name, raw[i:end]):
		// renders nothing: separates nothing
	case !m.html && svgInline[string(name)]:
		// SVG text runs on through these: <text>138<tspan>1234…
	case !m.html || blockTags[string(name)]:
		// an image stands inline: right between two digits (a 1×1 pixel,
		// a broken one with an empty alt) it may show nothing between them
		if m.html {
			m.tableTag(name, i, closing)
		}
		if closing || bytes.HasSuffix(raw[i:end], []byte("/>")) || inlineStyled(raw[i:end]) || m.html && string(name) == "img" {
			m.boundary(i)
			if m.html && string(name) == "img" && !closing {
				// an image that does not load shows its alt text where
				// it stands: 138<img alt="1234" src=gone>5678
				if from, to, ok := attrSpan(raw[i:end], "alt"); ok {
					m.emit(i+from, i+to)
				}
			}
		} else {
			m.sep(markupSep, i)
			if !m.html {
				m.elementLabel(name, raw[i:end], i)
			} else {
				m.labelCell(name, i)
			}
		}
	case string(name) == "br":
		m.sep("\n", i)
	}
	if m.html && len(m.gen) > 0 {
		m.generated(name, i, end, closing)
	}
	// after the separator an opening block tag puts in the view: the
	// override runs over the block's text
	if m.html && string(name) == "bdo" {
		m.bdo(i, end, closing)
	} else if m.html {
		m.cssOverride(name, i, end, closing)
	}
	return end, nil
}

// attrSpan returns where the value of the attribute name (lower-case)
// stands in tag, an opening tag, quotes excluded.
func attrSpan(tag []byte, name string) (from, to int, ok bool) {
	low := asciiLower(tag)
	for at := 0; ; {
		k := bytes.Index(low[at:], []byte(name))
		if k < 0 {
			return 0, 0, false
		}
		k += at
		at = k + len(name)
		if k == 0 || !isSpaceByte(low[k-1]) && low[k-1] != '"' && low[k-1] != '\'' {
			continue // part of another name or value
		}
		if from, to, _, ok := attrValueSpan(tag, at); ok {
			return from, to, true
		}
	}
}

// bdo reads a <bdo> tag at raw[i:end] as the bidirectional override it
// is: <bdo dir=rtl> shows what it holds reversed, as U+202E does, up to
// its </bdo>, so the view holds U+202E there and U+202C at the close, for
// the reading of overrides (decodeBidi). Each stands for its tag.
func (m *markupReader) bdo(i, end int, closing bool) {
	switch {
	case closing && m.rtl > 0:
		m.rtl--
		m.synthetic(pdf, i)
	case !closing && attrValue(asciiLower(m.raw[i:end]), "dir") == "rtl":
		m.rtl++
		m.synthetic(rlo, i)
	}
}

// cssOverride follows elements a style turns into a right-to-left
// override, as <bdo dir=rtl> is (<span style="unicode-bidi:bidi-override;
// direction:rtl">87654321831</span> shows 13812345678), or a style
// sheet's rule selects (sheetOverride): U+202E in the view where one
// opens, U+202C where it closes. The name is made a string only when an
// override is kept: a tag allocates nothing.
func (m *markupReader) cssOverride(name []byte, i, end int, closing bool) {
	k := len(m.overrides) - 1
	switch {
	case closing && k >= 0 && m.overrides[k].name == string(name):
		if m.overrides[k].depth > 0 {
			m.overrides[k].depth--
			return
		}
		m.overrides = m.overrides[:k]
		m.synthetic(pdf, i)
	case closing || m.raw[end-1] != '>' || bytes.HasSuffix(m.raw[i:end], []byte("/>")):
	case rtlOverride(m.raw[i:end]) || m.sheetOverride(name, i, end):
		if k+1 < maxOverrides {
			m.overrides = append(m.overrides, openOverride{name: string(name)})
		}
		m.synthetic(rlo, i)
	case k >= 0 && m.overrides[k].name == string(name) && !voidElement(string(name)):
		m.overrides[k].depth++
	}
}

// voidElement reports the HTML elements that have no closing tag.
func voidElement(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr":
		return true
	}
	return false
}

// rtlOverride reports whether a tag's style overrides the bidirectional
// order right to left: unicode-bidi bidi-override (or isolate-override)
// with direction rtl in the style or dir=rtl on the element.
func rtlOverride(tag []byte) bool {
	if !maySpellOverride(tag) {
		return false // the common case: a tag that names no override, at no cost
	}
	t := asciiLower(tag)
	if bytes.IndexByte(t, '&') >= 0 {
		t = asciiLower(decodeAllCharRefs(t)) // a browser decodes references in attribute values: bidi&#45;override
	}
	style := styleAttr(t)
	if dec, _, ok := decodeCSSEscapes(style); ok {
		style = asciiLower(dec) // and CSS its own escapes: bidi-overrid\65
	}
	if !bytes.Contains(style, []byte("unicode-bidi:bidi-override")) && !bytes.Contains(style, []byte("unicode-bidi:isolate-override")) {
		return false
	}
	return bytes.Contains(style, []byte("direction:rtl")) || attrValue(t, "dir") == "rtl"
}

// maySpellOverride reports whether a tag may name a bidirectional
// override: it has a style attribute, and spells "override" in any case
// or holds an escape or a character reference that may spell it. Only
// such a tag is read further (lowered, decoded): the others cost nothing.
func maySpellOverride(tag []byte) bool {
	return containsFold(tag, "style") &&
		(bytes.IndexByte(tag, '\\') >= 0 || bytes.IndexByte(tag, '&') >= 0 || containsFold(tag, "override"))
}

// containsFold reports whether b contains s (lower-case ASCII), ignoring
// case. Only a byte that folds to s's first (itself, or its capital when
// it is a letter) can start a match: the others are skipped with
// bytes.IndexByte, which a whole body with no "<style" costs little.
func containsFold(b []byte, s string) bool {
	if s == "" {
		return true
	}
	if len(s) > len(b) {
		return false
	}
	c, upper := s[0], s[0]
	if c >= 'a' && c <= 'z' {
		upper = c - 0x20
	}
	starts := b[:len(b)-len(s)+1] // where a match may start
	lo, up := -1, -1              // the next c and the next upper at or after i (-1: not looked for yet)
	for i := 0; i < len(starts); {
		if lo < i {
			if lo = indexByteFrom(starts, c, i); lo < 0 {
				lo = len(starts)
			}
		}
		if up < i {
			if up = indexByteFrom(starts, upper, i); up < 0 {
				up = len(starts)
			}
		}
		if i = min(lo, up); i == len(starts) {
			return false
		}
		if hasPrefixFold(b[i:], s) {
			return true
		}
		i++
	}
	return false
}

// indexByteFrom returns the index in b of the first c at or after i, or -1.
func indexByteFrom(b []byte, c byte, i int) int {
	if j := bytes.IndexByte(b[i:], c); j >= 0 {
		return i + j
	}
	return -1
}

// styleAttr returns the value of a (lower-cased) tag's style attribute
// with its white space removed, or nil.
func styleAttr(t []byte) []byte {
	v := quotedAttr(t, "style")
	if v == "" {
		return nil
	}
	return bytes.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			return -1
		}
		return r
	}, []byte(v))
}

// synthetic appends s to the view, standing for the markup at raw[at].
func (m *markupReader) synthetic(s string, at int) {
	if !m.room(len(s), 1) {
		return
	}
	m.segs = append(m.segs, newSeg(len(m.view), at, len(s), true))
	m.view = append(m.view, s...)
	m.shownEnd = len(m.view)
}

// elementLabel puts the name of an XML element that names a phone, an ID
// or a card (<tel>, <idCard>) in the view before its text, as the label a
// reader of the document takes it for (tel: 138…): the groups of a number
// split over such elements (<tel>138</tel><tel>1234</tel>…,
// <phone><a>138</a><b>1234</b>…</phone>) are read joined behind it. A
// run of elements of one name is labelled once. An element whose name
// names nothing is labelled by its name, id or label attribute when that
// names one (<field name="phone">, <value id="idCard">: attrLabel).
func (m *markupReader) elementLabel(name, tag []byte, at int) {
	if word := fieldLabel(keyHint(name)); word != "" {
		m.label = "" // every element's value is labelled (elementlabels.go)
		m.synthetic(word, at)
		return
	}
	label := string(name)
	if keyHint(name)&siblingHint == 0 {
		if label = attrLabel(tag); label == "" {
			return
		}
	}
	if label == m.label {
		return
	}
	m.label = label
	m.synthetic(m.label+": ", at)
}

// labelAttrs are the attributes an element's value is labelled by.
var labelAttrs = [...]string{"name", "id", "label"}

// attrLabel returns the value of the first attribute of tag, an opening
// tag, among labelAttrs that names a phone, an ID or a card, or "".
func attrLabel(tag []byte) string {
	if bytes.IndexByte(tag, '=') < 0 {
		return ""
	}
	for _, a := range labelAttrs {
		if v := attrValue(tag, a); v != "" && keyHint([]byte(v))&siblingHint != 0 {
			return v
		}
	}
	return ""
}

// tagEnd returns where the tag whose attributes start at raw[j] ends:
// past its '>', quoted values skipped.
func tagEnd(raw []byte, j int) int {
	for j < len(raw) {
		switch c := raw[j]; c {
		case '>':
			return j + 1
		case '"', '\'':
			end := bytes.IndexByte(raw[j+1:], c)
			if end < 0 {
				return len(raw)
			}
			j += end + 2
		default:
			j++
		}
	}
	return len(raw)
}

// boundary marks a tag that may end a block or an XML element, or start
// one laid out inline: a closing tag, an empty element (<x/>), or a
// block element styled inline (<div style="display:inline">). What it
// separates is not one run unless it stands right between two digits,
// white space aside: 1381</div><div style="display:inline">2345678 is
// one number on the screen, <x>138<y/>12345678</x> one text to a reader
// of x. An opening block tag of no such style separates: two table cells,
// two paragraphs, two XML elements keep their values apart. (A style
// sheet can lay any element out inline by its class; that is not read.)
func (m *markupReader) boundary(i int) {
	if m.pending < 0 {
		m.pending = i
	}
}

// aside keeps raw[from:to], markup the view leaves out of the text (a
// tag with its attributes, a comment, a declaration), to be read on its
// own after the text: a value in an attribute, or in a comment a reader
// may see, is found there.
func (m *markupReader) aside(from, to int) {
	if to > from && m.roomAsides(1) {
		m.asides = append(m.asides, [2]int32{int32(from), int32(to)})
	}
}

// declaration reads a <!…> declaration (a document type, with an internal
// subset in brackets) and returns where it ends: in HTML at the first
// '>', as a browser ends it; in XML past its internal subset, quoted
// strings and comments skipped whole, as an XML parser skips them. An
// entity definition in it fails the document.
func (m *markupReader) declaration(i int) (int, error) {
	raw := m.raw
	depth := 0
	for j := i + 2; j < len(raw); j++ {
		switch c := raw[j]; c {
		case '"', '\'':
			if k := bytes.IndexByte(raw[j+1:], c); k >= 0 && !m.html {
				j += k + 1
			}
		case '[':
			depth++
		case ']':
			depth--
		case '<':
			if hasPrefixFold(raw[j:], "<!ENTITY") {
				return 0, malformedMarkup
			}
			if bytes.HasPrefix(raw[j:], []byte("<!--")) {
				j = skipPast(raw, j+4, "-->") - 1
			}
		case '>':
			if depth <= 0 || m.html { // a browser ends it at the first '>'
				m.aside(i, j+1)
				return j + 1, nil
			}
		}
	}
	m.aside(i, len(raw))
	return len(raw), nil
}

// hidingReading reads an HTML document once more with the elements its
// style sheets hide as decoys (markupViewHiding), and adds to spans (the
// findings of the first reading, mapped to b) those it finds that no span
// of the first covers; they are kept as the body's findings too.
func (in *inspector) hidingReading(b []byte, hint detect.CategorySet, spans []detect.Finding) []detect.Finding {
	view, segs, ok, err := markupViewHidingDocs(b, true, in.meter)
	if !ok || err != nil || in.failed() {
		return spans
	}
	in.viewSrc = viewSource{view: view, doc: b, segs: segs}
	found := in.read(view, hint)
	in.viewSrc = viewSource{}
	for k, f := range found {
		found[k] = rawFinding(b, view, segs, f)
	}
	added := uncovered(spans, found)
	in.account(added)
	return append(spans, added...)
}

// uncovered returns the findings of found (a second reading's, mapped to
// the document) that no finding of spans (the first reading's) covers:
// none starts at or before one and reaches its end. spans is sorted by
// start. found is reused.
func uncovered(spans, found []detect.Finding) []detect.Finding {
	// spans by start, with the furthest end so far: whether one covers a
	// finding is one binary search (a dense page has many of both)
	slices.SortFunc(spans, func(x, y detect.Finding) int { return x.Start - y.Start })
	reach := make([]int, len(spans))
	for k, g := range spans {
		reach[k] = g.End
		if k > 0 {
			reach[k] = max(reach[k], reach[k-1])
		}
	}
	added := found[:0]
	for _, f := range found {
		k, _ := slices.BinarySearchFunc(spans, f.Start+1, func(g detect.Finding, at int) int { return g.Start - at })
		if k == 0 || reach[k-1] < f.End {
			added = append(added, f) // no span starting at or before it reaches its end
		}
	}
	return added
}

// malformedMarkup is the error of a document that defines its own entities.
var malformedMarkup = malformed("a document type defining internal entities", nil)

// markupOnce inspects an HTML (html) or XML document through its markup
// view and returns the redacted document, or nil. Findings are mapped back
// to the raw bytes, and kept as the body's with the document's offsets; a
// mask may then cover markup that stood between the parts of one value
// (1<b></b>38… becomes one mask).
func (in *inspector) markupOnce(b []byte, hint detect.CategorySet, html bool) ([]byte, error) {
	view, segs, scripts, err := markupViewDocs(b, html, in.meter)
	if err != nil {
		return nil, err
	}
	in.inView = true
	in.viewSrc = viewSource{view: view, doc: b, segs: segs}
	var fs []detect.Finding
	if in.meter == nil || in.meter.err == nil {
		fs = in.read(view, hint)
	}
	in.viewSrc = viewSource{}
	spans := make([]detect.Finding, 0, len(fs))
	for k, f := range fs {
		raw := rawFinding(b, view, segs, f)
		if !html {
			spans = appendElementMasks(spans, b, segs, f, raw)
		} else {
			spans = append(spans, raw)
		}
		fs[k] = raw
	}
	// the body's findings stand where they are masked, in the document
	// (as the hiding reading's do), not in the view's separators
	in.account(fs)
	if html {
		spans = in.hidingReading(b, hint, spans)
	}
	docs := in.scriptDocs(b, scripts, hint)
	in.inView = false
	if !html {
		spans = append(spans, in.xmlRecordNames(b, fs)...) // (xmlrecordnames.go)
	}
	if len(spans)+len(docs) == 0 || in.mode != Redact {
		return nil, nil
	}
	// markup read aside comes after the text in the view: sorted and
	// merged, a span that reaches into the next one takes it in
	merged := mergeFindings(nil, spans)
	return detect.Apply(b, withDocs(merged, docs)), nil
}

// appendElementMasks appends to dst the masks of raw, an XML document's
// (doc) finding f mapped back to it: raw itself when it lies in one piece of
// text, else a mask of stars for each piece of text it takes in
// (<tel>138</tel><tel>1234</tel>… keeps its elements, and the document
// stays well formed).
func appendElementMasks(dst []detect.Finding, doc []byte, segs []viewSeg, f, raw detect.Finding) []detect.Finding {
	k, _ := slices.BinarySearchFunc(segs, f.Start, func(g viewSeg, v int) int { return g.viewEnd() - 1 - v })
	first := len(dst)
	for ; k < len(segs) && int(segs[k].view) < f.End; k++ {
		g := segs[k]
		if g.synthetic {
			continue
		}
		gv, gr := g.textAt(), int(g.raw)
		from, to := max(f.Start, gv), min(f.End, g.viewEnd())
		if from >= to {
			continue
		}
		piece := raw
		piece.Start, piece.End = gr+from-gv, gr+to-gv
		dst = append(dst, piece)
	}
	if len(dst)-first <= 1 {
		return append(dst[:first], raw)
	}
	for k := first; k < len(dst); k++ {
		dst[k].Masked = strings.Repeat("*", utf8.RuneCount(doc[dst[k].Start:dst[k].End]))
	}
	return dst
}

// hiddenElement reports an element a browser does not render: a
// template, or one with a hidden attribute or styled display:none. Only
// the attribute itself counts: a class such as "hidden-xs" hides nothing
// for sure, and reading its content aside would split what it shows.
func hiddenElement(name, tag []byte) bool {
	if string(name) != "template" && string(name) != "dialog" && !containsFold(tag, "hidden") && bytes.IndexByte(tag, ':') < 0 {
		// no hidden attribute, no display:none (however spaced): only a
		// style may hide it, at no cost for a tag with none
		return hiddenStyle(tag, false)
	}
	t := asciiLower(tag)
	switch string(name) {
	case "template":
		return true
	case "dialog": // shown only when open
		return !hasAttribute(t, "open")
	}
	return hasAttribute(t, "hidden") || bytes.Contains(bytes.ReplaceAll(t, []byte(" "), nil), []byte("display:none")) ||
		hiddenStyle(tag, false)
}

// hiddenLeaf reports whether the element whose opening tag is raw[i:end]
// holds only text, up to its closing tag, and a style leaves that text
// unseen in a way an element inside it could undo (hiddenStyle): a decoy
// such as <span style="font-size:0">9</span>. Only the text up to the
// next '<' is looked at.
func hiddenLeaf(raw, name []byte, i, end int) bool {
	return leafText(raw, name, end) && hiddenStyle(raw[i:end], true)
}

// leafText reports whether the element whose opening tag ends at raw[end]
// holds only text up to its closing tag.
func leafText(raw, name []byte, end int) bool {
	_, ok := leafClose(raw, name, end)
	return ok
}

// leafClose returns where the closing tag of the element name whose
// opening tag ends at raw[end] starts, when the element holds only text
// and comments up to it (<span class=h><!--x-->9</span>: a comment shows
// nothing). Each byte is looked at once, up to the first tag.
func leafClose(raw, name []byte, end int) (at int, ok bool) {
	for at = end; ; {
		k := bytes.IndexByte(raw[at:], '<')
		if k < 0 {
			countReadingSteps(len(raw) - at)
			return 0, false
		}
		countReadingSteps(k + 1)
		at += k
		if !bytes.HasPrefix(raw[at:], []byte("<!--")) {
			return at, hasPrefixFold(raw[at:], "</"+string(name))
		}
		next := htmlCommentEnd(raw, at+4)
		countReadingSteps(next - at)
		at = next
	}
}

// hiddenStyle reports whether a tag's style attribute leaves its content
// unseen: display none or opacity 0, which nothing inside undoes, and,
// when undoable is set, visibility hidden or collapse, font size 0 and a
// transparent colour, which an element inside may set back. The style
// is read as a browser reads it: character references and CSS escapes
// decoded, comments and white space taken out, any case.
func hiddenStyle(tag []byte, undoable bool) bool {
	if !containsFold(tag, "style") {
		return false // the common case, at no cost
	}
	return hidesContent(styleText(tag), undoable)
}

// hidesContent reports whether CSS declarations (lower case, white space
// taken out) leave an element's content unseen: hiddenStyle's rules, and
// an element put off the screen or clipped away as screen-reader-only
// text is (offScreen).
func hidesContent(style []byte, undoable bool) bool {
	if offScreen(style) {
		return true
	}
	for decl := range bytes.SplitSeq(style, []byte(";")) {
		name, val, _ := bytes.Cut(decl, []byte(":"))
		val = bytes.TrimSuffix(val, []byte("!important"))
		switch string(name) {
		case "display":
			if string(val) == "none" {
				return true
			}
		case "opacity":
			if zeroLength(val) {
				return true
			}
		case "visibility":
			if undoable && (string(val) == "hidden" || string(val) == "collapse") {
				return true
			}
		case "color":
			if undoable && string(val) == "transparent" {
				return true
			}
		case "font-size":
			if undoable && zeroLength(val) {
				return true
			}
		}
	}
	return false
}

// styleText returns the value of a tag's style attribute as CSS reads it:
// lower case, character references and CSS escapes decoded, comments and
// white space taken out.
func styleText(tag []byte) []byte {
	t := asciiLower(tag)
	if bytes.IndexByte(t, '&') >= 0 {
		t = asciiLower(decodeAllCharRefs(t))
	}
	style := stripCSSComments(styleAttr(t))
	if dec, _, ok := decodeCSSEscapes(style); ok {
		style = bytes.ReplaceAll(asciiLower(dec), []byte(" "), nil)
	}
	return style
}

// zeroLength reports whether a CSS value is a zero number or length (0,
// 0.0, 0px, 0em, 0%).
func zeroLength(v []byte) bool {
	v = bytes.TrimRight(v, "abcdefghijklmnopqrstuvwxyz%")
	return len(v) > 0 && bytes.IndexByte(v, '0') >= 0 && len(bytes.Trim(v, "0.")) == 0
}

// hasAttribute reports whether a lower-cased tag has the attribute name
// (as a name: after white space, before '=', white space or the end).
func hasAttribute(t []byte, name string) bool {
	for k := 0; ; {
		j := bytes.Index(t[k:], []byte(name))
		if j < 0 {
			return false
		}
		j += k
		end := j + len(name)
		if j > 0 && isSpaceByte(t[j-1]) && (end == len(t) || t[end] == '=' || t[end] == '>' || t[end] == '/' || isSpaceByte(t[end])) {
			return true
		}
		k = end
	}
}

// hiddenInput reports an <input type=hidden>, which renders nothing.
func hiddenInput(name, tag []byte) bool {
	if string(name) != "input" {
		return false
	}
	t := bytes.ReplaceAll(asciiLower(tag), []byte(" "), nil)
	return bytes.Contains(t, []byte("type=hidden")) || bytes.Contains(t, []byte(`type="hidden"`)) ||
		bytes.Contains(t, []byte("type='hidden'"))
}

// inlineStyled reports whether a tag's style attribute lays the element
// out in a line with its neighbours.
func inlineStyled(tag []byte) bool {
	if !containsFold(tag, "style") {
		return false // the common case, at no cost
	}
	t := asciiLower(tag)
	k := bytes.Index(t, []byte("style"))
	if k < 0 {
		return false
	}
	style := t[k:]
	for _, v := range []string{"inline", "contents", "float", "table-cell"} {
		if bytes.Contains(style, []byte(v)) {
			return true
		}
	}
	return false
}

// allSpace reports whether b is HTML white space only.
func allSpace(b []byte) bool {
	for _, c := range b {
		if !isSpaceByte(c) {
			return false
		}
	}
	return true
}

// endsWithDigit reports whether the view, white space aside, ends with a
// digit: ASCII, full-width, or a character reference to one.
func endsWithDigit(view []byte) bool {
	v := bytes.TrimRight(view, " \t\n\r\f")
	if len(v) == 0 {
		return false
	}
	if c := v[len(v)-1]; c >= '0' && c <= '9' {
		return true
	}
	r, _ := utf8.DecodeLastRune(v)
	if r >= '０' && r <= '９' {
		return true
	}
	if k := bytes.LastIndexByte(v, '&'); k >= 0 && len(v)-k <= 16 {
		r, n := detect.DecodeCharRef(v[k:])
		return n == len(v)-k && (r >= '0' && r <= '9' || r >= '０' && r <= '９')
	}
	return false
}

// startsWithDigit reports whether text, white space aside, starts with a
// digit: ASCII, full-width, or a character reference to one.
func startsWithDigit(text []byte) bool {
	t := bytes.TrimLeft(text, " \t\n\r\f")
	if len(t) == 0 {
		return false
	}
	r, _ := utf8.DecodeRune(t)
	if t[0] == '&' {
		r, _ = detect.DecodeCharRef(t)
	}
	return r >= '0' && r <= '9' || r >= '０' && r <= '９'
}

// htmlCommentEnd returns where an HTML comment whose text starts at
// raw[from] (past "<!--") ends, as the HTML tokenizer ends it: right away
// for <!--> and <!--->, else past the first "-->" or "--!>", or at the
// end of raw.
func htmlCommentEnd(raw []byte, from int) int {
	rest := raw[from:]
	switch {
	case bytes.HasPrefix(rest, []byte(">")):
		return from + 1
	case bytes.HasPrefix(rest, []byte("->")):
		return from + 2
	}
	for at := from; ; {
		k := bytes.Index(raw[at:], []byte("--"))
		if k < 0 {
			return len(raw)
		}
		at += k + 2
		if bytes.HasPrefix(raw[at:], []byte(">")) {
			return at + 1
		}
		if bytes.HasPrefix(raw[at:], []byte("!>")) {
			return at + 2
		}
		at-- // "--->": the second dash may start the "--" that ends it
	}
}

// skipPast returns the offset just past the first sep at or after from, or
// len(b) when there is none (an unterminated comment runs to the end).
func skipPast(b []byte, from int, sep string) int {
	if k := bytes.Index(b[from:], []byte(sep)); k >= 0 {
		return from + k + len(sep)
	}
	return len(b)
}

// indexFold returns the offset of the first s (ASCII, lower case) at or
// after from, ignoring case, or len(b).
func indexFold(b []byte, from int, s string) int {
	for from < len(b) {
		k := bytes.IndexByte(b[from:], '<')
		if k < 0 {
			break
		}
		from += k
		if hasPrefixFold(b[from:], s) {
			return from
		}
		from++
	}
	return len(b)
}

// lowerTag returns the tag at raw[i:end] lower-cased, in a buffer the
// reader keeps (valid until the next call): the rules of a style sheet
// are matched against every tag, and a tag allocates nothing for it.
func (m *markupReader) lowerTag(i, end int) []byte {
	m.lower = appendLower(m.lower[:0], m.raw[i:end])
	return m.lower
}

// appendLower appends b lower-cased (ASCII) to dst.
func appendLower(dst, b []byte) []byte {
	for _, c := range b {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// hasPrefixFold reports whether b starts with s (ASCII), ignoring case.
func hasPrefixFold(b []byte, s string) bool {
	return len(b) >= len(s) && bytes.EqualFold(b[:len(s)], []byte(s))
}

func isASCIILetterByte(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

func isTagNameByte(c byte) bool {
	return isASCIILetterByte(c) || c >= '0' && c <= '9' || c == '-' || c == ':' || c == '_' || c == '.'
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
