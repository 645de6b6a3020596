package bodyformat

import (
	"bytes"
	"strconv"
)

// Decoys hidden by a style sheet or put off the screen: a page's <style>
// may hide an element by its class (.d{display:none}, .sr-only{position:
// absolute;clip:rect(0,0,0,0)}), and 138<span class=d>000</span>12345678
// then shows 13812345678 while the markup reads 13800012345678. The rules
// that hide give selectors (matched by their last compound, as the
// overriding rules of bidisheet.go are), and markupViewHiding reads the
// elements they may select as decoys. The rule may hold only in print or
// on a small screen, so the view without it is read too. An element
// between digits that no rule of the page hides may be hidden by a sheet
// the page links: it is a decoy in that view too (unresolvedDecoy).

// sheetHiders returns the selectors of the rules of raw's <style> elements
// that hide what they select (hidesContent, any hiding a child may undo
// included); all is true when there are more than maxSheetSelectors.
func sheetHiders(raw []byte) ([]sheetSelector, bool) {
	if !containsFold(raw, "<style") {
		return nil, false
	}
	return sheetSelectors(raw, func(decls []byte) bool {
		return hidesContent(bytes.TrimPrefix(decls, []byte("{")), true)
	})
}

// sheetHidden reports whether a style sheet's hiding rule may select the
// element of the tag at raw[i:end] and the element holds only text: a
// decoy.
func (m *markupReader) sheetHidden(name []byte, i, end int) bool {
	if len(m.hides) == 0 && !m.hidesAll || !leafText(m.raw, name, end) {
		return false
	}
	if m.hidesAll {
		return true
	}
	t := m.lowerTag(i, end)
	if bytes.IndexByte(t, '&') >= 0 {
		t = asciiLower(decodeAllCharRefs(t))
	}
	for _, s := range m.hides {
		if s.matches(string(name), t) {
			return true
		}
	}
	return false
}

// offScreen reports whether CSS declarations (lower case, white space
// taken out) put an element where it is not seen: positioned far off the
// screen, clipped to nothing, shrunk to nothing with its overflow hidden,
// scaled to nothing, or its text indented away.
func offScreen(style []byte) bool {
	var positioned, clipped, far, tiny, overflowHidden bool
	var width, height bool
	for decl := range bytes.SplitSeq(style, []byte(";")) {
		name, val, _ := bytes.Cut(decl, []byte(":"))
		val = bytes.TrimSuffix(val, []byte("!important"))
		switch string(name) {
		case "position":
			positioned = string(val) == "absolute" || string(val) == "fixed"
		case "clip":
			clipped = bytes.HasPrefix(val, []byte("rect(")) && !bytes.ContainsAny(bytes.TrimLeft(val[len("rect("):], "0px,. "), "23456789")
		case "clip-path":
			clipped = bytes.HasPrefix(val, []byte("inset(50%")) || bytes.HasPrefix(val, []byte("inset(100%")) || bytes.HasPrefix(val, []byte("circle(0"))
		case "left", "top", "right", "bottom", "margin-left", "margin-top":
			far = far || farNegative(val)
		case "text-indent":
			if farNegative(val) {
				return true
			}
		case "transform":
			if bytes.HasPrefix(val, []byte("scale(0)")) || bytes.HasPrefix(val, []byte("scale(0,")) {
				return true
			}
		case "width", "max-width":
			width = width || tinyLength(val)
		case "height", "max-height":
			height = height || tinyLength(val)
		case "overflow":
			overflowHidden = string(val) == "hidden" || string(val) == "clip"
		}
	}
	tiny = width && height && overflowHidden
	return positioned && (clipped || far) || tiny
}

// farNegative reports a length of -1000 units or further (left:-9999px).
func farNegative(v []byte) bool {
	if len(v) < 2 || v[0] != '-' {
		return false
	}
	n := bytes.TrimRight(v[1:], "abcdefghijklmnopqrstuvwxyz%")
	f, err := strconv.ParseFloat(string(n), 64)
	return err == nil && f >= 1000
}

// tinyLength reports a length of one pixel at most (0, 1px, 0.5px).
func tinyLength(v []byte) bool {
	n := bytes.TrimSuffix(v, []byte("px"))
	f, err := strconv.ParseFloat(string(n), 64)
	return err == nil && f <= 1 && (len(n) < len(v) || f == 0)
}

// unresolvedDecoy reports, in the view with decoys (m.unresolved), whether
// the element whose opening tag ends at raw[end] holds only text (some)
// and stands between digits: right after a digit of the view, and right
// before a digit or another tag (a second decoy may follow:
// 138<i class=a>0</i><i class=b>9</i>12345678). A style sheet the page
// links may hide it by its class, its id, its name or its place; the
// filter cannot tell, so it reads it as a decoy (counted in m.decoys).
// A block opened after a block's end (a cell after a cell, a paragraph
// after a paragraph: m.pending) stands after no digit: it is laid out on
// its own, and read as a decoy its text would go after the page's, the
// cells read out of their order (<td>138</td><td>4277</td><td>…1350</td>
// read 138|1350|4277). An element opening a block after a number's
// block is one (openingDecoy).
func (m *markupReader) unresolvedDecoy(name []byte, end int) bool {
	if !m.unresolved {
		return false
	}
	// the view's last bytes only, the blank text after its last shown
	// character aside (5390&nbsp;<span class=h>9</span>): a long run of
	// white space at its end is looked at once a tag, not in full
	if m.pending >= 0 && blockTags[string(name)] || !endsWithDigit(m.view[max(0, m.shownEnd-decoyReach):m.shownEnd]) {
		return m.openingDecoy(name, end)
	}
	// what follows it: a tag, a digit, or the document's end (the last
	// data line of an event: 5390<span class=h>9</span>)
	after, ok := m.afterLeaf(name, end)
	if !ok || len(after) > 0 && after[0] != '<' && !startsWithDigit(after) {
		return false
	}
	m.decoys++
	return true
}

// openingDecoy reports whether the element whose opening tag ends at
// raw[end] is a decoy opening a block after a number's block: the view
// ends with a block's separator, a digit before it (<td>4277</td><td>,
// <li>4277</li><li>), the element holds only text (some), and a digit
// follows its end tag, or an inline element does (a second decoy may
// follow: <td><span class=a>9</span><span class=b>8</span>1350</td>),
// header cells as data cells (<th>4277</th><th>, its text ended by
// headCellEnd). A
// sheet the page links may hide it: the row then shows 138|4277|1350,
// where markupView's view reads 138|4277|91350. Read as a decoy, its text
// leaves the row, which keeps the page's order, and is read on its own
// after the page, as every decoy's is. A cell, a row or a list item
// itself (layoutTags) is no such decoy: the cells after it, read with a
// cell less, would stand under other columns' labels (tablelabels.go).
func (m *markupReader) openingDecoy(name []byte, end int) bool {
	v := m.view[:m.shownEnd] // blank text after the separator aside: <td>&nbsp;<span class=h>
	if layoutTags[string(name)] || !bytes.HasSuffix(v, []byte(markupSep)) {
		return false
	}
	// a header cell's text ends with headCellEnd (<th>4277</th><th>)
	v = bytes.TrimSuffix(v[:len(v)-len(markupSep)], []byte(headCellEnd))
	if !endsWithDigit(v[max(0, len(v)-decoyReach):]) {
		return false
	}
	if after, ok := m.afterLeaf(name, end); !ok || !startsWithDigit(after) && !opensInline(after) {
		return false
	}
	m.decoys++
	return true
}

// layoutTags are the elements a table or a list lays its values out in.
var layoutTags = map[string]bool{"td": true, "th": true, "tr": true, "caption": true, "li": true, "dt": true, "dd": true, "option": true}

// afterLeaf returns what follows the end tag of the element name whose
// opening tag ends at raw[end], when the element holds only text (some)
// and comments (leafClose), the blank text and comments right after the
// end tag passed over (blankLen: 9</span>&nbsp;\n</td> is followed by
// </td> as a browser shows it). Each byte after the end tag is looked at
// once: the next tag ends what is passed over.
func (m *markupReader) afterLeaf(name []byte, end int) (after []byte, ok bool) {
	raw := m.raw
	at, ok := leafClose(raw, name, end)
	if !ok || at == end {
		return nil, false
	}
	gt := bytes.IndexByte(raw[at:], '>')
	if gt < 0 {
		return nil, false
	}
	after = raw[at+gt+1:]
	return after[blankLen(after):], true
}

// opensInline reports whether b starts with the opening tag of an element
// laid out inline (no block: blockTags).
func opensInline(b []byte) bool {
	return len(b) >= 2 && b[0] == '<' && isASCIILetterByte(b[1]) && inlineName(b[1:])
}

// inlineName reports whether b starts with the name of an element laid
// out inline (no block: blockTags).
func inlineName(b []byte) bool {
	var buf [16]byte // the name lowered: no allocation
	j := 0
	for j < len(b) && j < len(buf) && isTagNameByte(b[j]) {
		j++
	}
	// a longer name, cut to buf's length, is no block's either
	return j > 0 && !blockTags[string(appendLower(buf[:0], b[:j]))]
}

// decoyReach is how far back from a tag unresolvedDecoy looks for the
// digit before it (white space and a character reference included).
const decoyReach = 32

// mayHoldDecoy reports whether raw holds a closing tag followed by a
// digit, or by inline elements' opening tags and then a digit
// (</span><b>1350), or an inline element closing a digit's text
// (closesAfterDigit): where an element read by unresolvedDecoy may end.
// Only then is a page read a second time for decoys its rules do not
// hide. The opening tags after a closing tag are looked at once more at
// most, by the search for the next closing tag; the bytes before a
// closing tag back to the end of the one before it once.
func mayHoldDecoy(raw []byte) bool {
	for i := 0; ; {
		k := bytes.Index(raw[i:], []byte("</"))
		if k < 0 {
			return false
		}
		gt := bytes.IndexByte(raw[i+k:], '>')
		if gt < 0 {
			return false // no later closing tag ends either
		}
		if closesAfterDigit(raw[i:i+k+gt+1], k) {
			return true
		}
		i += k + gt + 1
		j := i
		for opensInline(raw[j:]) {
			if gt := bytes.IndexByte(raw[j:], '>'); gt >= 0 {
				j += gt + 1
			} else {
				return false
			}
		}
		if startsWithDigit(raw[j:]) {
			return true
		}
	}
}

// closesAfterDigit reports whether the closing tag at b[at:] (b ends with
// it) ends an inline element holding only text whose opening tag follows
// a digit (5302<span class=h>9</span></td><td>1350: a decoy closing a
// cell, its digits read on in the next cell or the end of the row's
// number). Comments in the element, and blank text and comments between
// the digit and the element, show nothing and are passed over
// (5302<!--x--><span class=h><!--y-->9</span>: blankStart). The opening
// tag is looked for in b only; each byte of b is looked at a bounded
// number of times.
func closesAfterDigit(b []byte, at int) bool {
	if at == 0 || !inlineName(b[at+2:]) {
		return false
	}
	// the element's text, its comments aside
	text := false
	open := at
	for {
		gt := bytes.LastIndexByte(b[:open], '>')
		if gt < 0 {
			return false
		}
		text = text || gt+1 < open
		c := b[:gt+1]
		if !bytes.HasSuffix(c, []byte("-->")) && !bytes.HasSuffix(c, []byte("--!>")) {
			open = gt
			break
		}
		k := bytes.LastIndex(c[:len(c)-3], []byte("<!--"))
		if k < 0 {
			return false
		}
		open = k
	}
	lt := bytes.LastIndexByte(b[:open], '<')
	if !text || lt < 0 || !opensInline(b[lt:]) {
		return false
	}
	before := b[:blankStart(b[:lt], true)]
	return endsWithDigit(before[max(0, len(before)-decoyReach):])
}
