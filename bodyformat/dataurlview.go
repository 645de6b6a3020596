package bodyformat

import "slices"

// A markup view writes every tab, line break and form feed of the page as
// a space (a browser renders them as one), but a URL's reader takes tabs
// and line breaks out of the URL: 138<line break>12345678 in a data: URL
// is 13812345678 to the document it holds. So a data: URL read in a view
// is read from the page's own bytes, which the view maps back to.

// viewSource is a markup view being read and the document it is the view
// of, with the pieces that map one to the other.
type viewSource struct {
	view, doc []byte
	segs      []viewSeg
}

// rawOf returns the document's bytes behind text[start:end], when text is
// the view and that stretch is one piece of it copied from the document
// (a tag, its attributes in it); else text[start:end].
func (v viewSource) rawOf(text []byte, start, end int) []byte {
	if end <= start || len(v.view) != len(text) || len(text) == 0 || &v.view[0] != &text[0] {
		return text[start:end]
	}
	k, found := slices.BinarySearchFunc(v.segs, start, func(g viewSeg, at int) int { return int(g.view) - at })
	if !found {
		k--
	}
	if k < 0 {
		return text[start:end]
	}
	g := v.segs[k]
	if g.synthetic || start < g.textAt() || g.viewEnd() < end {
		return text[start:end]
	}
	r := int(g.raw) - g.textAt()
	return v.doc[r+start : r+end]
}
