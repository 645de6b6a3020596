package bodyformat

import "sort"

// An inline link's target, (…) past its text's ']', is read as
// CommonMark reads it, however long: a destination whose parentheses
// balance, square brackets and all ((/wiki/X_(y), /x[y), /x]y), or one
// in angle brackets (<a b>), then white space and a title in quotes or
// parentheses or not, then ')'. A destination holds no white space, so
// linkTargets matches the parentheses of each run of bytes without any
// on a stack, once for the whole text: a target closes at the ')' that
// matches its '(', or, open when its run ends at white space, reads a
// title from there (titleEnd). No bound is needed for linearity: the
// runs are read once, and a title is read from a quote to the next.

// linkTargets are where the inline link targets of a text end: for each
// '(' that follows a ']', in order, its offset (at) and the offset past
// its ')' (end), or -1; gathered on the first look up.
type linkTargets struct {
	read    bool
	at, end []int32
}

// endOf returns where the target opening at text[open] (a '(' after a
// ']') ends, past its ')', or -1, reading the text's targets on the
// first call.
func (t *linkTargets) endOf(text []byte, open int) int {
	if !t.read {
		t.read = true
		t.gather(text)
	}
	countReadingSteps(1)
	k := sort.Search(len(t.at), func(k int) bool { return t.at[k] >= int32(open) })
	if k < len(t.at) && t.at[k] == int32(open) {
		return int(t.end[k])
	}
	return -1
}

// gather reads the targets of text in one pass: a stack holds the '('
// of the current run not yet closed (a target's as its index, any
// other as -1); a ')' closes the top one, white space ends the run, and
// the target on top then, if any, reads a title (titleEnd). A target in
// angle brackets is read to its '>' and then as one on top.
func (t *linkTargets) gather(text []byte) {
	var stack []int32
	for i := 0; i < len(text); i++ {
		countReadingSteps(1)
		switch text[i] {
		case '\\':
			i++ // an escaped byte is a byte of the destination
		case '(':
			if i == 0 || text[i-1] != ']' {
				stack = append(stack, -1)
				continue
			}
			t.at, t.end = append(t.at, int32(i)), append(t.end, -1)
			k := int32(len(t.at) - 1)
			j := skipLinkBlanks(text, i+1) // blanks and a soft break may open it
			switch {
			case j < 0 || j >= len(text): // a blank line or the end: none
			case text[j] == ')':
				t.end[k], i = int32(j+1), j
			case angleEnd(text, j) > 0:
				gt := angleEnd(text, j)
				t.end[k], i = int32(titleEnd(text, gt)), gt-1
			default:
				stack, i = append(stack, k), j-1
			}
		case ')':
			if n := len(stack); n > 0 {
				if k := stack[n-1]; k >= 0 {
					t.end[k] = int32(i + 1)
				}
				stack = stack[:n-1]
			}
		case ' ', '\t', '\n', '\r':
			if n := len(stack); n > 0 {
				if k := stack[n-1]; k >= 0 {
					t.end[k] = int32(titleEnd(text, i))
				}
				stack = stack[:0]
			}
		}
	}
}

// angleEnd returns where a destination in angle brackets opening at
// text[i] ends, past its '>', or -1: no line break nor '<' inside, '\'
// escapes.
func angleEnd(text []byte, i int) int {
	if i >= len(text) || text[i] != '<' {
		return -1
	}
	for j := i + 1; j < len(text); j++ {
		countReadingSteps(1)
		switch text[j] {
		case '\\':
			j++
		case '>':
			return j + 1
		case '<', '\n', '\r':
			return -1
		}
	}
	return -1
}

// titleEnd returns where a link target whose destination ends at text[j]
// ends, past its ')', or -1: blanks and soft breaks (no blank line), a
// title in "…", '…' or (…) or none, blanks again, ')'.
func titleEnd(text []byte, j int) int {
	j = skipLinkBlanks(text, j)
	if j < 0 || j >= len(text) {
		return -1
	}
	if q := text[j]; q == '"' || q == '\'' || q == '(' {
		if q == '(' {
			q = ')'
		}
		j++
		for ; j < len(text) && text[j] != q; j++ {
			countReadingSteps(1)
			switch b := text[j]; {
			case b == '\\':
				j++
			case b == '(' && q == ')':
				return -1
			case (b == '\n' || b == '\r') && !softBreakWithin(text, j, len(text)):
				return -1
			}
		}
		if j >= len(text) {
			return -1
		}
		j = skipLinkBlanks(text, j+1)
	}
	if j < 0 || j >= len(text) || text[j] != ')' {
		return -1
	}
	return j + 1
}

// skipLinkBlanks returns where the blanks and soft breaks from text[j]
// on end, or -1 at a blank line.
func skipLinkBlanks(text []byte, j int) int {
	for ; j < len(text); j++ {
		countReadingSteps(1)
		switch text[j] {
		case ' ', '\t':
		case '\n', '\r':
			if !softBreakWithin(text, j, len(text)) {
				return -1
			}
		default:
			return j
		}
	}
	return j
}
