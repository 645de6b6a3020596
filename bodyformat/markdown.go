package bodyformat

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Markdown renderer (a chat client showing an LLM's reply, a README, a
// comment box) shows emphasis, strike-through and code spans as their
// text: 1**3**812345678, 138`1234`5678 and 138~~1234~~5678 are one
// number on the screen. decodeMarkdown gives find the text with such
// delimiters taken out.

// maxEmphasisRun is the longest run of '*' or '~' read as a delimiter
// (***bold italic***); a longer run is a mask's stars or a rule.
const maxEmphasisRun = 3

// maxEmphasisSpan bounds the text between two delimiters that pair: an
// identifier's piece is short, and each delimiter looks no further for
// its partner, so the reading stays linear.
const maxEmphasisSpan = 32

// maxLinkTarget bounds the target of an inline link, (…) after its text.
const maxLinkTarget = 256

// decodeMarkdown returns text with every pair of Markdown delimiters
// around a piece with a digit taken out: runs of '*', '~' (at most
// maxEmphasisRun) or '`' of the same length, with at most maxEmphasisSpan
// bytes between them, no line break, and no white space just inside (a
// run of '*' or '~' opens and closes as CommonMark's flanking rules say,
// and stars inside a token that pair with nothing are taken out too);
// and links read as the text they show (markdownLink: [1234](url),
// [1234][1], [1234][] and, defined, [1234] as 1234), images (![alt](src))
// as nothing. It
// also returns for each byte of the result the offset in text it comes
// from (one more entry: len(text)), or ok false when no pair is there.
func decodeMarkdown(text []byte) (_ []byte, _ []int32, ok bool) {
	var m mapped
	var defs linkDefs // the text's reference definitions, gathered at the first shortcut link
	from := 0
	for i := 0; i < len(text); {
		k := bytes.IndexAny(text[i:], "*~`[")
		if k < 0 {
			break
		}
		open := i + k
		if text[open] == '[' {
			i = open + 1
			image := open > from && text[open-1] == '!'
			shut, end := markdownLink(text, open, image, &defs)
			if end < 0 {
				continue
			}
			if !ok {
				m = mapped{dst: make([]byte, 0, len(text)), offs: make([]int32, 0, len(text)+1)}
				ok = true
			}
			if image {
				// an image shows its picture, not its alt text: between
				// two digits (a pixel) it may show nothing
				m.copy(text, from, open-1)
			} else {
				m.copy(text, from, open)
				m.copy(text, open+1, shut)
			}
			from, i = end, end
			continue
		}
		n := runLen(text, open)
		i = open + n
		if n > maxEmphasisRun && text[open] != '`' {
			continue
		}
		close := -1
		if text[open] == '`' || leftFlanking(text, open, n) {
			close = pairedRun(text, open+n, text[open], n)
		}
		if close < 0 && !starsInToken(text, open, n) {
			continue
		}
		if !ok {
			m = mapped{dst: make([]byte, 0, len(text)), offs: make([]int32, 0, len(text)+1)}
			ok = true
		}
		m.copy(text, from, open)
		if close < 0 {
			from = open + n
			continue
		}
		m.copy(text, open+n, close)
		from, i = close+n, close+n
	}
	if !ok {
		return nil, nil, false
	}
	m.copy(text, from, len(text))
	dst, offs := m.done(len(text))
	return dst, offs, true
}

// starsInToken reports whether the run of n '*' at text[open], which
// pairs with nothing in the text, stands inside an ASCII token (0@0*.AA,
// x@*qq.com, 1381*2345678): a star a mask writes before it (a name's 余*)
// may pair with it on a renderer's screen and take it out, so the reading
// takes it out already and a second redaction finds nothing new. Stars
// before an '@' are what an e-mail mask leaves (z***@qq.com) and stay.
func starsInToken(text []byte, open, n int) bool {
	if text[open] != '*' || open == 0 || open+n >= len(text) {
		return false
	}
	before, after := text[open-1], text[open+n]
	return before > ' ' && before < utf8.RuneSelf && after != '@' && (isASCIILetterByte(after) || after >= '0' && after <= '9' || after == '.' || after == '-' || after == '_')
}

// leftFlanking reports whether the delimiter run text[i:i+n] may open
// emphasis, as CommonMark has it: not followed by white space, and not
// followed by punctuation unless white space or punctuation precedes it.
// A mask's stars before an '@' (z***@qq.com) open nothing.
func leftFlanking(text []byte, i, n int) bool {
	next, prev := runeClass(text, i+n, false), runeClass(text, i, true)
	return next != classSpace && (next != classPunct || prev != classOther)
}

// rightFlanking reports whether the delimiter run text[i:i+n] may close
// emphasis: not preceded by white space, and not preceded by punctuation
// unless white space or punctuation follows it (x@*qq.com closes nothing).
func rightFlanking(text []byte, i, n int) bool {
	prev, next := runeClass(text, i, true), runeClass(text, i+n, false)
	return prev != classSpace && (prev != classPunct || next != classOther)
}

// What stands next to a delimiter run, for CommonMark's flanking rules.
const (
	classOther = iota
	classSpace // white space, or the text's start or end
	classPunct // punctuation or a symbol
)

// runeClass returns the class of the rune that starts at text[i], or with
// before the one that ends there.
func runeClass(text []byte, i int, before bool) int {
	var r rune
	switch {
	case before && i > 0:
		r, _ = utf8.DecodeLastRune(text[:i])
	case !before && i < len(text):
		r, _ = utf8.DecodeRune(text[i:])
	default:
		return classSpace
	}
	switch {
	case unicode.IsSpace(r):
		return classSpace
	case unicode.IsPunct(r) || unicode.IsSymbol(r):
		return classPunct
	}
	return classOther
}

// runLen returns how many bytes equal to text[i] run from i on.
func runLen(text []byte, i int) int {
	n := 1
	for i+n < len(text) && text[i+n] == text[i] {
		n++
	}
	return n
}

// pairedRun returns where the run of n bytes c that closes the span
// opening at text[from] starts, or -1: within maxEmphasisSpan bytes, the
// span holds a digit (of any spelling the
// engine reads: wideDigitAt), no line break, and no white space at either end.
func pairedRun(text []byte, from int, c byte, n int) int {
	limit := min(len(text), from+maxEmphasisSpan+n)
	digit := false
	for j := from; j < limit; j++ {
		switch b := text[j]; {
		case b == c:
			if runLen(text, j) != n || j == from || !digit || isSpaceByte(text[j-1]) || isSpaceByte(text[from]) ||
				c != '`' && !rightFlanking(text, j, n) {
				return -1
			}
			return j
		case b == '\n' || b == '\r':
			return -1
		case b >= '0' && b <= '9' || b >= utf8.RuneSelf && wideDigitAt(text, j):
			digit = true
		}
	}
	return -1
}

// markdownLink reads a link whose text opens at text[open] (a '['), as
// a renderer shows it, its text: an inline link ([1234](https://…)), a
// full reference link ([1234][1]), a collapsed one ([1234][]) and a
// shortcut one ([1234]) whose label the text defines (linkDefs: [1234]:
// /x at a line's start) all show 1234. It returns where its text's ']'
// stands and where the link ends (past its ')', its label's ']', or its
// text's ']'), or end -1: the text holds a digit (wideDigitAt too: １２３４, 一二三四, ①②③④) (an image's alt text
// need not) and at most maxEmphasisSpan bytes, the target or label at
// most maxLinkTarget, neither a bracket nor a line break. A full or
// collapsed reference is read whether or not the text defines its label
// (fail closed: a definition may come in a later piece). No look crosses
// a bracket, so no byte is looked at from two links: the reading stays
// linear.
func markdownLink(text []byte, open int, image bool, defs *linkDefs) (shut, end int) {
	digit := false
	shut = -1
	for j := open + 1; j < min(len(text), open+2+maxEmphasisSpan); j++ {
		countReadingSteps(1)
		if b := text[j]; b == ']' {
			shut = j
			break
		} else if b == '[' || b == '\n' || b == '\r' {
			return -1, -1
		} else if b >= '0' && b <= '9' || b >= utf8.RuneSelf && wideDigitAt(text, j) {
			digit = true
		}
	}
	if shut < 0 || !digit && !image {
		return -1, -1
	}
	if shut+1 < len(text) && (text[shut+1] == '(' || text[shut+1] == '[') {
		// a target ends at ')', a label at ']'; neither holds a bracket
		// (nor a target a '(') or a line break
		closer, stops := byte(')'), "[](\n\r"
		if text[shut+1] == '[' {
			closer, stops = ']', "[\n\r"
		}
		for j := shut + 2; j < min(len(text), shut+3+maxLinkTarget); j++ {
			countReadingSteps(1)
			if text[j] == closer {
				return shut, j + 1
			}
			if strings.IndexByte(stops, text[j]) >= 0 {
				return -1, -1
			}
		}
		return -1, -1
	}
	if defs.has(text, text[open+1:shut]) {
		return shut, shut + 1
	}
	return -1, -1
}
