package bodyformat

import "bytes"

// A style sheet can put text on the page that no element holds:
// .t::before { content: "138" } shows 138 before every element of class t,
// and content: attr(data-x) the value of that element's attribute (strings
// and attr() in any number and order, as the browser writes them one
// after the other); ::marker's content stands before a list item's. So
// <span class=t></span>12345678 shows a mobile. The HTML view puts the
// content of the page's own ::before and ::after rules where the browser
// shows it, mapped to the element's opening (before) or closing (after)
// tag: a number it completes is masked with the tag, which removes the
// generated text with its element. Rules are matched as the override
// rules are (a selector's last compound; sheetSelector).

// maxGenerated bounds the rules with generated content followed,
// maxGeneratedText the text one of them puts in, and maxContentParts the
// strings and attr() of one content value.
const (
	maxGenerated     = 64
	maxGeneratedText = 256
	maxContentParts  = 16
)

// generatedContent is what a rule of a style sheet puts before or after
// the elements it selects.
type generatedContent struct {
	sel   sheetSelector
	after bool
	parts []contentPart
}

// contentPart is one part of a content value: text, or the value of the
// attribute named by text when attr is set.
type contentPart struct {
	text string
	attr bool
}

// sheetContents returns the rules of raw's <style> elements that put text
// before or after elements, at most maxGenerated of them.
func sheetContents(raw []byte) []generatedContent {
	if !containsFold(raw, "<style") || !containsFold(raw, "content") {
		return nil // the common case, at one look
	}
	var out []generatedContent
	eachSheetRule(raw, func(prelude, decls []byte) bool {
		parts := contentValue(decls)
		if len(parts) == 0 {
			return true
		}
		for sel := range bytes.SplitSeq(prelude, []byte(",")) {
			sel = bytes.TrimSpace(sel)
			after := bytes.HasSuffix(sel, []byte(":after"))
			if !after && !bytes.HasSuffix(sel, []byte(":before")) && !bytes.HasSuffix(sel, []byte("::marker")) {
				continue
			}
			if len(out) == maxGenerated {
				return false
			}
			out = append(out, generatedContent{sel: lastCompound(sel), after: after, parts: parts})
		}
		return true
	})
	return out
}

// contentValue reads the content declaration of a rule's declarations
// (white space taken out): its strings and the attributes its attr()
// read, in order.
func contentValue(decls []byte) []contentPart {
	k := bytes.Index(decls, []byte("content:"))
	if k < 0 || k > 0 && decls[k-1] != '{' && decls[k-1] != ';' {
		return nil
	}
	v := decls[k+len("content:"):]
	var parts []contentPart
	size := 0
	for len(v) > 0 && v[0] != ';' && v[0] != '}' && size < maxGeneratedText && len(parts) < maxContentParts {
		switch {
		case v[0] == '"' || v[0] == '\'':
			end := bytes.IndexByte(v[1:], v[0])
			if end < 0 {
				end = len(v) - 1
			}
			text := v[1 : 1+min(end, maxGeneratedText-size)]
			parts = append(parts, contentPart{text: string(text)})
			size += len(text)
			v = v[min(len(v), end+2):]
		case bytes.HasPrefix(v, []byte("attr(")):
			end := bytes.IndexByte(v, ')')
			if end < 0 {
				end = len(v)
			}
			parts = append(parts, contentPart{text: string(v[len("attr("):end]), attr: true})
			v = v[min(len(v), end+1):]
		default:
			v = v[1:]
		}
	}
	return parts
}

// textFor returns what content puts in for the element whose opening tag,
// in lower case, is tag: its strings and the values of the attributes
// its attr() read, one after the other.
func (g generatedContent) textFor(tag []byte) string {
	if len(g.parts) == 1 && !g.parts[0].attr {
		return g.parts[0].text
	}
	var b []byte
	for _, p := range g.parts {
		if p.attr {
			b = append(b, quotedAttr(tag, p.text)...)
		} else {
			b = append(b, p.text...)
		}
	}
	return string(b[:min(len(b), maxGeneratedText)])
}

// generated puts the generated content of the element whose tag is
// raw[i:end] in the view: a ::before rule's at once, mapped to the tag; an
// ::after rule's at the element's closing tag, mapped to that tag's last
// byte. What the rules put in is bounded by the page's own size.
func (m *markupReader) generated(name []byte, i, end int, closing bool) {
	if closing {
		for k := len(m.afters) - 1; k >= 0; k-- {
			if m.afters[k].name == string(name) {
				m.insertGenerated(m.afters[k].text, end-1)
				m.afters = append(m.afters[:k], m.afters[k+1:]...)
				return
			}
		}
		return
	}
	t := m.lowerTag(i, end)
	for _, g := range m.gen {
		if !g.sel.matches(string(name), t) {
			continue
		}
		text := g.textFor(t)
		if g.after {
			if len(m.afters) < maxGenerated {
				m.afters = append(m.afters, pendingAfter{string(name), text})
			}
			continue
		}
		m.insertGenerated(text, i)
	}
}

// pendingAfter is the ::after content of an open element.
type pendingAfter struct{ name, text string }

// insertGenerated puts generated text in the view, mapped to raw[at],
// while what was put in stays within the page's own size.
func (m *markupReader) insertGenerated(text string, at int) {
	if text == "" || m.generatedBytes+len(text) > max(len(m.raw), 4096) {
		return
	}
	m.generatedBytes += len(text)
	if m.synthetic(text, at); m.err == nil {
		m.segs[len(m.segs)-1].generated = true
	}
}
