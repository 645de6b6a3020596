package bodyformat

import "strconv"

// jsonStringSpan is one string value of a JSON document: where its content
// sits (between the quotes), whether it holds escapes, and its path.
type jsonStringSpan struct {
	path       string // the keys and array indices leading to it: choices[0].delta.content
	node       int    // the node of that path (stringCollector.nodes), -1 at the top
	key        []byte // the last key on the path, for its hint
	start, end int
	escaped    bool
}

// maxPathLen bounds a path: deeper paths are cut, and two values whose
// paths differ only past the cut share a path.
const maxPathLen = 256

// jsonStrings returns the string values of a JSON document, in order, with
// their paths, the document's block (blockOf) and the shape its top-level
// members give it (lineShape). It reports false when
// doc is not one valid JSON value or nests deeper than maxDepth.
//
// A path is built once for each member and element that leads to a
// string, from its parent's (pathNode), and a string shares its parent's:
// the work is at most maxPathLen bytes a member or element, however deep
// the document, and however many strings an element renamed by its
// "index" member holds. A member or element with no string under it
// keeps no node and has no path built ({"<long key>":[0,0,…]} builds
// none), so what a document costs is bounded by its strings, not by its
// numbers.
func jsonStrings(doc []byte, maxDepth int) ([]jsonStringSpan, string, lineShape, bool) {
	c := &stringCollector{src: doc, maxDepth: maxDepth}
	c.space()
	if !c.value(-1, nil, 0) {
		return nil, "", lineShape{}, false
	}
	c.space()
	c.paths()
	return c.out, string(c.block), c.shape, c.pos == len(doc)
}

// pathNode is a member's key or an element's index on the way to strings
// of a document: its path is its parent's and its own part.
type pathNode struct {
	parent int    // the node of the object or array it is in; -1: the top
	key    []byte // a member's key; nil for an element
	index  int64  // an element's index, or the "index" its object gives
	path   string // the path, once built (stringCollector.paths)
}

// paths builds the path of every node, each from its parent's (nodes come
// after their parents), cut at maxPathLen, and gives each string its
// node's.
func (c *stringCollector) paths() {
	var buf []byte
	for k := range c.nodes {
		n := &c.nodes[k]
		parent := ""
		if n.parent >= 0 {
			parent = c.nodes[n.parent].path
		}
		if len(parent) >= maxPathLen {
			n.path = parent // cut: what follows is past the cut
			continue
		}
		buf = append(buf[:0], parent...)
		if n.key == nil {
			buf = strconv.AppendInt(append(buf, '['), n.index, 10)
			buf = append(buf, ']')
		} else {
			if len(parent) > 0 {
				buf = append(buf, '.')
			}
			buf = append(buf, n.key[:min(len(n.key), maxPathLen-len(buf))]...)
		}
		n.path = string(buf[:min(len(buf), maxPathLen)])
		countPathBytes(len(n.path))
	}
	for k := range c.out {
		if n := c.out[k].node; n >= 0 {
			c.out[k].path = c.nodes[n].path
		}
	}
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
	nodes    []pathNode // the members and elements read that lead to strings, parents first
	index    int64      // the integer "index" member of the object just read, or -1
	// block names the block of a top-level object by its blockKeys
	// members ("#index=1"), empty when it has none
	block []byte
	shape lineShape // what the top-level object's keys say
}

func (c *stringCollector) space() {
	for c.pos < len(c.src) && isJSONSpace(c.src[c.pos]) {
		c.pos++
	}
}

// value reads one value at c.pos, the node of path being the way to it.
func (c *stringCollector) value(path int, key []byte, depth int) bool {
	if c.pos >= len(c.src) || depth > c.maxDepth {
		return false
	}
	switch ch := c.src[c.pos]; {
	case ch == '"':
		end, escaped, ok := scanJSONString(c.src, c.pos)
		if !ok {
			return false
		}
		c.out = append(c.out, jsonStringSpan{node: path, key: key, start: c.pos + 1, end: end, escaped: escaped})
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

func (c *stringCollector) object(path int, depth int) bool {
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
		if depth == 1 {
			c.shape.member(key)
		}
		c.nodes = append(c.nodes, pathNode{parent: path, key: key})
		sub, strs := len(c.nodes)-1, len(c.out)
		at := c.pos
		if !c.value(sub, key, depth) {
			return false
		}
		c.dropUnused(sub, strs)
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

func (c *stringCollector) array(path int, key []byte, depth int) bool {
	c.pos++
	c.space()
	if c.pos < len(c.src) && c.src[c.pos] == ']' {
		c.pos++
		return true
	}
	for i := 0; ; i++ {
		c.nodes = append(c.nodes, pathNode{parent: path, index: int64(i)})
		sub, strs := len(c.nodes)-1, len(c.out)
		object := c.pos < len(c.src) && c.src[c.pos] == '{'
		if !c.value(sub, key, depth) {
			return false
		}
		if object && c.index >= 0 {
			// an element that says which it is ("choices":[{"index":1,…}]):
			// a client that accumulates deltas by that index joins its
			// text with the other elements of that index
			c.nodes[sub].index = c.index
		}
		c.dropUnused(sub, strs)
		if done, ok := c.after(']'); done || !ok {
			return ok
		}
	}
}

// dropUnused forgets node sub and the nodes after it (those of what it
// holds) when no string was read since there were strs: no path leads
// through them to a string, so none is built (paths).
func (c *stringCollector) dropUnused(sub, strs int) {
	if len(c.out) == strs {
		c.nodes = c.nodes[:sub]
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
