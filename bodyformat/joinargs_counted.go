package bodyformat

import "github.com/piifilter/caddy-pii-filter/detect"

// A tool call's arguments are read several times: each event on its own
// (event), the field's joined text (joiner.add) and, once a document or a
// window of it is whole, its JSON reading (readArgDoc), by the field's
// path and again by its block's (an event of a block is joined both
// ways: fieldsOf's twin pieces), and two windows whose overlap holds
// siblings joined in a container open across the cut both read them.
// The event and text readings mask what they find, but a JSON reading
// reads the document as it was written (argsAsCame) and finds the same
// identifiers again. Each identifier is counted once (the incident's
// count): a JSON reading counts a finding only when no reading of
// arguments counted its value (category and keyed fingerprint) before,
// and when no finding of its category the event or text reading counted
// (they carry no fingerprint: detect's FindSampled) is left for it to
// take. At most maxArgCounted values are kept (past it the oldest half
// goes: a value may then count twice, never less than once as a
// category).

// maxArgCounted bounds the values the joiner keeps (countedIDs).
const maxArgCounted = 1024

// countKey names a counted value: its category and keyed fingerprint
// (the same however the value is spelled or read).
type countKey struct {
	cat detect.Category
	fp  string
}

// countedIDs are what was counted in tool calls' arguments: the values a
// JSON reading counted or took, in the order they came, and per category
// the findings of the event and text readings no JSON reading took yet.
type countedIDs struct {
	order []countKey
	seen  map[countKey]bool
	left  map[detect.Category]int
}

// note records the findings of an event or text reading of arguments.
func (c *countedIDs) note(fs []detect.Finding) {
	for _, f := range fs {
		if c.left == nil {
			c.left = map[detect.Category]int{}
		}
		if c.left[f.Category] < maxArgCounted {
			c.left[f.Category]++
		}
	}
}

// fresh returns the findings of fs, a JSON reading's, that count (in
// fs's own array): those whose value was not seen, and for which no
// finding of its category is left to take.
func (c *countedIDs) fresh(fs []detect.Finding) []detect.Finding {
	out := fs[:0]
	for _, f := range fs {
		k := countKey{f.Category, f.Fingerprint}
		if f.Fingerprint != "" && c.seen[k] {
			continue
		}
		if f.Fingerprint != "" {
			c.remember(k)
		}
		if c.left[f.Category] > 0 {
			c.left[f.Category]--
			continue
		}
		out = append(out, f)
	}
	return out
}

// remember keeps k among the values seen, the oldest half going past
// maxArgCounted.
func (c *countedIDs) remember(k countKey) {
	if len(c.order) >= maxArgCounted {
		half := len(c.order) / 2
		for _, o := range c.order[:half] {
			delete(c.seen, o)
		}
		c.order = c.order[:copy(c.order, c.order[half:])]
	}
	if c.seen == nil {
		c.seen = map[countKey]bool{}
	}
	c.seen[k] = true
	c.order = append(c.order, k)
}
