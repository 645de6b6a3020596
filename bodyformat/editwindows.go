package bodyformat

import "github.com/piifilter/caddy-pii-filter/detect"

// editReach is how far around a group of edits the windows of its
// reading can reach (changedWindows: a margin, an edge's reach for a
// quiet stretch, a rune and what detect.DigitAt reads past it), with room
// to spare: edits further apart than twice this are read in windows apart,
// each group built on its own.
const editReach = readingMargin + readingReach + 64

// editWindow is a window of a group's reading: dec[d0:d1] of the
// groups built (editedWindows), read with their offs[o0:o0+d1-d0+1].
type editWindow struct{ d0, d1, o0 int }

// findEdited is findChanged for a reading given as its edits of text:
// each group of edits near each other is built with editReach bytes of
// text around it, where changedWindows finds the same windows it finds in
// the reading whole (nothing it reads reaches further), and only those
// are read. When the groups would make most of the reading anyway, the
// reading is built whole and read as findChanged reads it; when an edge
// finds no quiet stretch, it is built whole and read whole, as
// findChanged would read it after changedWindows had failed at the same
// edge again. The findings are the same either way.
func (in *inspector) findEdited(text []byte, e *edits, hint detect.CategorySet, samples int) []detect.Finding {
	g := getReadingBuf()
	defer putReadingBuf(g)
	gc, _ := in.chargeReading(text, 0) // the groups, charged as they are built
	defer gc.done()
	ws, ok, edgeless := in.editedWindows(text, e, g, &gc)
	if in.failed() {
		return nil
	}
	ok = ok && !readingsWhole
	if !ok {
		ch, room := in.chargeReading(text, readingCost(e.builtLen(text)))
		defer ch.done()
		if !room {
			return nil
		}
		b := e.built(text)
		defer putReadingBuf(b)
		if edgeless || readingsWhole {
			return in.findIn(b.dec, b.offs, hint, samples)
		}
		return in.findChanged(text, b.dec, b.offs, hint, samples)
	}
	var fs []detect.Finding
	for _, w := range ws {
		if in.failed() {
			return nil
		}
		fs = append(fs, in.findIn(g.dec[w.d0:w.d1], g.offs[w.o0:w.o0+w.d1-w.d0+1], hint, samples)...)
	}
	return mergeFindings(nil, fs)
}

// editedWindows builds the groups of e's edits (editReach) into g,
// offsets in text, charged to gc before they are built (a long piece's),
// and returns the
// windows changedWindows finds in them, in order; ok is false when an
// edge finds no quiet stretch (edgeless: changedWindows fails on the
// reading whole too, at the same edge) or the groups hold more than half
// of text.
func (in *inspector) editedWindows(text []byte, e *edits, g *readingBuf, gc *readingCharge) (_ []editWindow, ok, edgeless bool) {
	dec, offs, ws := g.dec[:0], g.offs[:0], in.editWins[:0]
	defer func() { g.dec, g.offs, in.editWins = dec, offs, ws }()
	held := 0
	for k := 0; k < len(e.spans); {
		l := k + 1
		for l < len(e.spans) && int(e.spans[l].from)-int(e.spans[l-1].to) <= 2*editReach {
			l++
		}
		countReadingSteps(l - k)
		a := max(int(e.spans[k].from)-editReach, 0)
		b := min(int(e.spans[l-1].to)+editReach, len(text))
		if held += b - a; 2*held > len(text) {
			return ws, false, false
		}
		d0, o0 := len(dec), len(offs)
		// charged before it is built, by doubling: one charge for many
		// groups (the group's size bounds its reading: its text, and all
		// its edits' bytes)
		if need := readingCost(len(dec) + b - a + int(e.spans[l-1].r1-e.spans[k].r0)); need > gc.n {
			if !gc.more(max(need, min(2*gc.n, readingCost(len(text)))) - gc.n) {
				return ws, false, false
			}
		}
		dec, offs = e.region(text, a, b, e.spans[k:l], dec, offs, a)
		gw, ok := changedWindows(text[a:b], dec[d0:], offs[o0:], false, in.windows[:0])
		in.windows = gw
		if !ok {
			return ws, false, true
		}
		for i := o0; i < len(offs); i++ {
			offs[i] += int32(a)
		}
		for _, w := range gw {
			ws = append(ws, editWindow{d0 + w.from, d0 + w.to, o0 + w.from})
		}
		k = l
	}
	return ws, true, false
}

// readEdits reads text in r, a reading given as edits (textReading.edit),
// as read reads the others: the windows around its changes (findEdited),
// and as markup when it adds some (decodedMarkup). A first stage's edits
// are kept in firsts, for the readings that decode it further, until the
// piece is read (read gives them back then).
func (in *inspector) readEdits(text []byte, r textReading, firsts *firstReadings, hint detect.CategorySet, samples int) []detect.Finding {
	e := in.takeEdits()
	src := text
	if r.first == stagePercent && in.inView && len(text) > 0 {
		// a view's URLs: its separators end them, the page's own tabs and
		// line breaks do not (a reading of src is one of text)
		if src = in.viewSrc.urlText(text); &src[0] != &text[0] {
			ch, room := in.chargeReading(text, int64(len(src)))
			defer ch.done()
			if !room {
				return nil
			}
		}
	}
	ok := r.edit(src, e)
	in.holdEdits(e)
	if r.first != stageText {
		firsts.keepEdits(r.first, e, ok)
	}
	var fs []detect.Finding
	if ok {
		fs = in.findEdited(text, e, hint, samples)
		if !in.failed() && e.markupAdded(text) {
			if ch, room := in.chargeReading(text, readingCost(e.builtLen(text))); room {
				b := e.built(text)
				fs = mergeFindings(fs, in.decodedMarkup(text, b.dec, b.offs, hint, samples))
				putReadingBuf(b)
				ch.done()
			}
		}
	}
	if r.first == stageText || !ok {
		in.giveEdits(e)
	}
	return fs
}

// holdEdits charges the arrays e has grown into since last charged: the
// inspector holds its edits to the end (spareEdits), reused by every
// piece after; the arrays grown out of are garbage the collector has not
// yet taken.
func (in *inspector) holdEdits(e *edits) {
	if in.meter != nil && e.grown > 0 {
		in.meter.owe(e.grown)
	}
	e.grown = 0
}

// takeEdits returns empty edits, spare ones when there are.
func (in *inspector) takeEdits() *edits {
	if n := len(in.spareEdits); n > 0 {
		e := in.spareEdits[n-1]
		in.spareEdits = in.spareEdits[:n-1]
		e.reset()
		return e
	}
	return new(edits)
}

// giveEdits keeps e, which no reading holds any more, for takeEdits.
func (in *inspector) giveEdits(e *edits) {
	in.spareEdits = append(in.spareEdits, e)
}
