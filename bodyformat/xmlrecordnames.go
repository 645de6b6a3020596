package bodyformat

import (
	"bytes"
	"slices"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// An XML element's leaf children and attributes are a record as a JSON
// object's members are (recordnames.go): in <p><a>张三</a><b><ID></b></p>
// and in <p a="张三" b="<ID>"/> the text of a is a name though its name
// says nothing. A document that holds a resident ID or a mobile is read
// once more, tag by tag: when a leaf child (an element holding text and
// empty elements only), the element's own text (mixed content) or an
// attribute of an element holds such an identifier, each of its other
// leaves and attributes named by no key word (neutralField), with no
// finding of its own, whose text as an XML parser gives it (xmlText:
// CDATA, character references decoded, comments and empty elements
// dropped) has a name's shape, is read as the record's name. Each byte
// is looked at once more (a value of a name's shape, at most
// maxRecordNameRaw bytes decoded, twice), and an element keeps every one
// of its name-shaped values, as a JSON object and a form do (decoys push
// no name out); a document with no such identifier is read so for its
// joins of digits only (xmlsiblings.go).

// maxXMLDepth bounds the elements open at once the reading follows: the
// records of elements deeper are not read, those after them are.
const maxXMLDepth = 256

// xmlFrame is an element open in the reading.
type xmlFrame struct {
	name  []byte
	text  int      // where its content starts
	inner bool     // it holds an element not empty: no leaf (<a>张三<x/></a> is one)
	ids   bool     // a leaf or attribute of it holds a person's identifier
	names [][2]int // its name-shaped values, where they stand in the document
	// digits are its leaves and attributes of digits only, hint what its
	// name and theirs say: read joined (xmlsiblings.go)
	digits [][2]int
	hint   detect.CategorySet
}

// xmlNames is one reading of a document's records.
type xmlNames struct {
	in    *inspector
	doc   []byte
	fs    findingSweep
	dec   mapped // a value's text (xmlText), its array reused
	names []detect.Finding
	ids   bool      // the document holds a person's identifier: its records' names are read
	joins bool      // its elements' digits are read joined (xmlJoins)
	join  valueJoin // a record's digits joined (xmlsiblings.go)
}

// xmlRecordNames returns the names the records of the XML document doc
// hold (above), fs being what its reading found, mapped to doc.
func (in *inspector) xmlRecordNames(doc []byte, fs []detect.Finding) []detect.Finding {
	ids, joins := holdsRecordID(fs), in.xmlJoins(doc)
	if !ids && !joins {
		return nil // the gate: a document with no ID or mobile and no join to read is not read again
	}
	fs = slices.SortedFunc(slices.Values(fs), func(x, y detect.Finding) int { return x.Start - y.Start })
	r := &xmlNames{in: in, doc: doc, fs: findingSweep{fs: fs}, ids: ids, joins: joins}
	var stack []xmlFrame
	var self xmlFrame // the record of an empty element's attributes
	deep := 0         // elements open deeper than maxXMLDepth, followed by their count only
	run := 0          // where the text since the last tag starts
	for i := 0; i < len(doc); {
		j := bytes.IndexByte(doc[i:], '<')
		if j < 0 {
			break
		}
		p := i + j
		if end, ok := xmlSkipped(doc, p); ok {
			countReadingSteps(end - i)
			i = end // a comment, CDATA or a processing instruction: part of a leaf's text
			continue
		}
		if bytes.HasPrefix(doc[p:], []byte("<!DOCTYPE")) {
			countReadingSteps(p - i)
			i = xmlDoctypeEnd(doc, p) // its quotes and comments read as a parser reads them
			continue
		}
		end := tagEnd(doc, p+1)
		if doc[end-1] != '>' || end == p+1 {
			break // a tag left open at the end
		}
		tag := doc[p+1 : end-1]
		countReadingSteps(end - i)
		i = end
		if n := len(stack); n > 0 && deep == 0 && stack[n-1].inner && r.ownText(&stack[n-1], run, p) {
			stack[n-1].ids = true
		}
		run = end
		switch {
		case len(tag) == 0 || tag[0] == '!':
		case tag[0] == '/':
			n := len(stack)
			if deep > 0 {
				deep--
				continue
			}
			if n == 0 {
				continue
			}
			top, up := &stack[n-1], &self // a root's text is no leaf of a record: noted in self, left there
			if n > 1 {
				up = &stack[n-2]
			}
			if !top.inner && r.value(up, top.name, top.text, p) {
				top.ids = true // its text and its attributes are a record too: <a x="<name>"><ID></a>
			}
			r.record(top)
			stack = stack[:n-1]
		default:
			empty := tag[len(tag)-1] == '/'
			if n := len(stack); n > 0 && !empty && deep == 0 && !stack[n-1].inner {
				top := &stack[n-1] // an element in it: its text so far is its own, no leaf's
				top.ids = r.ownText(top, top.text, p) || top.ids
				top.inner = true
			}
			name := tag
			if k := bytes.IndexAny(tag, " \t\r\n/"); k >= 0 {
				name = tag[:k]
			}
			f := &self
			if !empty && len(stack) >= maxXMLDepth {
				deep++
				continue
			}
			if !empty {
				stack = slices.Grow(stack, 1)[:len(stack)+1]
				f = &stack[len(stack)-1]
			}
			*f = xmlFrame{name: name, text: end, names: f.names[:0], digits: f.digits[:0], hint: keyHint(name) & siblingHint} // its arrays reused
			r.attributes(f, tag, p+1)
			if empty {
				r.record(f)
			}
		}
	}
	return r.names
}

// ownText reports whether doc[from:to], text of f's own (mixed
// content: <p><ID><a>…</a></p>), holds a person's identifier, which
// makes f a person's record as a leaf's would.
func (r *xmlNames) ownText(f *xmlFrame, from, to int) bool {
	if to <= from {
		return false
	}
	_, ids := r.fs.over(from, to)
	return ids
}

// xmlSkipped reports whether a comment, CDATA section or processing
// instruction starts at doc[p], and where it ends.
func xmlSkipped(doc []byte, p int) (end int, ok bool) {
	rest := doc[p:]
	for _, m := range [...][2]string{{"<!--", "-->"}, {"<![CDATA[", "]]>"}, {"<?", "?>"}} {
		if bytes.HasPrefix(rest, []byte(m[0])) {
			e := bytes.Index(rest[len(m[0]):], []byte(m[1]))
			if e < 0 {
				return len(doc), true
			}
			return p + len(m[0]) + e + len(m[1]), true
		}
	}
	return 0, false
}

// attributes notes the values of the attributes of tag, an opening tag's
// name and attributes at doc[at], as f's record's.
func (r *xmlNames) attributes(f *xmlFrame, tag []byte, at int) {
	countReadingSteps(len(tag) - len(f.name))
	for k := len(f.name); k < len(tag); {
		for k < len(tag) && (isSpaceByte(tag[k]) || tag[k] == '/') {
			k++
		}
		s := k
		for k < len(tag) && !isSpaceByte(tag[k]) && tag[k] != '=' && tag[k] != '/' {
			k++
		}
		if k == s {
			k++ // a stray '='
			continue
		}
		from, to, quote, ok := attrValueSpan(tag, k)
		if !ok {
			continue
		}
		r.value(f, tag[s:k], at+from, at+to)
		if k = to; quote != 0 {
			k++
		}
	}
}

// value notes doc[from:to], the text of f's leaf or attribute named key:
// whether it holds a person's identifier (reported too), or may be f's
// name.
func (r *xmlNames) value(f *xmlFrame, key []byte, from, to int) (ids bool) {
	found, ids := r.fs.over(from, to)
	if ids {
		f.ids = true
	}
	countReadingSteps(len(key))
	if !found {
		r.digits(f, key, from, to)
	}
	if found || to-from < 4 || !r.ids {
		return ids
	}
	if hint, deny := keyWords(key); !neutralField(key, hint, deny) {
		return false
	}
	if text, _, ok := r.text(from, to); !ok || len(text) < 4 || !nameShapedValue(text) {
		return false
	}
	f.names = append(f.names, [2]int{from, to})
	return false
}

// record appends to r.names the names of f's record, when one of its
// leaves or attributes held a person's identifier.
func (r *xmlNames) record(f *xmlFrame) {
	r.joined(f)
	if !f.ids || !r.ids {
		return
	}
	for _, v := range f.names {
		text, offs, _ := r.text(v[0], v[1])
		for _, n := range r.in.recordNames(text) {
			rs, re := rawSpan(offs, n.Start, n.End)
			n.Start, n.End = v[0]+rs, v[0]+re
			if bytes.ContainsAny(r.doc[n.Start:n.End], "<>") {
				n.Start, n.End = v[0], v[1] // markup within the name: the whole text masked, the document kept well formed
			}
			r.names = append(r.names, n)
		}
	}
}

// text returns doc[from:to] as an XML parser gives it (xmlText), and the
// offsets of its bytes from from; ok false when it is longer than a
// record's name may be.
func (r *xmlNames) text(from, to int) ([]byte, []int32, bool) {
	r.dec.dst, r.dec.offs = r.dec.dst[:0], r.dec.offs[:0]
	ok := xmlText(&r.dec, r.doc[from:to])
	text, offs := r.dec.done(to - from)
	return text, offs, ok
}

// xmlText decodes raw, an element's content with no element in it, into
// m as an XML parser gives its text: CDATA sections' content kept,
// character references decoded, comments and processing instructions
// dropped. It stops, false, once more than maxRecordNameRaw bytes are
// decoded.
func xmlText(m *mapped, raw []byte) bool {
	for i := 0; i < len(raw); {
		if len(m.dst) > maxRecordNameRaw {
			return false
		}
		k := bytes.IndexAny(raw[i:], "<&")
		if k < 0 {
			k = len(raw) - i
		}
		countReadingSteps(max(k, 1))
		if k > 0 {
			m.copy(raw, i, min(i+k, i+maxRecordNameRaw+1))
			i += k
			continue
		}
		if raw[i] == '&' {
			c, n := detect.DecodeCharRef(raw[i:])
			if n == 0 {
				c, n = '&', 1
			}
			m.rune(c, i)
			i += n
			continue
		}
		end, ok := xmlSkipped(raw, i)
		if !ok {
			if e := tagEnd(raw, i+1); e-i >= 3 && raw[e-1] == '>' && raw[e-2] == '/' {
				countReadingSteps(e - i)
				i = e // an empty element (<x/>): no text of the leaf's
				continue
			}
			end = i + 1 // no markup a leaf holds: read as it is
			m.copy(raw, i, end)
		} else if bytes.HasPrefix(raw[i:], []byte("<![CDATA[")) {
			cEnd := end
			if bytes.HasSuffix(raw[:end], []byte("]]>")) {
				cEnd = end - 3
			}
			m.copy(raw, i+9, min(cEnd, i+9+maxRecordNameRaw+1))
		}
		countReadingSteps(end - i)
		i = end
	}
	return len(m.dst) <= maxRecordNameRaw
}

// findingSweep answers, for spans of a document asked for in order (each
// starting at or after the last one's end), whether findings (ordered by
// start) overlap them: each finding is looked at once or twice.
type findingSweep struct {
	fs         []detect.Finding
	k          int // fs[:k] start before the last span asked for
	end, idEnd int // the furthest end of fs[:k], of its identifiers
}

// over reports whether a finding overlaps doc[from:to], and whether one
// that does holds a person's identifier (every finding counted, not only
// the last).
func (s *findingSweep) over(from, to int) (found, ids bool) {
	countReadingSteps(1)
	for ; s.k < len(s.fs) && s.fs[s.k].Start < from; s.k++ {
		countReadingSteps(1)
		f := s.fs[s.k]
		s.end = max(s.end, f.End)
		if recordIDs.Has(f.Category) {
			s.idEnd = max(s.idEnd, f.End)
		}
	}
	found, ids = s.end > from, s.idEnd > from
	for _, f := range s.fs[s.k:] {
		if f.Start >= to {
			break
		}
		countReadingSteps(1)
		found = true
		ids = ids || recordIDs.Has(f.Category)
	}
	return found, ids
}
