package bodyformat

import (
	"bytes"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A Markdown renderer shows 180`6206`0627, 180[6206](/x)0627,
// 180<b>6206</b>0627 and 180<U+00AD>6206<U+00AD>0627 as one number: the
// delimiters, a link's destination, the tags and the invisible characters
// between the digit groups are drawn as nothing. The engine's OpenTail
// ends an open tail at such a byte, so a stream sending the groups one
// event at a time, with a pause after each, released 180 and then 6206
// as the starts of two short numbers (fewer than minMaskedTail digits
// each), and the client saw seven digits of the mobile before its last
// group came. The joiner reads the open tail on back across these runs
// (openTail), and counts the digits a release already sent across them
// too (releasedOpenDigits), both within maxShownNothing bytes of them.

// maxShownNothing bounds the bytes shownNothingBefore steps back over in
// one walk: a run shown as nothing longer than that (a tag with a long
// attribute) ends the open tail, as it did before.
const maxShownNothing = 128

// maxOpenHops bounds the runs shown as nothing openTail reads back
// across: a resident ID in groups of three has five.
const maxOpenHops = 6

// maxCharRef bounds a character reference shownNothingBefore reads
// back across (&ZeroWidthSpace; and &#x0000200b; are shorter).
const maxCharRef = 32

// shownNothingBefore returns where the run of text[:i] that a renderer
// shows as nothing, ending at i, starts: Markdown's delimiters (` * _ ~
// [ ]), a link's destination after its text ("](/x)"), HTML tags and
// comments, and the characters the engine reads through (detect.Invisible:
// a soft hyphen, a zero-width space), as they are or as character
// references (&#8203;, &shy;). It returns i when no such run ends
// there, and looks no further back than floor.
func shownNothingBefore(text []byte, i, floor int) int {
	k := i
	for k > floor {
		switch c := text[k-1]; {
		case c == '`' || c == '*' || c == '_' || c == '~' || c == '[' || c == ']':
			k--
		case c == '>':
			lt := tagStartBefore(text, k, floor)
			if lt < 0 {
				return k
			}
			k = lt
		case c == ';':
			// a character reference to what the engine reads through
			// (&#8203;, &shy;), which a Markdown renderer decodes
			amp := bytes.LastIndexByte(text[max(floor, k-maxCharRef):k-1], '&')
			if amp < 0 {
				return k
			}
			amp += max(floor, k-maxCharRef)
			if r, n := detect.DecodeCharRef(text[amp:k]); n != k-amp || !detect.Invisible(r) {
				return k
			}
			k = amp
		case c == ')':
			// a link's destination: "(" right after a "]", no white space in it
			op := bytes.LastIndexByte(text[floor:k-1], '(')
			if op < 0 || floor+op == floor || text[floor+op-1] != ']' || bytes.ContainsAny(text[floor+op:k], " \t\r\n") {
				return k
			}
			k = floor + op
		default:
			r, size := utf8.DecodeLastRune(text[:k])
			if !detect.Invisible(r) || r == utf8.RuneError && size <= 1 {
				return k
			}
			k -= size
		}
	}
	return k
}

// tagStartBefore returns where the HTML tag or comment that ends at
// text[k-1] (a '>') starts, no further back than floor, or -1.
func tagStartBefore(text []byte, k, floor int) int {
	if bytes.HasSuffix(text[floor:k], []byte("-->")) {
		if c := bytes.LastIndex(text[floor:k-3], []byte("<!--")); c >= 0 {
			return floor + c
		}
		return -1
	}
	lt := bytes.LastIndexByte(text[floor:k-1], '<')
	if lt < 0 || bytes.IndexByte(text[floor+lt:k-1], '>') >= 0 || floor+lt+1 == k-1 {
		return -1
	}
	return floor + lt
}

// digitOrStarBefore reports whether text[:i] ends in a digit the engine
// reads or a '*' (a digit a mask or a release starred).
func digitOrStarBefore(text []byte, i int) bool {
	r, _ := utf8.DecodeLastRune(text[:i])
	return i > 0 && (r == '*' || engineDigit(r))
}

// How openTail's walk back ended: across every run it read, at a run cut
// by the bound (runCut) that digits stand right after, or at one that
// the text ends in.
const (
	walkRead = iota
	walkCutDigits
	walkCutPending
)

// openTail returns where in a field's text an identifier the next pieces
// may complete starts: the engine's OpenTail, read on back across the
// runs a renderer shows as nothing (shownNothingBefore) that stand after
// digits, at most maxOpenHops of them within maxShownNothing bytes each
// (180`6206` is open from 180). Digits a mask starred end it, as the
// engine ends it at a mask's kept digits. walk says whether a run cut by
// the bound (runCut) ended the walk, with digits right after it
// (walkCutDigits) or the text ending in it (walkCutPending): what stands
// before it, digits perhaps, is not known, and the joiner fails closed
// (fieldText.openCut, cutHeld). A long run before words is no cut.
func (j *joiner) openTail(text []byte) (open, walk int) {
	open = j.s.eng.OpenTail(text)
	at := open
	for hop := 0; hop < maxOpenHops && at > 0; hop++ {
		floor := max(0, at-maxShownNothing)
		s := shownNothingBefore(text, at, floor)
		if runCut(text, s, floor) {
			if r, _ := utf8.DecodeRune(text[at:]); engineDigit(r) || shownNothingLead(text[at:]) > 0 {
				return open, walkCutDigits
			}
			if hop == 0 && shownNothingBefore(text, len(text), at) <= at {
				return open, walkCutPending
			}
		}
		if s == at || !digitOrStarBefore(text, s) {
			break
		}
		o := j.s.eng.OpenTail(text[:s])
		if o >= s {
			break
		}
		open, at = min(open, o), o
	}
	return open, walkRead
}

// runCut reports whether shownNothingBefore, stopped at s looking no
// further back than floor (above the text's start), may have stopped for
// that bound rather than at text shown: it walked to floor, or it stands
// after a tag's '>' or a target's ')' whose opening byte is not within
// the bound (a comment, an attribute, a link destination longer than
// maxShownNothing).
func runCut(text []byte, s, floor int) bool {
	switch {
	case floor == 0 || s == 0:
		return false
	case s <= floor: // (a character may step past it)
		return true
	case text[s-1] == '>':
		return bytes.LastIndexByte(text[floor:s-1], '<') < 0
	case text[s-1] == ')':
		return bytes.LastIndexByte(text[floor:s-1], '(') < 0
	}
	return false
}

// shownNothingLead returns the length of the run a renderer shows as
// nothing that t starts with, up to a digit (`8012, </b>8012, ](/x)8012),
// or 0: none, or no digit within maxShownNothing bytes after it.
func shownNothingLead(t []byte) int {
	for k := 0; k < len(t) && k <= maxShownNothing; {
		r, size := utf8.DecodeRune(t[k:])
		if engineDigit(r) {
			if k > 0 && shownNothingBefore(t, k, 0) == 0 {
				return k
			}
			return 0
		}
		k += size
	}
	return 0
}
