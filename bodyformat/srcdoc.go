package bodyformat

import (
	"bytes"
	"html"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// An iframe's srcdoc attribute holds a whole HTML document, its markup
// spelled with character references (srcdoc="&lt;p&gt;138&lt;b&gt;…"),
// which the browser decodes and renders. Such a document is read like
// any other HTML, after the page around it is read and masked, and
// written back masked, escaped, in its attribute. A srcdoc in a srcdoc
// is read to maxSrcdocDepth; deeper ones are read as attribute text only.

// maxSrcdocDepth bounds how deep srcdoc documents in srcdoc documents are
// read: each level reads its bytes once more.
const maxSrcdocDepth = 3

// markup inspects b as HTML (html) or XML and returns it masked, or nil
// when nothing changed or the mode is Scan. An HTML document with srcdoc
// attributes is read whole, then each srcdoc document in the masked page
// is read as a document of its own (its findings are new ones: the page's
// reading masked those it saw).
func (in *inspector) markup(b []byte, hint detect.CategorySet, isHTML bool) ([]byte, error) {
	if !isHTML || in.srcdocDepth >= maxSrcdocDepth || indexASCIIFold(b, 0, "srcdoc") < 0 {
		return in.markupOnce(b, hint, isHTML)
	}
	mode := in.mode
	if mode == Scan {
		// the srcdoc reading reads the masked page, so that what the page's
		// reading found is not counted twice
		if err := in.reserve(int64(len(b))); err != nil {
			return nil, err
		}
		in.mode = Redact
	}
	defer func() { in.mode = mode }()
	out, err := in.markupOnce(b, hint, true)
	if err != nil {
		return nil, err
	}
	src := b
	if out != nil {
		src = out
	}
	docs, err := in.srcdocs(src, hint)
	if err != nil {
		return nil, err
	}
	if docs != nil {
		out = docs
	}
	if mode != Redact {
		return nil, nil
	}
	return out, nil
}

// srcdocs reads the srcdoc attribute values of b as HTML documents and
// returns b with the masked ones written back, or nil.
func (in *inspector) srcdocs(b []byte, hint detect.CategorySet) ([]byte, error) {
	out := splicer{src: b}
	for i := 0; ; {
		k := indexASCIIFold(b, i, "srcdoc")
		if k < 0 {
			break
		}
		i = k + len("srcdoc")
		if k == 0 || !isSpaceByte(b[k-1]) && b[k-1] != '"' && b[k-1] != '\'' {
			continue // part of another name or of text
		}
		from, to, quote, ok := attrValueSpan(b, i)
		if !ok {
			continue
		}
		i = to
		doc := []byte(html.UnescapeString(string(b[from:to])))
		in.srcdocDepth++
		red, err := in.markup(doc, hint, true)
		in.srcdocDepth--
		if err != nil {
			return nil, err
		}
		if red == nil {
			continue
		}
		esc := []byte(html.EscapeString(string(red)))
		if quote == 0 {
			esc = append(append([]byte{'"'}, esc...), '"')
		}
		out.replace(from, to, esc)
	}
	return out.result(), nil
}

// attrValueSpan returns where the value of the attribute whose name ends at b[i]:
// after optional white space, '=', optional white space, a value quoted
// with quote (0: unquoted, up to white space or '>'). ok is false when no
// value follows.
func attrValueSpan(b []byte, i int) (from, to int, quote byte, ok bool) {
	for i < len(b) && isSpaceByte(b[i]) {
		i++
	}
	if i >= len(b) || b[i] != '=' {
		return 0, 0, 0, false
	}
	i++
	for i < len(b) && isSpaceByte(b[i]) {
		i++
	}
	if i >= len(b) {
		return 0, 0, 0, false
	}
	if c := b[i]; c == '"' || c == '\'' {
		end := bytes.IndexByte(b[i+1:], c)
		if end < 0 {
			return i + 1, len(b), c, true
		}
		return i + 1, i + 1 + end, c, true
	}
	j := i
	for j < len(b) && !isSpaceByte(b[j]) && b[j] != '>' {
		j++
	}
	return i, j, 0, true
}

// indexASCIIFold returns where s (lower-case ASCII) first occurs in b from
// from on, ASCII case folded, or -1. It compares at most len(s) bytes at
// each place.
func indexASCIIFold(b []byte, from int, s string) int {
	for i := from; i+len(s) <= len(b); i++ {
		if hasPrefixFold(b[i:], s) {
			return i
		}
	}
	return -1
}
