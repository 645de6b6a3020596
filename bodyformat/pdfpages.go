package bodyformat

import (
	"bytes"
	"slices"
)

// A viewer lays out a page's text over all its content streams: pdf.js
// reads a page's /Contents as one stream, and poppler's TextOutputDev
// gathers a page's text before it builds its lines, so a line drawn in
// one stream and gone back to in another is one line. The reading goes
// through the file's streams in file order; pdfPageSpans finds the
// stretches of the file each page's content streams lie in, and the
// uncompressed streams that follow one another in one stretch are read
// into one text (pdfScanner.page), laid out together. A stream in no
// page's stretch (its page dictionary not found, or not a page's stream)
// is read with the stream before it: pages are told apart only when both
// streams are known to be of different pages, so a page whose
// dictionary is not read is not split (fail closed). Page dictionaries
// compressed in object streams are read from them (pdfObjStreams); an
// encrypted file's object streams are not, and it has no pages told
// apart.

// pdfPageSpan is a stretch of the file, from the first to the last
// content stream object of a page, or of pages whose stretches overlap
// (their streams interleaved, or a stream of two pages).
type pdfPageSpan struct{ lo, hi int }

// maxPDFPageRefs bounds the content stream references pdfPageSpans reads;
// a file with more has no pages told apart.
const maxPDFPageRefs = 1 << 16

// pdfPageSpans returns the stretches of file b its pages' content
// streams lie in (pdfReadPages), charged to m.
func pdfPageSpans(b []byte, m *meter) []pdfPageSpan {
	in := &inspector{lim: Limits{}.withDefaults(), meter: m}
	return pdfReadPages(b, in.newPDFScanner(false, nil, 0, 0, nil)).spans
}

// pdfPages is what the reading knows of a file's pages: the stretches
// their content streams lie in, and the form XObjects each stretch's
// pages draw (pdfforms.go).
type pdfPages struct {
	spans []pdfPageSpan
	// forms[k] are the forms the pages of spans[k] name, by name (and
	// the forms those name); known are all of them, by object
	forms []map[string][]int
	known map[int]*pdfForm
	// deep: a page's /Parent chain is longer than maxPDFParentDepth (or
	// goes round), its forms are named deeper than maxPDFFormDepth or
	// more than maxPDFFormNames, the file has more objects than
	// maxPDFLengthObjects or /Contents references than maxPDFPageRefs, or
	// the budget refused: the pages cannot be read in full, and the body
	// is refused (pageOf), never read as less
	deep bool
}

// pdfReadPages returns the stretches of file b its pages' content streams
// lie in, sorted and apart: each stream named by a page's /Contents (the
// key spelt with #xx escapes or not; a reference, an array of them, or a
// reference to such an array) placed where its object's "obj" ends (the
// last definition of it), page dictionaries compressed in object streams
// read too (pdfObjStreams); and the form XObjects each stretch's pages name
// in their /Resources (pdfFindForms). The objects found and the references
// are charged to m; a file of more than maxPDFLengthObjects objects or
// maxPDFPageRefs references, or a budget that refuses, is deep (refused:
// without its pages, the forms they draw would not be read where drawn); so
// is one with an object stream the reading cannot read, or whose page
// reading follows a reference to an object defined both in an object stream
// and elsewhere. The streams are found as sc finds them (its /Length
// objects), and decoded with sc's decoders.
func pdfReadPages(b []byte, sc *pdfScanner) pdfPages {
	m := sc.in.meter
	objs := map[[2]int]int{}
	// starts are where each " obj" stands, in order: the object a
	// /Contents is in is the last one before it
	var starts []int
	for o := range pdfObjKeywords(b) {
		k := o + 4
		if k < len(b) && isPDFRegular(b[k]) {
			continue
		}
		num, gen, ok := pdfObjectNumber(b, o)
		if !ok {
			continue
		}
		if _, seen := objs[[2]int{num, gen}]; !seen {
			if len(objs) >= maxPDFLengthObjects || m.reserve(64) != nil {
				return pdfPages{deep: true}
			}
		}
		objs[[2]int{num, gen}] = k
		if len(starts) == cap(starts) {
			n := max(64, 2*cap(starts))
			if n > 4*maxPDFLengthObjects || m.reserve(int64(n)*8) != nil {
				return pdfPages{deep: true}
			}
			starts = append(make([]int, 0, n), starts...)
		}
		starts = append(starts, o)
	}
	stms, state := sc.pdfObjStreams(b, objs, starts)
	defer m.release(stms.charged) // the objects are read once
	switch state {
	case pdfObjStmRefused:
		return pdfPages{deep: true}
	case pdfObjStmEncrypted:
		return pdfPages{} // page dictionaries the reading does not see
	}
	// b is read with the objects of its object streams after it
	plain := len(b)
	b, starts = stms.ext, stms.starts
	f := newPDFFormFinder(b, objs, starts, m)
	f.plain, f.ambiguous, f.compressed = plain, stms.ambiguous, stms.compressed
	// pages are the page objects found, each with a stream of it
	type pageAt struct{ obj, at int }
	var pages []pageAt
	var spans []pdfPageSpan
	refs := 0
	// refsAt reads the references of an array opening at b[j] into span
	refsAt := func(j int, span *pdfPageSpan) bool {
		for {
			s := j
			for j < len(b) && pdfSpace(b[j]) {
				j++
			}
			countReadingSteps(j - s + 1)
			num, end, ok := pdfInt(b, j)
			if !ok {
				return true
			}
			gen, end, ok := pdfRef(b, end)
			if !ok {
				return true
			}
			if refs++; refs > maxPDFPageRefs {
				return false
			}
			if o, ok := f.obj(num, gen); ok {
				span.lo, span.hi = min(span.lo, o), max(span.hi, o)
			}
			j = end
		}
	}
	// arrays is the span of each array object named, read once
	arrays := map[int]pdfPageSpan{}
	// escaped: a /Contents may be spelt with #xx escapes (/Cont#65nts)
	escaped := bytes.IndexByte(b, '#') >= 0
	countReadingSteps(len(b)/8 + 1)
	for k := 0; k < len(b); {
		at := pdfNextKey(b[k:], "/Contents", escaped)
		if at < 0 {
			break
		}
		j := k + at
		k = j
		for j < len(b) && pdfSpace(b[j]) {
			j++
			countReadingSteps(1)
		}
		span := pdfPageSpan{len(b), -1}
		ok := true
		if j < len(b) && b[j] == '[' {
			ok = refsAt(j+1, &span)
		} else if num, end, isInt := pdfInt(b, j); isInt {
			if gen, _, isRef := pdfRef(b, end); isRef {
				if o, found := f.obj(num, gen); found {
					d := o
					for d < len(b) && d-o < 64 && pdfSpace(b[d]) {
						d++
					}
					countReadingSteps(d - o + 1)
					if a, read := arrays[d]; read {
						span = a
					} else if d < len(b) && b[d] == '[' {
						// a reference to an array, read once
						if ok = refsAt(d+1, &span); ok && m.reserve(48) == nil {
							arrays[d] = span
						}
					} else {
						span = pdfPageSpan{o, o}
					}
				}
			}
		}
		if !ok || f.unsure {
			return pdfPages{deep: true}
		}
		if span.hi >= 0 {
			if len(spans) == cap(spans) {
				n := max(16, 2*cap(spans))
				if m.reserve(int64(n)*16) != nil {
					return pdfPages{deep: true}
				}
				spans = append(make([]pdfPageSpan, 0, n), spans...)
			}
			spans = append(spans, span)
			// the object the /Contents is in: its page
			if p, _ := slices.BinarySearch(starts, k); p > 0 {
				if len(pages) == cap(pages) {
					n := max(16, 2*cap(pages))
					if m.reserve(int64(n)*16) != nil {
						return pdfPages{deep: true}
					}
					pages = append(make([]pageAt, 0, n), pages...)
				}
				pages = append(pages, pageAt{starts[p-1] + 4, span.lo})
			}
		}
	}
	slices.SortFunc(spans, func(a, b pdfPageSpan) int { return a.lo - b.lo })
	countReadingSteps(len(spans))
	n := 0
	for _, s := range spans {
		if n > 0 && s.lo <= spans[n-1].hi {
			spans[n-1].hi = max(spans[n-1].hi, s.hi)
			continue
		}
		spans[n] = s
		n++
	}
	spans = spans[:n]
	pg := pdfPages{spans: spans}
	if len(pages) == 0 {
		return pg
	}
	pg.forms = make([]map[string][]int, len(spans))
	for _, p := range pages {
		if !f.pageForms(p.obj, pdfPageAt(spans, p.at), pg.forms) || f.unsure {
			return pdfPages{deep: true}
		}
	}
	pg.known = f.forms
	return pg
}

// pdfPageAt is the index of the span holding offset o, or -1.
func pdfPageAt(spans []pdfPageSpan, o int) int {
	k, _ := slices.BinarySearchFunc(spans, o, func(s pdfPageSpan, o int) int {
		if s.hi < o {
			return -1
		}
		if s.lo > o {
			return 1
		}
		return 0
	})
	if k < len(spans) && spans[k].lo <= o && o <= spans[k].hi {
		return k
	}
	return -1
}

// samePage reports whether the stream whose object's "obj" ends at o in
// file b is read into the text of the streams before it: unless both it
// and the last of those whose page is known are of known, different
// pages. It keeps the stream's page as the text's. A file whose page
// tree or forms are deeper (or more) than the reading follows
// (pdfPages.deep) is refused: read as one text, a form inherited from far
// up or named deep would be laid out with another page.
func (sc *pdfScanner) samePage(b []byte, o int) (bool, error) {
	p, err := sc.pageOf(b, o)
	if err != nil {
		return false, err
	}
	same := p == 0 || sc.page == 0 || p == sc.page
	if p > 0 {
		sc.page = p
	}
	return same, nil
}

// pageOf returns one more than the index of the page stretch holding the
// stream whose object's "obj" ends at o in file b, 0 for none; the pages
// are read when first needed. A file whose pages or forms are deeper or
// more than the reading follows (pdfPages.deep) is refused.
func (sc *pdfScanner) pageOf(b []byte, o int) (int, error) {
	if !sc.pagesRead {
		sc.pages, sc.pagesRead = pdfReadPages(b, sc), true
	}
	if sc.pages.deep {
		return 0, malformed("PDF pages or forms deeper or more than the reading follows", nil)
	}
	return pdfPageAt(sc.pages.spans, o) + 1, nil
}
