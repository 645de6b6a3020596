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
// count): every reading of arguments counts a finding only when no
// reading of them counted its value before, known by its category and
// keyed fingerprint (the same however the value is spelled, cut or
// read; the raw value is never kept). A value is remembered only once
// counted, so no finding is ever taken by another value's count: two
// mobiles are two findings whichever readings find them (attack pass
// 49a, F1). An event's findings in other strings than its arguments (the
// assistant's text beside them: OpenAI chat's content) count as they are
// and are not remembered (countEvent). At most maxArgCounted values are
// kept (past it the oldest half goes: a value may then count twice,
// never less than once).

// maxArgCounted bounds the values the joiner keeps (countedIDs).
const maxArgCounted = 1024

// countKey names a counted value: its category and keyed fingerprint
// (the same however the value is spelled or read).
type countKey struct {
	cat detect.Category
	fp  string
}

// countedIDs are the values counted in tool calls' arguments, in the
// order they came.
type countedIDs struct {
	order []countKey
	seen  map[countKey]bool
}

// fresh returns the findings of fs, a reading of arguments, that count
// (in fs's own array): those whose value no reading counted before, each
// once, and those with no fingerprint (no value to tell them by). It
// remembers the values it counts.
func (c *countedIDs) fresh(fs []detect.Finding) []detect.Finding {
	out := fs[:0]
	for _, f := range fs {
		if f.Fingerprint != "" {
			k := countKey{f.Category, f.Fingerprint}
			if c.seen[k] {
				continue
			}
			c.remember(k)
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

// find is the engine's reading of the joiner's text: a tool call's
// arguments (inArgs) are read with every finding's fingerprint, which
// countedIDs keys them by.
func (j *joiner) find(text []byte, hint detect.CategorySet) []detect.Finding {
	if j.inArgs {
		return j.s.eng.FindHinted(text, hint)
	}
	return j.s.eng.FindSampled(text, hint, 0)
}
