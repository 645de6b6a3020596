package bodyformat

import (
	"bytes"
	"slices"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// An XML element's leaf children are a record as a JSON object's members
// are (recordnames.go): in <p><a>张三</a><b><ID></b></p> the text of a is
// a name though its element's name says nothing. A document that holds a
// resident ID or a mobile is read once more, tag by tag: when a leaf child
// of an element (an element holding text only) holds such an identifier,
// each of its siblings named by no key word (neutralField), with no
// finding of its own, plain text (no reference, no CDATA), is read as the
// record's name. Each byte is looked at once more, and an element keeps
// at most maxXMLLeaves of its leaves; a document with no such identifier
// costs nothing more.

// maxXMLLeaves bounds the leaves an element keeps as its record, and
// maxXMLDepth the elements open at once the reading follows.
const (
	maxXMLLeaves = 64
	maxXMLDepth  = 256
)

// xmlLeaf is a leaf element: its name and where its text stands.
type xmlLeaf struct {
	name     []byte
	from, to int
}

// xmlFrame is an element open in the reading.
type xmlFrame struct {
	name    []byte
	text    int  // where its content starts
	inner   bool // it holds an element, a comment or a CDATA section: no leaf
	records []xmlLeaf
}

// xmlRecordNames returns the names the records of the XML document doc
// hold (above), fs being what its reading found, mapped to doc.
func (in *inspector) xmlRecordNames(doc []byte, fs []detect.Finding) []detect.Finding {
	if !holdsRecordID(fs) {
		return nil
	}
	fs = slices.SortedFunc(slices.Values(fs), func(x, y detect.Finding) int { return x.Start - y.Start })
	var names []detect.Finding
	var stack []xmlFrame
	for i := 0; i < len(doc); {
		j := bytes.IndexByte(doc[i:], '<')
		if j < 0 || len(stack) > maxXMLDepth {
			break
		}
		p := i + j
		rest := doc[p:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")), bytes.HasPrefix(rest, []byte("<![CDATA[")):
			close := "-->"
			if rest[1] == '!' && rest[2] == '[' {
				close = "]]>"
			}
			e := bytes.Index(rest, []byte(close))
			if e < 0 {
				return names
			}
			if n := len(stack); n > 0 {
				stack[n-1].inner = true
			}
			i = p + e + len(close)
			continue
		}
		gt := bytes.IndexByte(rest, '>')
		if gt < 0 {
			break
		}
		tag := rest[1:gt]
		i = p + gt + 1
		switch {
		case len(tag) == 0 || tag[0] == '?' || tag[0] == '!':
		case tag[0] == '/':
			n := len(stack)
			if n == 0 {
				continue
			}
			top := stack[n-1]
			stack = stack[:n-1]
			if !top.inner && n > 1 {
				if up := &stack[n-2]; len(up.records) < maxXMLLeaves {
					up.records = append(up.records, xmlLeaf{top.name, top.text, p})
				}
			} else {
				names = in.xmlRecord(doc, top.records, fs, names)
			}
		default:
			if n := len(stack); n > 0 {
				stack[n-1].inner = true
			}
			if tag[len(tag)-1] != '/' {
				name := tag
				if k := bytes.IndexAny(tag, " \t\r\n"); k >= 0 {
					name = tag[:k]
				}
				stack = append(stack, xmlFrame{name: name, text: i})
			}
		}
	}
	return names
}

// xmlRecord appends to names the names of one element's leaves (leaves),
// when one of them holds a person's identifier.
func (in *inspector) xmlRecord(doc []byte, leaves []xmlLeaf, fs []detect.Finding, names []detect.Finding) []detect.Finding {
	if len(leaves) < 2 {
		return names
	}
	ids := false
	for _, l := range leaves {
		ids = ids || holdsRecordID(overlapping(fs, l.from, l.to))
	}
	if !ids {
		return names
	}
	kept := 0
	for _, l := range leaves {
		hint, deny := keyWords(l.name)
		text := bytes.TrimSpace(doc[l.from:l.to])
		if kept >= maxRecordNameVals || !neutralField(l.name, hint, deny) || len(overlapping(fs, l.from, l.to)) > 0 ||
			len(text) < 4 || len(text) > maxRecordNameRaw || bytes.IndexByte(text, '&') >= 0 || !nameShapedValue(text) {
			continue
		}
		kept++
		off := l.from + bytes.Index(doc[l.from:l.to], text)
		for _, f := range in.recordNames(text) {
			f.Start, f.End = f.Start+off, f.End+off
			names = append(names, f)
		}
	}
	return names
}

// overlapping returns a finding of fs (ordered by start) that overlaps
// [from, to), or none: the last one starting before to, one binary
// search.
func overlapping(fs []detect.Finding, from, to int) []detect.Finding {
	k, _ := slices.BinarySearchFunc(fs, to, func(f detect.Finding, at int) int { return f.Start - at })
	if k > 0 && fs[k-1].End > from {
		return fs[k-1 : k]
	}
	return nil
}
