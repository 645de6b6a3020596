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
// read 138|1350|4277).
func (m *markupReader) unresolvedDecoy(name []byte, end int) bool {
	// the view's last bytes only: a long run of white space at its end
	// is looked at once a tag, not in full
	if !m.unresolved || m.pending >= 0 && blockTags[string(name)] || !endsWithDigit(m.view[max(0, len(m.view)-decoyReach):]) {
		return false
	}
	raw := m.raw
	k := bytes.IndexByte(raw[end:], '<')
	if k <= 0 || !hasPrefixFold(raw[end+k:], "</"+string(name)) {
		return false
	}
	gt := bytes.IndexByte(raw[end+k:], '>')
	if gt < 0 {
		return false
	}
	after := raw[end+k+gt+1:]
	if len(after) == 0 || after[0] != '<' && !startsWithDigit(after) {
		return false
	}
	m.decoys++
	return true
}

// decoyReach is how far back from a tag unresolvedDecoy looks for the
// digit before it (white space and a character reference included).
const decoyReach = 32

// mayHoldDecoy reports whether raw holds a closing tag followed by a
// digit: where an element read by unresolvedDecoy may end. Only then is
// a page read a second time for decoys its rules do not hide.
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
		i += k + gt + 1
		if startsWithDigit(raw[i:]) {
			return true
		}
	}
}
