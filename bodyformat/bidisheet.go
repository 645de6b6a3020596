package bodyformat

import (
	"bytes"
	"strings"
)

// A style sheet can make an element a right-to-left override as a style
// attribute can: <style>.r{unicode-bidi:bidi-override;direction:rtl}
// </style> then <span class=r>87654321831</span> shows 13812345678. The
// rules of a page's <style> elements that do so (wherever they stand in
// the page) give selectors, and an element a selector may match is read
// as overriding (cssOverride). A selector is matched by its last compound
// only (span.r of div > span.r), pseudo-classes and attribute conditions
// left out: an element the browser does not reverse may be read reversed
// too, which only adds a reading.

// sheetSelector is the last compound of a selector that makes an element
// an override: an element name ("" or "*": any), an id and classes.
type sheetSelector struct {
	name, id string
	classes  []string
}

// maxSheetSelectors bounds the selectors followed; past it, every element
// is read as the selectors' (fail toward reading more).
const maxSheetSelectors = 64

// sheetOverrides returns the selectors of the rules of raw's <style>
// elements that set unicode-bidi to bidi-override or isolate-override,
// when the rule, or anything else in the page, sets direction rtl. all is
// true when there are more than maxSheetSelectors of them.
func sheetOverrides(raw []byte) (sels []sheetSelector, all bool) {
	if !containsFold(raw, "<style") {
		return nil, false // the common case, at one look
	}
	rtlElsewhere := containsFold(raw, "rtl")
	return sheetSelectors(raw, func(decls []byte) bool {
		return (bytes.Contains(decls, []byte("unicode-bidi:bidi-override")) || bytes.Contains(decls, []byte("unicode-bidi:isolate-override"))) &&
			(rtlElsewhere || bytes.Contains(decls, []byte("direction:rtl")))
	})
}

// sheetSelectors returns the selectors of the rules of raw's <style>
// elements whose declarations (lower case, white space and comments taken
// out, CSS escapes decoded) want says yes to; all is true when there are
// more than maxSheetSelectors of them.
func sheetSelectors(raw []byte, want func(decls []byte) bool) (sels []sheetSelector, all bool) {
	eachSheetRule(raw, func(prelude, decls []byte) bool {
		if !want(decls) {
			return true
		}
		for sel := range bytes.SplitSeq(prelude, []byte(",")) {
			if len(sels) == maxSheetSelectors {
				all = true
				return false
			}
			sels = append(sels, lastCompound(sel))
		}
		return true
	})
	return sels, all
}

// eachSheetRule calls rule with the prelude (selectors) and declarations
// of every rule of raw's <style> elements, in order, @media blocks looked
// into, until it returns false. The sheet is lower-cased, its comments
// taken out and its CSS escapes decoded; the declarations have their
// white space taken out too.
func eachSheetRule(raw []byte, rule func(prelude, decls []byte) bool) {
	for i := 0; ; {
		k := indexFold(raw, i, "<style")
		if k < 0 {
			return
		}
		open := bytes.IndexByte(raw[k:], '>')
		if open < 0 {
			return
		}
		start := k + open + 1
		end := indexFold(raw, start, "</style")
		if end < 0 {
			end = len(raw)
		}
		if !sheetRules(raw[start:end], rule) {
			return
		}
		i = end
	}
}

// sheetRules calls rule for every rule of one style sheet, as
// eachSheetRule does; it reports false when rule did.
func sheetRules(sheet []byte, rule func(prelude, decls []byte) bool) bool {
	if dec, _, ok := decodeCSSEscapes(sheet); ok {
		sheet = dec // bidi-overrid\65
	}
	sheet = stripCSSComments(asciiLower(sheet))
	for len(sheet) > 0 {
		open := bytes.IndexByte(sheet, '{')
		if open < 0 {
			break
		}
		prelude := bytes.TrimSpace(sheet[:open])
		if len(prelude) > 0 && prelude[0] == '@' {
			sheet = sheet[open+1:] // @media …{: its rules follow
			continue
		}
		close := bytes.IndexByte(sheet[open:], '}')
		if close < 0 {
			close = len(sheet) - open
		}
		decls := bytes.Map(dropSpace, sheet[open:open+close])
		sheet = sheet[min(len(sheet), open+close+1):]
		if !rule(prelude, decls) {
			return false
		}
	}
	return true
}

// dropSpace drops white space (bytes.Map).
func dropSpace(r rune) rune {
	if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
		return -1
	}
	return r
}

// stripCSSComments returns sheet with its /* comments */ taken out.
func stripCSSComments(sheet []byte) []byte {
	if !bytes.Contains(sheet, []byte("/*")) {
		return sheet
	}
	var out []byte
	for {
		k := bytes.Index(sheet, []byte("/*"))
		if k < 0 {
			return append(out, sheet...)
		}
		out = append(out, sheet[:k]...)
		e := bytes.Index(sheet[k+2:], []byte("*/"))
		if e < 0 {
			return out
		}
		sheet = sheet[k+2+e+2:]
	}
}

// lastCompound parses the last compound of a (lower-cased) selector: the
// part after its last combinator, without pseudo-classes and attribute
// conditions.
func lastCompound(sel []byte) sheetSelector {
	sel = bytes.TrimSpace(sel)
	if k := bytes.LastIndexAny(sel, " \t\n\r\f>+~"); k >= 0 {
		sel = sel[k+1:]
	}
	var s sheetSelector
	for len(sel) > 0 {
		c := sel[0]
		n := 1
		for n < len(sel) && !strings.ContainsRune(".#:[", rune(sel[n])) {
			n++
		}
		part := string(sel[1:n])
		switch c {
		case '.':
			s.classes = append(s.classes, part)
		case '#':
			s.id = part
		case ':', '[':
			// a condition left out
		default:
			s.name = string(sel[:n])
		}
		sel = sel[n:]
	}
	return s
}

// matches reports whether an element named name with the (lower-cased)
// tag t may be selected.
func (s sheetSelector) matches(name string, t []byte) bool {
	if s.name != "" && s.name != "*" && s.name != name {
		return false
	}
	if s.id != "" && attrValue(t, "id") != s.id {
		return false
	}
	if len(s.classes) > 0 {
		have := strings.Fields(quotedAttr(t, "class"))
		for _, c := range s.classes {
			found := false
			for _, h := range have {
				found = found || h == c
			}
			if !found {
				return false
			}
		}
	}
	return true
}

// quotedAttr returns the whole value of a (lower-cased) tag's attribute,
// quoted or not, or "".
func quotedAttr(t []byte, name string) string {
	for at := 0; ; {
		i := bytes.Index(t[at:], []byte(name))
		if i < 0 {
			return ""
		}
		i += at
		at = i + len(name)
		if i == 0 || !isSpaceByte(t[i-1]) && t[i-1] != '"' && t[i-1] != '\'' {
			continue
		}
		if from, to, _, ok := attrValueSpan(t, at); ok {
			return string(t[from:to])
		}
	}
}

// sheetOverride reports whether a style sheet's rule may make the
// element of the tag at raw[i:end] an override.
func (m *markupReader) sheetOverride(name []byte, i, end int) bool {
	if len(m.sheet) == 0 && !m.sheetAll {
		return false
	}
	if m.sheetAll {
		return true
	}
	t := m.lowerTag(i, end)
	if bytes.IndexByte(t, '&') >= 0 {
		t = asciiLower(decodeAllCharRefs(t))
	}
	for _, s := range m.sheet {
		if s.matches(string(name), t) {
			return true
		}
	}
	return false
}
