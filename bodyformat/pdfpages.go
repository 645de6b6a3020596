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
// dictionary is not read is not split (fail closed).

// pdfPageSpan is a stretch of the file, from the first to the last
// content stream object of a page, or of pages whose stretches overlap
// (their streams interleaved, or a stream of two pages).
type pdfPageSpan struct{ lo, hi int }

// maxPDFPageRefs bounds the content stream references pdfPageSpans reads;
// a file with more has no pages told apart.
const maxPDFPageRefs = 1 << 16

// pdfPageSpans returns the stretches of file b its pages' content
// streams lie in, sorted and apart: each stream named by a page's
// /Contents (a reference, an array of them, or a reference to such an
// array) placed where its object's "obj" ends (the last definition of
// it). The objects found and the references are charged to m; a file of
// more than maxPDFLengthObjects objects or maxPDFPageRefs references, or
// a budget that refuses, has none (no pages told apart).
func pdfPageSpans(b []byte, m *meter) []pdfPageSpan {
	objs := map[[2]int]int{}
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
				return nil
			}
		}
		objs[[2]int{num, gen}] = k
	}
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
			if o, ok := objs[[2]int{num, gen}]; ok {
				span.lo, span.hi = min(span.lo, o), max(span.hi, o)
			}
			j = end
		}
	}
	// arrays is the span of each array object named, read once
	arrays := map[int]pdfPageSpan{}
	key := []byte("/Contents")
	for k := 0; k < len(b); {
		at := bytes.Index(b[k:], key)
		if at < 0 {
			break
		}
		countReadingSteps(at + len(key))
		j := k + at + len(key)
		k = j
		if j < len(b) && isPDFRegular(b[j]) {
			continue // another name
		}
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
				if o, found := objs[[2]int{num, gen}]; found {
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
		if !ok {
			return nil
		}
		if span.hi >= 0 {
			if len(spans) == cap(spans) {
				n := max(16, 2*cap(spans))
				if m.reserve(int64(n)*16) != nil {
					return nil
				}
				spans = append(make([]pdfPageSpan, 0, n), spans...)
			}
			spans = append(spans, span)
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
	return spans[:n]
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
// pages. It keeps the stream's page as the text's.
func (sc *pdfScanner) samePage(b []byte, o int) bool {
	if !sc.pagesRead {
		sc.pages, sc.pagesRead = pdfPageSpans(b, sc.in.meter), true
	}
	p := pdfPageAt(sc.pages, o) + 1
	same := p == 0 || sc.page == 0 || p == sc.page
	if p > 0 {
		sc.page = p
	}
	return same
}
