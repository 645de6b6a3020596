package bodyformat

import (
	"bytes"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A script builds an array from its numbers by a call as often as by a
// literal: var mobile = new Array(138, 1234, 5678); and Array.of(138,
// 1234, 5678) make the array [138, 1234, 5678] makes. statementDocs takes
// the arguments of such a call, numbers only, as a statement's document,
// and statementsJSON walks them as that array (arrayArgsDoc), by the rule
// of an assigned array of numbers: they join under a name or key that says
// phone or ID, and stay apart under any other (var sizes = new Array(150,
// 2304, 1800)). Strings or names among the arguments, a spread, a call
// that code goes on from (new Array(…).join('')) are not read so.

// arrayCallAt returns where the callee of the call whose "(" is b[open]
// starts, when it is Array, new Array or Array.of (white space before the
// "(" and after "new"), or -1. A longer name (Uint8Array, MyArray,
// x.Array) is none. The callee is looked at once.
func arrayCallAt(b []byte, open int) int {
	p := skipJSSpaceBack(b, open)
	switch {
	case bytes.HasSuffix(b[:p], []byte("Array.of")):
		p -= len("Array.of")
	case bytes.HasSuffix(b[:p], []byte("Array")):
		p -= len("Array")
		if q := skipJSSpaceBack(b, p); q < p && bytes.HasSuffix(b[:q], []byte("new")) &&
			(q == 3 || !isJSNameByte(b[q-4]) && b[q-4] != '.') {
			return q - 3
		}
	default:
		return -1
	}
	if p > 0 && (isJSNameByte(b[p-1]) || b[p-1] == '.') {
		return -1
	}
	return p
}

// arrayArgsEnd returns where the arguments of the call whose "(" is
// b[open] end, the index of its ")", when they are JSON numbers set apart
// by commas (white space around each), at least one; else -1 and where
// the scan stopped: b[open+1:stop] holds only numbers, commas and white
// space, so no candidate of statementDocs opens there.
func arrayArgsEnd(b []byte, open int) (end, stop int) {
	i := skipJSSpace(b, open+1)
	defer func() { countReadingSteps(i - open) }()
	for {
		e, _, ok := scanJSONNumber(b, i)
		if !ok {
			return -1, i
		}
		i = skipJSSpace(b, e)
		if i < len(b) && b[i] == ')' {
			return i, i
		}
		if i >= len(b) || b[i] != ',' {
			return -1, i
		}
		i = skipJSSpace(b, i+1)
	}
}

// arrayArgsDoc walks args, the arguments of an array call (arrayCallAt,
// arrayArgsEnd), as the JSON array they make (wrappedDoc) under hint, and
// returns them redacted (nil when unchanged) and whether they were read.
// The bracketed copy is charged to the memory budget.
func (in *inspector) arrayArgsDoc(args []byte, hint detect.CategorySet, depth int) ([]byte, bool) {
	if err := in.reserve(int64(len(args) + 2)); err != nil {
		return nil, false
	}
	arr := make([]byte, 0, len(args)+2)
	arr = append(append(append(arr, '['), args...), ']')
	doc, ok := in.wrappedDoc(arr, 0, hint, depth)
	if !ok || doc == nil {
		return nil, ok
	}
	if len(doc) < 2 || doc[0] != '[' || doc[len(doc)-1] != ']' {
		return nil, false
	}
	return doc[1 : len(doc)-1], true
}
