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
// 2304, 1800)). The numbers are read as a JS engine reads them
// (jsNumberListEnd: comments, a trailing comma, 5124_1702, (131), 131.0),
// the callee after window., globalThis. or self., in brackets or
// parentheses, called optionally, through .call or .apply, given a
// spread literal, [].concat too. Strings or names among the arguments, a
// call that code goes on from (new Array(…).join('')) are not read so.

// arrayCallKind tells how an array call is given its numbers.
type arrayCallKind int

const (
	callArgs  arrayCallKind = iota // Array(131, 5124, 1702)
	callThis                       // Array.of.call(null, 131, 5124, 1702)
	callApply                      // Array.of.apply(null, [131, 5124, 1702])
)

// arrayCallAt returns where the callee of the call whose "(" is b[open]
// starts, when it makes an array of its arguments: Array, new Array,
// Array.of, [].concat, the name after window., globalThis. or self. or as
// a bracketed string (window["Array"]), in parentheses ((Array),
// new (Array)), called optionally (Array?.of, Array.of?.()), through
// .call or .apply (how it is given the numbers: kind); white space
// around each part. Else -1. A longer name (Uint8Array, MyArray, x.Array)
// is none. The callee is looked at once.
func arrayCallAt(b []byte, open int) (start int, kind arrayCallKind) {
	p := skipJSSpaceBack(b, open)
	if bytes.HasSuffix(b[:p], []byte("?.")) {
		p = skipJSSpaceBack(b, p-2) // Array.of?.(…)
	}
	if q, ok := memberBack(b, p, "call"); ok {
		p, kind = q, callThis
	} else if q, ok := memberBack(b, p, "apply"); ok {
		p, kind = q, callApply
	}
	if q, ok := memberBack(b, p, "concat"); ok {
		// [].concat(…)
		if q > 0 && b[q-1] == ']' {
			if r := skipJSSpaceBack(b, q-1); r > 0 && b[r-1] == '[' {
				return r - 1, kind
			}
		}
		return -1, kind
	}
	of := false
	if q, ok := memberBack(b, p, "of"); ok {
		p, of = q, true
	}
	start, paren := arrayNameBack(b, p)
	if start < 0 {
		return -1, kind
	}
	if !of && kind == callArgs {
		if q := skipJSSpaceBack(b, start); (q < start || paren) && bytes.HasSuffix(b[:q], []byte("new")) &&
			(q == 3 || !isJSNameByte(b[q-4]) && b[q-4] != '.') {
			return q - 3, kind
		}
	}
	if start > 0 && (isJSNameByte(b[start-1]) || b[start-1] == '.') {
		return -1, kind
	}
	return start, kind
}

// memberBack returns where the member access b[:p] ends with (.name or
// ?.name, white space around the dot) starts, white space before it
// skipped, and whether b[:p] ends with one.
func memberBack(b []byte, p int, name string) (int, bool) {
	if !bytes.HasSuffix(b[:p], []byte(name)) {
		return p, false
	}
	q := p - len(name)
	if q > 0 && isJSNameByte(b[q-1]) {
		return p, false
	}
	q = skipJSSpaceBack(b, q)
	if q == 0 || b[q-1] != '.' {
		return p, false
	}
	q--
	if q > 0 && b[q-1] == '?' {
		q--
	}
	return skipJSSpaceBack(b, q), true
}

// arrayNameBack returns where the name of Array that b[:p] ends with
// starts (white space before p skipped): Array, (Array), window.Array,
// globalThis.Array, self.Array, window["Array"], window['Array']; -1 when
// none; paren when it stands in parentheses.
func arrayNameBack(b []byte, p int) (start int, paren bool) {
	p = skipJSSpaceBack(b, p)
	switch {
	case p > 0 && b[p-1] == ')':
		q := skipJSSpaceBack(b, p-1)
		if !bytes.HasSuffix(b[:q], []byte("Array")) {
			return -1, false
		}
		if q = skipJSSpaceBack(b, q-len("Array")); q == 0 || b[q-1] != '(' {
			return -1, false
		}
		return q - 1, true
	case p > 0 && b[p-1] == ']':
		q := skipJSSpaceBack(b, p-1)
		if !bytes.HasSuffix(b[:q], []byte(`"Array"`)) && !bytes.HasSuffix(b[:q], []byte("'Array'")) {
			return -1, false
		}
		if q = skipJSSpaceBack(b, q-len(`"Array"`)); q == 0 || b[q-1] != '[' {
			return -1, false
		}
		return globalBack(b, q-1), false
	case bytes.HasSuffix(b[:p], []byte("Array")):
		s := p - len("Array")
		if s > 0 && isJSNameByte(b[s-1]) {
			return -1, false
		}
		q := skipJSSpaceBack(b, s)
		if q == 0 || b[q-1] != '.' {
			return s, false
		}
		q--
		if q > 0 && b[q-1] == '?' {
			q--
		}
		return globalBack(b, q), false
	}
	return -1, false
}

// globalBack returns where the global object's name b[:p] ends with
// (window, globalThis, self, white space after it) starts, or -1.
func globalBack(b []byte, p int) int {
	p = skipJSSpaceBack(b, p)
	for _, g := range []string{"window", "globalThis", "self"} {
		if q := p - len(g); bytes.HasSuffix(b[:p], []byte(g)) && (q == 0 || !isJSNameByte(b[q-1]) && b[q-1] != '.') {
			return q
		}
	}
	return -1
}

// arrayArgsEnd reads the arguments of the array call whose "(" is
// b[open] (arrayCallAt: kind) and returns the numbers they make, b[lo:hi]
// (a list jsNumberListEnd reads: new Array(131, 5124,), Array(...[131,
// 5124]), Array.of.call(null, 131, 5124), Array.apply(null, [131,
// 5124])), and the index of the ")" that closes them; else end -1 and
// where the scan stopped: b[open+1:stop] holds only what such arguments
// hold, so no candidate of statementDocs opens there (but in a comment).
func arrayArgsEnd(b []byte, open int, kind arrayCallKind) (lo, hi, end, stop int) {
	i := skipJSGap(b, open+1)
	countReadingSteps(i - open)
	if kind != callArgs {
		// the this argument: a name (null, undefined, this, window …)
		k := i
		for k < len(b) && isJSNameByte(b[k]) {
			k++
		}
		countReadingSteps(k - i)
		if k == i || isDigit(b[i]) {
			return 0, 0, -1, k
		}
		if i = skipJSGap(b, k); i >= len(b) || b[i] != ',' {
			return 0, 0, -1, i
		}
		i = skipJSGap(b, i+1)
	}
	closing := byte(')')
	if kind == callApply || kind == callArgs && bytes.HasPrefix(b[i:], []byte("...")) {
		// the numbers in brackets: Array(...[…]), Array.apply(null, […])
		if kind == callArgs {
			i = skipJSGap(b, i+3)
		}
		if i >= len(b) || b[i] != '[' {
			return 0, 0, -1, i
		}
		i++
		closing = ']'
	}
	hi, stop, _ = jsNumberListEnd(b, i, closing)
	if hi < 0 {
		return 0, 0, -1, stop
	}
	end = hi
	if closing == ']' {
		if end = skipJSGap(b, hi+1); end >= len(b) || b[end] != ')' {
			return 0, 0, -1, end
		}
		countReadingSteps(end - hi)
	}
	return i, hi, end, end
}

// arrayArgsDoc walks args, the numbers of an array call (arrayCallAt,
// arrayArgsEnd) or of an array literal JSON does not read as they are
// (jsNumberListEnd), as the JSON array they make (appendJSNumberList,
// wrappedDoc) under hint, and returns them redacted, as that array's
// elements (nil when unchanged), and whether they were read. The JSON
// copy is charged to the memory budget.
func (in *inspector) arrayArgsDoc(args []byte, hint detect.CategorySet, depth int) ([]byte, bool) {
	if err := in.reserve(int64(2*len(args) + 2)); err != nil {
		return nil, false
	}
	arr, ok := appendJSNumberList(make([]byte, 0, len(args)+2), args)
	if !ok {
		return nil, false
	}
	doc, ok := in.wrappedDoc(arr, 0, hint, depth)
	if !ok || doc == nil {
		return nil, ok
	}
	if len(doc) < 2 || doc[0] != '[' || doc[len(doc)-1] != ']' {
		return nil, false
	}
	return doc[1 : len(doc)-1], true
}
