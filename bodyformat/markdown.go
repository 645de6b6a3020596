package bodyformat

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// A Markdown renderer (a chat client showing an LLM's reply, a README, a
// comment box) shows emphasis, strike-through and code spans as their
// text: 1**3**812345678, 138`1234`5678 and 138~~1234~~5678 are one
// number on the screen. decodeMarkdown gives find the text with such
// delimiters taken out.

// maxEmphasisRun is the longest run of '*', '~' or '_' read as a delimiter
// (***bold italic***); a longer run is a mask's stars or a rule.
const maxEmphasisRun = 3

// maxEmphasisSpan bounds the text between two delimiters that pair: an
// identifier's piece is short, and each delimiter looks no further for
// its partner, so the reading stays linear.
const maxEmphasisSpan = 32

// maxLinkTarget bounds the target of an inline link, (…) after its text.
const maxLinkTarget = 256

// decodeMarkdown returns text with every pair of Markdown delimiters
// around a piece with a digit taken out: runs of '*', '~', '_' (at most
// maxEmphasisRun) or '`' of the same length, with at most maxEmphasisSpan
// bytes between them, soft breaks but no blank line (softBreakWithin),
// and no white space just inside (a run of '*', '~' or '_' opens and
// closes as CommonMark's flanking rules say, opensEmphasis and
// closesEmphasis, and stars inside a token that pair with nothing are
// taken out too); and links read as the text they show (markdownLink:
// [1234](url), [1234][1], [1234][] and, defined or beside a digit,
// [1234] as 1234; [](url)
// as nothing), images (![alt](src)) as nothing. It also returns for each byte of the result the offset in text it comes
// from (one more entry: len(text)), or ok false when no pair is there.
func decodeMarkdown(text []byte) (_ []byte, _ []int32, ok bool) {
	var m mapped
	var defs linkDefs // the text's reference definitions, gathered at the first shortcut link
	from := 0
	for i := 0; i < len(text); {
		k := bytes.IndexAny(text[i:], "*~_`[")
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
		if text[open] == '`' || opensEmphasis(text, open, n) {
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

// opensEmphasis reports whether the run of n '*', '~' or '_' at text[i]
// may open emphasis: it is left-flanking, and a run of '_' not
// right-flanking too unless punctuation precedes it (CommonMark: an '_'
// inside a word, snake_case_1, opens nothing).
func opensEmphasis(text []byte, i, n int) bool {
	return leftFlanking(text, i, n) &&
		(text[i] != '_' || !rightFlanking(text, i, n) || runeClass(text, i, true) == classPunct)
}

// closesEmphasis reports whether the run of n '*', '~' or '_' at text[i]
// may close emphasis: it is right-flanking, and a run of '_' not
// left-flanking too unless punctuation follows it.
func closesEmphasis(text []byte, i, n int) bool {
	return rightFlanking(text, i, n) &&
		(text[i] != '_' || !leftFlanking(text, i, n) || runeClass(text, i+n, false) == classPunct)
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
// span holds a digit (of any spelling the engine reads: wideDigitAt), no
// blank line (a soft break it may: 1234⏎5678), and no white space at
// either end.
func pairedRun(text []byte, from int, c byte, n int) int {
	limit := min(len(text), from+maxEmphasisSpan+n)
	digit := false
	for j := from; j < limit; j++ {
		switch b := text[j]; {
		case b == c:
			if runLen(text, j) != n || j == from || !digit || isSpaceByte(text[j-1]) || isSpaceByte(text[from]) ||
				c != '`' && !closesEmphasis(text, j, n) {
				return -1
			}
			return j
		case b == '\n' || b == '\r':
			if !softBreakWithin(text, j, limit) {
				return -1
			}
		case b >= '0' && b <= '9' || b >= utf8.RuneSelf && wideDigitAt(text, j):
			digit = true
		}
	}
	return -1
}

// softBreakWithin reports whether the line break at text[j] is a soft
// one a Markdown pair, a link's text, target or label may hold (CommonMark
// ends them only at a paragraph's end): the next line, looked at no
// further than limit, holds more than blanks before limit. A blank line
// ends the paragraph; a break whose next line runs past limit in blanks
// is refused too, so no look runs past the caller's bound.
func softBreakWithin(text []byte, j, limit int) bool {
	if text[j] == '\r' && j+1 < len(text) && text[j+1] == '\n' {
		j++
	}
	for j++; j < limit; j++ {
		if b := text[j]; b != ' ' && b != '\t' {
			return b != '\n' && b != '\r'
		}
	}
	return false
}

// maxLinkParens is the deepest nesting of parentheses read in an inline
// link's destination (/wiki/X_(y)); CommonMark's renderers allow 32, a
// real destination holds one or two.
const maxLinkParens = 8

// markdownLink reads a link whose text opens at text[open] (a '['), as
// a renderer shows it, its text: an inline link ([1234](https://…)), a
// full reference link ([1234][1]), a collapsed one ([1234][]) and a
// shortcut one ([1234]) whose label the text defines (linkDefs: [1234]:
// /x at a line's start, in a list item or a quote too) or that a digit
// stands beside (digitBeside: 138[1234]5678, whose definition may stand in
// another piece) all show 1234, and one with empty text ([](/x), [][1])
// nothing. It returns where its
// text's ']' stands and where the link ends (past its ')', its label's
// ']', or its text's ']'), or end -1: the text holds a digit or nothing
// (wideDigitAt too: １２３４, 一二三四, ①②③④; an image's alt
// text need not) and at most maxEmphasisSpan bytes, the
// target (linkTargetEnd) or label at most maxLinkTarget, no bracket; text
// and label may hold soft breaks, not a blank line (softBreakWithin). A
// full or collapsed reference is read whether or not the text defines its
// label (fail closed: a definition may come in a later piece), a shortcut
// one too where a digit stands beside it (the definition may stand in a
// conversation's other message or a stream's later event, which the
// renderer draws with it). No look
// crosses a bracket, so no byte is looked at from two links: the reading
// stays linear.
func markdownLink(text []byte, open int, image bool, defs *linkDefs) (shut, end int) {
	digit := false
	shut = -1
	limit := min(len(text), open+2+maxEmphasisSpan)
	for j := open + 1; j < limit; j++ {
		countReadingSteps(1)
		if b := text[j]; b == ']' {
			shut = j
			break
		} else if b == '[' || (b == '\n' || b == '\r') && !softBreakWithin(text, j, limit) {
			return -1, -1
		} else if b >= '0' && b <= '9' || b >= utf8.RuneSelf && wideDigitAt(text, j) {
			digit = true
		}
	}
	if shut < 0 || !digit && !image && shut > open+1 {
		return -1, -1
	}
	if shut+1 < len(text) && text[shut+1] == '(' {
		if end := linkTargetEnd(text, shut+2); end > 0 {
			return shut, end
		}
		return -1, -1
	}
	if shut+1 < len(text) && text[shut+1] == '[' {
		// a label ends at ']' and holds no bracket nor a blank line
		limit := min(len(text), shut+3+maxLinkTarget)
		for j := shut + 2; j < limit; j++ {
			countReadingSteps(1)
			switch text[j] {
			case ']':
				return shut, j + 1
			case '[':
				return -1, -1
			case '\n', '\r':
				if !softBreakWithin(text, j, limit) {
					return -1, -1
				}
			}
		}
		return -1, -1
	}
	if shut > open+1 && (digitBeside(text, open, shut+1) || defs.has(text, text[open+1:shut])) {
		return shut, shut + 1
	}
	return -1, -1
}

// linkTargetEnd returns where the inline link target opening at
// text[from] (past its '(') ends, past its ')', or -1: at most
// maxLinkTarget bytes, as CommonMark reads it: a destination whose
// parentheses balance (/wiki/X_(y), at most maxLinkParens deep) or in
// angle brackets, a title in quotes (which may hold parentheses: "(t)")
// or parentheses, soft breaks between them (/x⏎"t") but no blank line,
// backslash escapes; no square bracket outside an escape.
func linkTargetEnd(text []byte, from int) int {
	limit := min(len(text), from+1+maxLinkTarget)
	depth := 0
	var quote byte // the quote of the title being read, 0 outside one
	for j := from; j < limit; j++ {
		countReadingSteps(1)
		switch b := text[j]; {
		case b == '\\':
			j++ // an escaped byte is a byte of the target
		case b == '[' || b == ']':
			return -1
		case b == '\n' || b == '\r':
			if !softBreakWithin(text, j, limit) {
				return -1
			}
		case quote != 0:
			if b == quote {
				quote = 0
			}
		case (b == '"' || b == '\'') && j > from && isSpaceByte(text[j-1]):
			quote = b
		case b == '(':
			if depth++; depth > maxLinkParens {
				return -1
			}
		case b == ')':
			if depth == 0 {
				return j + 1
			}
			depth--
		}
	}
	return -1
}
