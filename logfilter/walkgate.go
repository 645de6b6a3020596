package logfilter

import (
	"sync"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
)

// The walk of a structured field's JSON (walked.go) finds what the
// reading of its values one by one cannot: a value split over an array's
// elements, digits split over the members of an object under a key
// naming a category, a value read with its key's hint, a member's name, a
// document inside a string. Most fields an access log writes (a
// request's headers, each an array of one string under an ordinary name)
// hold none of these, and walking them doubled the filter's work on
// every line. So the JSON zap writes for a field is first scanned
// (scanDocument, a few instructions a byte), and walked only when it
// holds one of:
//
//   - a byte outside ASCII (the format layer may read the whole
//     document in another charset);
//   - a key with an escape, a key naming a category (HintForKey), or a
//     key in which the engine finds something (a member's name is read
//     by the walk; Filter.cleanKey);
//   - an array of two or more elements (its elements, or its objects'
//     members, are joined);
//   - a string starting with '{' or '[', after white space (a document
//     inside a string is walked as one), or holding a '+' before
//     anything but a letter (the reading one by one takes the '+' of a
//     URI's query for a space, the walk reads it too: +86-371-…);
//   - a string holding an escaped line break (\n, \r, or any \u escape)
//     under a key a client appends and renders as Markdown, or in the
//     value of one (bodyformat.AppendedKey: an LLM's content, text,
//     delta): the walk reads its soft breaks as spaces, a mobile over
//     three lines as one (attack pass 33, F1);
//   - a number with a fraction, an exponent, or anyKeyDigits digits or
//     more;
//   - nesting deeper than maxGateDepth, or anything the scan does not
//     expect (the walk then decides, failing closed).
//
// Otherwise no join the walk makes can hold two values, every value is
// read with no hint (as it was one by one, with its key's), and the
// document is written as zap wrote it. TestWalkGateEquivalent compares
// gated and always-walked fields over generated ones.

// maxGateDepth is the deepest nesting scanDocument follows.
const maxGateDepth = 16

// gateFrame is an object or array open in scanDocument.
type gateFrame struct {
	array bool
	elems int  // its elements or members so far
	key   span // the key it is the value of (none: an array's element, the top)
}

// span is the raw text doc[start:end] of a key scanDocument passed; the
// zero span is none.
type span struct{ start, end int }

// scanDocument scans doc, the JSON zap writes for a structured field,
// and reports whether the walk of doc may find what its values read one
// by one did not (see above).
func (f *Filter) scanDocument(doc []byte) (walk bool) {
	// what may come next: a value, a key (or the end of an empty
	// object), or a ',' or the end of what is open (or of an empty array)
	const (
		needValue = iota
		needKey
		needMore
	)
	var stack [maxGateDepth]gateFrame
	depth, need := 0, needValue
	var key span // the key of the value scanned next (none in an array)
	for i := 0; i < len(doc); {
		c := doc[i]
		if isSpace(c) {
			i++
			continue
		}
		switch {
		case c == ',' && need == needMore && depth > 0:
			need = needValue
			if !stack[depth-1].array {
				need = needKey
			}
			i++
		case (c == '}' || c == ']') && depth > 0 && stack[depth-1].array == (c == ']') &&
			(need == needMore || need != needMore && stack[depth-1].elems == 0):
			depth, need = depth-1, needMore
			i++
			if depth == 0 && i != len(doc) {
				return true
			}
		case need == needKey && c == '"':
			end, _, _, ok := stringEnd(doc, i)
			if !ok || !f.cleanKey(doc[i+1:end]) {
				return true
			}
			stack[depth-1].elems++ // (an object's members)
			key = span{i + 1, end}
			for i = end + 1; i < len(doc) && isSpace(doc[i]); i++ {
			}
			if i == len(doc) || doc[i] != ':' {
				return true
			}
			for i++; i < len(doc) && isSpace(doc[i]); i++ {
			}
			need = needValue
		case need == needValue && (depth > 0 || i == 0):
			if depth > 0 && stack[depth-1].array {
				if stack[depth-1].elems++; stack[depth-1].elems > 1 {
					return true
				}
				key = span{}
			}
			var ok, breaks bool
			if i, ok, breaks = f.scanValue(doc, i); !ok || breaks && appendedUnder(doc, key, stack[:depth]) {
				return true
			}
			need = needMore
			if c == '{' || c == '[' {
				if depth == len(stack) || depth == 0 && c != '{' {
					return true
				}
				stack[depth] = gateFrame{array: c == '[', key: key}
				depth++
				need = needValue
				if c == '{' {
					need = needKey
				}
			}
		default:
			return true
		}
	}
	if depth != 0 || len(doc) == 0 {
		return true
	}
	return false
}

// scanValue scans the value at doc[i] for scanDocument: past an object's
// or an array's opening, or past a scalar the walk reads as the reading
// one by one did (ok); false for one it may read otherwise. breaks says
// the value is a string holding an escaped line break, which the walk
// reads otherwise under an appended key only (appendedUnder).
func (f *Filter) scanValue(doc []byte, i int) (next int, ok, breaks bool) {
	switch c := doc[i]; {
	case c == '{' || c == '[':
		return i + 1, true, false
	case c == '"':
		// (fieldtext reads a query's '+' as a space, the walk reads it
		// too: +86-…)
		end, plus, breaks, ok := stringEnd(doc, i)
		if !ok || plus || opensDocument(doc[i+1:end]) {
			return 0, false, false
		}
		return end + 1, true, breaks
	case c == '-' || '0' <= c && c <= '9':
		digits := 0
		if c == '-' {
			i++
		}
		for ; i < len(doc) && '0' <= doc[i] && doc[i] <= '9'; i++ {
			digits++
		}
		if digits == 0 || digits >= anyKeyDigits || i < len(doc) && (doc[i] == '.' || doc[i] == 'e' || doc[i] == 'E') {
			return 0, false, false
		}
		return i, true, false
	}
	for _, lit := range []string{"true", "false", "null"} {
		if len(doc)-i >= len(lit) && string(doc[i:i+len(lit)]) == lit {
			return i + len(lit), true, false
		}
	}
	return 0, false, false
}

// appendedUnder reports whether the walk reads a string under key, in the
// objects and arrays open (each the value of its frame's key), with its
// soft breaks as spaces: key or one of theirs is one a client appends
// (bodyformat.AppendedKey; the walk folds the whole value of such a key).
// Asked only of a string holding a line break, so an ordinary document's
// keys are never matched.
func appendedUnder(doc []byte, key span, open []gateFrame) bool {
	if key.end > key.start && bodyformat.AppendedKey(doc[key.start:key.end]) {
		return true
	}
	for _, fr := range open {
		if fr.key.end > fr.key.start && bodyformat.AppendedKey(doc[fr.key.start:fr.key.end]) {
			return true
		}
	}
	return false
}

// stringEnd returns the index of the quote closing the JSON string that
// opens at doc[i], whether it holds a '+' before anything but a letter,
// whether it holds an escape that may be a line break (\n, \r, \u…),
// and false when there is none or the string holds a byte outside ASCII
// or a raw control byte.
func stringEnd(doc []byte, i int) (end int, plus, breaks, ok bool) {
	for j := i + 1; j < len(doc); j++ {
		c := doc[j]
		if plainByte[c] {
			continue
		}
		switch {
		case c == '"':
			return j, plus, breaks, true
		case c == '\\':
			if j+1 < len(doc) && (doc[j+1] == 'n' || doc[j+1] == 'r' || doc[j+1] == 'u') {
				breaks = true
			}
			j++
		case c == '+':
			if j+1 < len(doc) {
				if l := doc[j+1] | 0x20; !('a' <= l && l <= 'z') {
					plus = true
				}
			}
		default:
			return 0, false, false, false
		}
	}
	return 0, false, false, false
}

// plainByte marks the bytes stringEnd passes over: printable ASCII but
// '"', '\\' and '+'.
var plainByte = func() (t [256]bool) {
	for c := ' '; c < 0x7f; c++ {
		t[c] = c != '"' && c != '\\' && c != '+'
	}
	return t
}()

// opensDocument reports whether the raw content of a JSON string starts,
// after white space (raw or escaped: \n, \r, \t), with '{' or '[': a
// document inside a string, which the walk reads as one.
func opensDocument(raw []byte) bool {
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case c == '{' || c == '[':
			return true
		case isSpace(c):
		case c == '\\' && i+1 < len(raw) && (raw[i+1] == 'n' || raw[i+1] == 'r' || raw[i+1] == 't'):
			i++
		default:
			return false
		}
	}
	return false
}

// isSpace reports whether c is JSON white space.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// maxCleanKeys bounds the keys a Filter remembers clean, and
// maxCleanKeyLen the length of one: a log's keys are its program's names
// and the headers a client sends, and a client sending new names on every
// request fills the set once and is read afresh after.
const (
	maxCleanKeys   = 1024
	maxCleanKeyLen = 64
)

// cleanKeys are the keys, as zap writes them, in which the engine found
// nothing, and the hints of the keys values were read under (keyHint).
type cleanKeys struct {
	mu    sync.RWMutex
	keys  map[string]struct{}
	hints map[string]detect.CategorySet
	names map[string]struct{} // keys holding a digit memberName found clean
}

// cleanName reports whether memberName found key clean before (false on a
// nil set).
func (ck *cleanKeys) cleanName(key string) bool {
	if ck == nil {
		return false
	}
	ck.mu.RLock()
	_, ok := ck.names[key]
	ck.mu.RUnlock()
	return ok
}

// addName remembers key clean for memberName, within the set's bounds.
func (ck *cleanKeys) addName(key string) {
	if ck == nil || len(key) > maxCleanKeyLen {
		return
	}
	ck.mu.Lock()
	if len(ck.names) < maxCleanKeys {
		if ck.names == nil {
			ck.names = make(map[string]struct{})
		}
		ck.names[key] = struct{}{}
	}
	ck.mu.Unlock()
}

// keyHint is bodyformat.HintForKey(key), remembered: the members of a
// log's objects (header names, a request's fields) come back on every
// entry, and matching a key's words costs more than reading most values.
func (f *Filter) keyHint(key string) detect.CategorySet {
	ck := f.cleanKeys
	if ck == nil || len(key) > maxCleanKeyLen {
		return bodyformat.HintForKey(key)
	}
	ck.mu.RLock()
	hint, ok := ck.hints[key]
	ck.mu.RUnlock()
	if ok {
		return hint
	}
	hint = bodyformat.HintForKey(key)
	ck.mu.Lock()
	if len(ck.hints) < maxCleanKeys {
		if ck.hints == nil {
			ck.hints = make(map[string]detect.CategorySet)
		}
		ck.hints[key] = hint
	}
	ck.mu.Unlock()
	return hint
}

// cleanKey reports whether the walk of a document would leave key, the
// raw text of a member's key in it, as it is and read its value with no
// hint: a key without escapes that names no category and in which the
// engine finds nothing, as the walk reads it (its reading is a function
// of its bytes alone: the engine's, remembered once found clean).
func (f *Filter) cleanKey(key []byte) bool {
	for _, c := range key {
		if c == '\\' || c >= 0x80 {
			return false
		}
	}
	if ck := f.cleanKeys; ck != nil {
		ck.mu.RLock()
		_, ok := ck.keys[string(key)]
		ck.mu.RUnlock()
		if ok {
			return true
		}
	}
	if bodyformat.HintForKey(string(key)) != 0 {
		return false
	}
	if fs, err := findHinted(f.engine, key, 0); err != nil || len(fs) > 0 {
		return false
	}
	if ck := f.cleanKeys; ck != nil && len(key) <= maxCleanKeyLen {
		ck.mu.Lock()
		if len(ck.keys) < maxCleanKeys {
			if ck.keys == nil {
				ck.keys = make(map[string]struct{})
			}
			ck.keys[string(key)] = struct{}{}
		}
		ck.mu.Unlock()
	}
	return true
}
