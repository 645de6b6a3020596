package bodyformat

import "slices"

// A markup view writes every tab, line break and form feed of the page as
// a space (a browser renders them as one), but a URL's reader takes tabs
// and line breaks out of the URL: 138<line break>12345678 in a data: URL
// is 13812345678 to the document it holds. So a data: URL read in a view
// is read from the page's own bytes, which the view maps back to, and a
// query's '+' (queryPluses) with the page's own tabs and line breaks
// (urlText): href="/s?q=138+<tab>1234+5678" requests ?q=138+1234+5678.

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

// urlText returns text, a markup view being read (or a window of one), as
// a URL's reader reads it: every tab and line break of the view stands
// for markup (a separator, a <br>) or for white space the view wrote, and
// ends a query there, so it is a space; where text is the view itself,
// the page's own tabs and line breaks are put back where the view wrote
// them as spaces (an attribute's URL holds them, and its reader takes them
// out). It is as long as text, byte for byte (a reading of it is a
// reading of text), and a copy only when it changes a byte.
func (v viewSource) urlText(text []byte) []byte {
	var out []byte
	put := func(j int, c byte) {
		if out == nil {
			out = append([]byte(nil), text...)
		}
		out[j] = c
	}
	countReadingSteps(len(text))
	for j, c := range text {
		if urlWhiteSpace(c) {
			put(j, ' ')
		}
	}
	if len(v.view) == len(text) && len(text) > 0 && &v.view[0] == &text[0] {
		for _, g := range v.segs {
			if g.synthetic {
				continue
			}
			r := int(g.raw) - g.textAt()
			countReadingSteps(int(g.n))
			for j := g.textAt(); j < g.viewEnd(); j++ {
				if c := v.doc[r+j]; urlWhiteSpace(c) && text[j] == ' ' {
					put(j, c)
				}
			}
		}
	}
	if out == nil {
		return text
	}
	return out
}
