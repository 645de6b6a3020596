package bodyformat

import "bytes"

// A style sheet can put text on the page that no element holds:
// .t::before { content: "138" } shows 138 before every element of class t,
// and content: attr(data-x) the value of that element's attribute. So
// <span class=t></span>12345678 shows a mobile. The HTML view puts the
// content of the page's own ::before and ::after rules where the browser
// shows it, mapped to the element's opening (before) or closing (after)
// tag: a number it completes is masked with the tag, which removes the
// generated text with its element. Rules are matched as the override
// rules are (a selector's last compound; sheetSelector).

// maxGenerated bounds the rules with generated content followed, and
// maxGeneratedText the text one of them puts in.
const (
	maxGenerated     = 64
	maxGeneratedText = 256
)

// generatedContent is what a rule of a style sheet puts before or after
// the elements it selects: text, or the value of the attribute attr.
type generatedContent struct {
	sel   sheetSelector
	after bool
	text  string
	attr  string
}

// sheetContents returns the rules of raw's <style> elements that put text
// before or after elements, at most maxGenerated of them.
func sheetContents(raw []byte) []generatedContent {
	if !containsFold(raw, "<style") || !containsFold(raw, "content") {
		return nil // the common case, at one look
	}
	var out []generatedContent
	eachSheetRule(raw, func(prelude, decls []byte) bool {
		text, attr := contentValue(decls)
		if text == "" && attr == "" {
			return true
		}
		for sel := range bytes.SplitSeq(prelude, []byte(",")) {
			after := bytes.HasSuffix(bytes.TrimSpace(sel), []byte(":after"))
			if !after && !bytes.HasSuffix(bytes.TrimSpace(sel), []byte(":before")) {
				continue
			}
			if len(out) == maxGenerated {
				return false
			}
			out = append(out, generatedContent{sel: lastCompound(sel), after: after, text: text, attr: attr})
		}
		return true
	})
	return out
}

// contentValue reads the content declaration of a rule's declarations
// (white space taken out): its strings joined, and the attribute its
// first attr() reads.
func contentValue(decls []byte) (text, attr string) {
	k := bytes.Index(decls, []byte("content:"))
	if k < 0 || k > 0 && decls[k-1] != '{' && decls[k-1] != ';' {
		return "", ""
	}
	v := decls[k+len("content:"):]
	var b []byte
	for len(v) > 0 && v[0] != ';' && v[0] != '}' && len(b) < maxGeneratedText {
		switch {
		case v[0] == '"' || v[0] == '\'':
			end := bytes.IndexByte(v[1:], v[0])
			if end < 0 {
				end = len(v) - 1
			}
			b = append(b, v[1:1+end]...)
			v = v[min(len(v), end+2):]
		case bytes.HasPrefix(v, []byte("attr(")):
			end := bytes.IndexByte(v, ')')
			if end < 0 {
				end = len(v)
			}
			if attr == "" {
				attr = string(v[len("attr("):end])
			}
			v = v[min(len(v), end+1):]
		default:
			v = v[1:]
		}
	}
	return string(b[:min(len(b), maxGeneratedText)]), attr
}

// generated puts the generated content of the element whose tag is
// raw[i:end] in the view: a ::before rule's at once, mapped to the tag; an
// ::after rule's at the element's closing tag, mapped to that tag's last
// byte. What the rules put in is bounded by the page's own size.
func (m *markupReader) generated(name string, i, end int, closing bool) {
	if closing {
		for k := len(m.afters) - 1; k >= 0; k-- {
			if m.afters[k].name == name {
				m.insertGenerated(m.afters[k].text, end-1)
				m.afters = append(m.afters[:k], m.afters[k+1:]...)
				return
			}
		}
		return
	}
	t := asciiLower(m.raw[i:end])
	for _, g := range m.gen {
		if !g.sel.matches(name, t) {
			continue
		}
		text := g.text
		if g.attr != "" {
			text = quotedAttr(t, g.attr)
		}
		if g.after {
			if len(m.afters) < maxGenerated {
				m.afters = append(m.afters, pendingAfter{name, text})
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
	m.synthetic(text, at)
	m.segs[len(m.segs)-1].generated = true
}
