package bodyformat

import "strconv"

// jsonStringSpan is one string value of a JSON document: where its content
// sits (between the quotes), whether it holds escapes, and its path.
type jsonStringSpan struct {
	path       string // the keys and array indices leading to it: choices[0].delta.content
	key        []byte // the last key on the path, for its hint
	start, end int
	escaped    bool
}

// maxPathLen bounds a path: deeper paths are cut, and two values whose
// paths differ only past the cut share a path.
const maxPathLen = 256

// jsonStrings returns the string values of a JSON document, in order, with
// their paths, and the document's block (blockOf). It reports false when
// doc is not one valid JSON value or nests deeper than maxDepth.
func jsonStrings(doc []byte, maxDepth int) ([]jsonStringSpan, string, bool) {
	c := &stringCollector{src: doc, maxDepth: maxDepth}
	c.space()
	if !c.value(nil, nil, 0) {
		return nil, "", false
	}
	c.space()
	return c.out, string(c.block), c.pos == len(doc)
}

// blockKeys are the members of an event's top-level object by which a
// client sorts the text of events into blocks: Anthropic's content
// blocks ("index"), the OpenAI Responses API's outputs and their parts
// ("output_index", "content_index"). An SDK appends a delta to the text
// of its block, not to the text of the event before it.
var blockKeys = map[string]bool{"index": true, "output_index": true, "content_index": true}

// maxBlockLen bounds a block name; a longer one is cut.
const maxBlockLen = 64

// stringCollector walks a document for jsonStrings.
type stringCollector struct {
	src      []byte
	pos      int
	maxDepth int
	out      []jsonStringSpan
	index    int64 // the integer "index" member of the object just read, or -1
	// block names the block of a top-level object by its blockKeys
	// members ("#index=1"), empty when it has none
	block []byte
}

func (c *stringCollector) space() {
	for c.pos < len(c.src) && isJSONSpace(c.src[c.pos]) {
		c.pos++
	}
}

// value reads one value at c.pos, path being the way to it.
func (c *stringCollector) value(path, key []byte, depth int) bool {
	if c.pos >= len(c.src) || depth > c.maxDepth {
		return false
	}
	switch ch := c.src[c.pos]; {
	case ch == '"':
		end, escaped, ok := scanJSONString(c.src, c.pos)
		if !ok {
			return false
		}
		c.out = append(c.out, jsonStringSpan{path: string(path), key: key, start: c.pos + 1, end: end, escaped: escaped})
		c.pos = end + 1
		return true
	case ch == '{':
		return c.object(path, depth+1)
	case ch == '[':
		return c.array(path, key, depth+1)
	case ch == '-' || ch >= '0' && ch <= '9':
		end, _, ok := scanJSONNumber(c.src, c.pos)
		c.pos = end
		return ok
	}
	for _, lit := range []string{"true", "false", "null"} {
		if len(c.src)-c.pos >= len(lit) && string(c.src[c.pos:c.pos+len(lit)]) == lit {
			c.pos += len(lit)
			return true
		}
	}
	return false
}

func (c *stringCollector) object(path []byte, depth int) bool {
	c.pos++
	c.space()
	index := int64(-1)
	defer func() { c.index = index }()
	if c.pos < len(c.src) && c.src[c.pos] == '}' {
		c.pos++
		return true
	}
	for {
		if c.pos >= len(c.src) || c.src[c.pos] != '"' {
			return false
		}
		end, escaped, ok := scanJSONString(c.src, c.pos)
		if !ok {
			return false
		}
		key := c.src[c.pos+1 : end]
		if escaped {
			// the key as the client reads it: "con\u0074ent" is content
			key, _, _ = decodeEscapes(key, nil, nil)
		}
		c.pos = end + 1
		c.space()
		if c.pos >= len(c.src) || c.src[c.pos] != ':' {
			return false
		}
		c.pos++
		c.space()
		sub := appendPath(path, '.', key)
		at := c.pos
		if !c.value(sub, key, depth) {
			return false
		}
		if string(key) == "index" || depth == 1 && blockKeys[string(key)] {
			if v, err := strconv.ParseInt(string(c.src[at:c.pos]), 10, 32); err == nil && v >= 0 {
				if string(key) == "index" {
					index = v
				}
				if depth == 1 && blockKeys[string(key)] && len(c.block) < maxBlockLen {
					c.block = strconv.AppendInt(append(append(append(c.block, '#'), key...), '='), v, 10)
				}
			}
		}
		if done, ok := c.after('}'); done || !ok {
			return ok
		}
	}
}

func (c *stringCollector) array(path, key []byte, depth int) bool {
	c.pos++
	c.space()
	if c.pos < len(c.src) && c.src[c.pos] == ']' {
		c.pos++
		return true
	}
	for i := 0; ; i++ {
		sub := appendPath(path, '[', strconv.AppendInt(nil, int64(i), 10))
		first, object := len(c.out), c.pos < len(c.src) && c.src[c.pos] == '{'
		if !c.value(sub, key, depth) {
			return false
		}
		if object && c.index >= 0 && c.index != int64(i) {
			// an element that says which it is ("choices":[{"index":1,…}]):
			// a client that accumulates deltas by that index joins its
			// text with the other elements of that index
			by := string(appendPath(path, '[', strconv.AppendInt(nil, c.index, 10)))
			for k := first; k < len(c.out); k++ {
				if p := c.out[k].path; len(p) >= len(sub) && p[:len(sub)] == string(sub) {
					c.out[k].path = by + p[len(sub):]
				}
			}
		}
		if done, ok := c.after(']'); done || !ok {
			return ok
		}
	}
}

// after reads what follows a member or element: ',' (done false) or the
// closing bracket (done true).
func (c *stringCollector) after(closing byte) (done, ok bool) {
	c.space()
	if c.pos >= len(c.src) {
		return false, false
	}
	switch c.src[c.pos] {
	case ',':
		c.pos++
		c.space()
		return false, true
	case closing:
		c.pos++
		return true, true
	}
	return false, false
}

// appendPath returns path extended by a key (sep '.') or an index (sep
// '['), cut at maxPathLen.
func appendPath(path []byte, sep byte, part []byte) []byte {
	out := make([]byte, 0, len(path)+len(part)+2)
	out = append(out, path...)
	if sep == '.' && len(path) > 0 {
		out = append(out, '.')
	}
	if sep == '[' {
		out = append(append(append(out, '['), part...), ']')
	} else {
		out = append(out, part...)
	}
	return out[:min(len(out), maxPathLen)]
}
