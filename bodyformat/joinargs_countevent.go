package bodyformat

import "github.com/piifilter/caddy-pii-filter/detect"

// countEvent counts found, the findings of a JSON event's own reading
// (payload's strings are strs; was, the payload as it came when that
// reading masked it; args, whether its top-level delta is a function
// call's arguments). In an event that carries a tool call's arguments,
// a finding counts as one of them, once a value (countedIDs), unless its
// value is in one of the event's other strings (the assistant's text
// beside them), as many findings as it is there: those count as they
// are, and are no credit for the arguments (attack pass 49a, F1).
// Without arguments all of found counts.
func (s *Stream) countEvent(found []detect.Finding, payload []byte, strs []jsonStringSpan, was argsAsCame, args bool) {
	if len(found) == 0 {
		return
	}
	src := payload
	if was.orig != nil {
		src, strs = was.orig, was.strs
	}
	hasArgs := false
	for _, str := range strs {
		hasArgs = hasArgs || argStr(str, args)
	}
	if !hasArgs {
		s.found(found)
		return
	}
	// the values the other strings hold, as written (keyed fingerprints),
	// as many times as each is there
	var other map[countKey]int
	for _, str := range strs {
		if argStr(str, args) || str.end-str.start < minTextLen {
			continue
		}
		text := src[str.start:str.end]
		if str.escaped {
			text, _, _ = decodeEscapes(text, nil, nil)
		}
		for _, f := range s.eng.FindHinted(text, keyHint(str.key)) {
			if other == nil {
				other = map[countKey]int{}
			}
			other[countKey{f.Category, f.Fingerprint}]++
		}
	}
	for i := range found {
		f := found[i : i+1]
		k := countKey{f[0].Category, f[0].Fingerprint}
		if other[k] > 0 {
			other[k]-- // (one in the other strings: counted as it is)
		} else {
			f = s.joins.counted.fresh(f)
		}
		s.found(f)
	}
}

// argStr says whether str, a string of an event (args: one whose
// top-level delta is a function call's arguments), is a tool call's
// arguments, as fieldsOf joins them.
func argStr(str jsonStringSpan, args bool) bool {
	return argKey(str.key) || args && str.path == "delta"
}
