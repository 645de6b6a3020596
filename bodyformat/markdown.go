package bodyformat

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A Markdown renderer (a chat client showing an LLM's reply, a README, a
// comment box) shows emphasis, strike-through and code spans as their
// text: 1**3**812345678, 138`1234`5678 and 138~~1234~~5678 are one
// number on the screen. decodeMarkdown gives find the text with such
// delimiters taken out.

// maxEmphasisRun is the longest run of '~' read as a delimiter, and of
// '*' read inside a token (starsInToken): a longer one is a mask's stars
// or a rule. A run of '*' or '_' of any length pairs with one as long
// (****1234**** is <strong><strong>).
const maxEmphasisRun = 3

// maxEmphasisSpan bounds the text between two delimiters that pair, and
// a link's text, as a renderer shows them (without the characters the
// engine reads through, detect.Invisible: soft hyphens, zero-width
// spaces): an identifier's piece is short.
const maxEmphasisSpan = 32

// maxLinkLabel bounds a full reference link's label ([1234][label]), as
// CommonMark does (999); a longer one is read as though it were none,
// its text as a shortcut link's (fail closed).
const maxLinkLabel = 999

// maxMarkdownDepth is how many times a reading reads what it takes out
// of a pair or a link ([*1234*](/x), **[1234](/x)**): the text of each
// is read again, up to this depth, so each byte is read a bounded
// number of times; deeper, what a pair holds is read with every
// delimiter taken out (markdownReading.flat).
const maxMarkdownDepth = 4

// decodeMarkdown returns text with every pair of Markdown delimiters
// around a piece with a digit taken out: runs of '*' or '_' (any length),
// '~' (at most maxEmphasisRun) or '`' of the same length, with at most
// maxEmphasisSpan bytes shown between them, soft breaks but no blank line
// (softBreakWithin), and no white space just inside but in a code span
// (a run of '*', '~' or '_' opens and closes as CommonMark's flanking
// rules say, opensEmphasis and closesEmphasis, and stars inside a token
// that pair with nothing are taken out too; a code span loses one space
// at each end where both ends have one); and links read as the text they
// show (markdownLink: [1234](url), [1234][1], [1234][] and, defined or
// beside a digit, [1234] as 1234; [](url) as nothing), images
// (![alt](src)) as nothing. What a pair or a link holds is read again
// (maxMarkdownDepth), but a code span's. It also returns for each byte
// of the result the offset in text it comes from (one more entry:
// len(text)), or ok false when no pair is there.
func decodeMarkdown(text []byte) ([]byte, []int32, bool) {
	r := markdownReading{root: text}
	r.read(text, 0, 1)
	if !r.ok {
		return nil, nil, false
	}
	dst, offs := r.m.done(len(text))
	return dst, offs, true
}

// markdownReading is one reading of a text (root) as Markdown: what it
// has read (m, made when it first reads something, ok) and the text's
// reference definitions and inline link targets, gathered on first use.
type markdownReading struct {
	m       mapped
	ok      bool
	root    []byte
	defs    linkDefs
	targets linkTargets
}

// read appends text, the piece of the root at offset base, read as
// Markdown, depth readings deep (1 for the root).
func (r *markdownReading) read(text []byte, base, depth int) {
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
			shut, end := r.link(text, base, open, image)
			if end < 0 {
				continue
			}
			if image {
				// an image shows its picture, not its alt text: between
				// two digits (a pixel) it may show nothing
				r.copy(text, base, from, open-1)
			} else {
				r.copy(text, base, from, open)
				r.inner(text, base, open+1, shut, depth)
			}
			from, i = end, end
			continue
		}
		n := runLen(text, open)
		i = open + n
		if n > maxEmphasisRun && text[open] == '~' {
			continue
		}
		close := -1
		if text[open] == '`' || opensEmphasis(text, open, n) {
			close = pairedRun(text, open+n, text[open], n)
		}
		if close < 0 && (n > maxEmphasisRun || !starsInToken(text, open, n)) {
			continue
		}
		r.copy(text, base, from, open)
		if close < 0 {
			from = open + n
			continue
		}
		if text[open] == '`' {
			a, b := codeSpanContent(text, open+n, close)
			r.copy(text, base, a, b)
		} else {
			r.inner(text, base, open+n, close, depth)
		}
		from, i = close+n, close+n
	}
	if r.ok {
		r.copy(text, base, from, len(text))
	}
}

// copy appends text[from:to] as it is (text the piece of the root at
// offset base), making the reading's buffers on its first call.
func (r *markdownReading) copy(text []byte, base, from, to int) {
	if !r.ok {
		r.m = mapped{dst: make([]byte, 0, len(r.root)), offs: make([]int32, 0, len(r.root)+1)}
		r.ok = true
	}
	n := len(r.m.offs)
	r.m.copy(text, from, to)
	if base != 0 {
		for k := n; k < len(r.m.offs); k++ {
			r.m.offs[k] += int32(base)
		}
	}
}

// inner appends what a pair or a link holds, text[from:to], read again
// unless the reading is maxMarkdownDepth deep: then with every delimiter
// taken out (flat, fail closed).
func (r *markdownReading) inner(text []byte, base, from, to, depth int) {
	if depth >= maxMarkdownDepth {
		r.flat(text, base, from, to)
		return
	}
	countReadingSteps(to - from)
	r.read(text[from:to], base+from, depth+1)
}

// codeSpanContent returns what a renderer shows of the code span whose
// content is text[from:to]: one space (or line break) less at each end
// where both ends hold one and the content is not all spaces.
func codeSpanContent(text []byte, from, to int) (int, int) {
	space := func(b byte) bool { return b == ' ' || b == '\n' }
	if to-from < 2 || !space(text[from]) || !space(text[to-1]) {
		return from, to
	}
	for j := from; j < to; j++ {
		if !space(text[j]) {
			return from + 1, to - 1
		}
	}
	return from, to
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
// opening at text[from] starts, or -1: within maxEmphasisSpan bytes shown
// (markdownChar), the span holds a digit (of any spelling the engine
// reads), no blank line (a soft break it may: 1234⏎5678), and, unless c
// is '`', no white space at either end; a run longer than maxEmphasisRun
// pairs over no letter (two masks' stars, 京A****5京A****5, read as
// emphasis cost a reading of every masked plate). A shorter pair of c inside it,
// n at most maxEmphasisRun, is passed over (**_*1234*_** is
// <strong><em><em>: innerPair); else the look stops at the first c, so
// no byte is looked at from more than maxEmphasisRun runs of one
// delimiter.
func pairedRun(text []byte, from int, c byte, n int) int {
	digit := false
	for j, shown := from, 0; j < len(text) && shown < maxEmphasisSpan+n; {
		countReadingSteps(1)
		if b := text[j]; b == c {
			if m := runLen(text, j); m != n {
				end := innerPair(text, j, m, n)
				if end < 0 {
					return -1
				}
				digit, j, shown = true, end, shown+end-j
				continue
			}
			if j == from || !digit ||
				c != '`' && (isSpaceByte(text[j-1]) || isSpaceByte(text[from]) || !closesEmphasis(text, j, n)) {
				return -1
			}
			return j
		} else if (b == '\n' || b == '\r') && !softBreakWithin(text, j, min(len(text), j+1+maxEmphasisSpan)) {
			return -1
		}
		size, seen, d := markdownChar(text, j)
		if n > maxEmphasisRun && !d && seen > 0 && (isASCIILetterByte(text[j]) || text[j] >= utf8.RuneSelf) {
			return -1 // a mask's stars: 京A****5京A****5
		}
		digit = digit || d
		j, shown = j+size, shown+seen
	}
	return -1
}

// innerPair returns where the pair that the run of m '*' or '_' at
// text[j] opens, inside a span a run of n opens, ends (past its closing
// run), or -1: m is less than n, n at most maxEmphasisRun, and the run
// opens a pair (pairedRun, whose own inner pairs are shorter still, so
// the looks nest at most maxEmphasisRun deep).
func innerPair(text []byte, j, m, n int) int {
	if text[j] == '`' || m >= n || n > maxEmphasisRun || !opensEmphasis(text, j, m) {
		return -1
	}
	close := pairedRun(text, j+m, text[j], m)
	if close < 0 {
		return -1
	}
	return close + m
}

// markdownChar returns the size of the character at text[j], how many
// bytes of it a renderer shows (none of one the engine reads through,
// detect.Invisible: a soft hyphen, a zero-width space) and whether it is
// a digit of any spelling the engine reads (engineDigit).
func markdownChar(text []byte, j int) (size, shown int, digit bool) {
	if b := text[j]; b < utf8.RuneSelf {
		return 1, 1, b >= '0' && b <= '9'
	}
	r, size := utf8.DecodeRune(text[j:])
	if detect.Invisible(r) {
		return size, 0, false
	}
	return size, size, engineDigit(r)
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

// markdownLink reads a link whose text opens at text[open] (a '['), as
// a renderer shows it, its text: an inline link ([1234](https://…)), a
// full reference link ([1234][1]), a collapsed one ([1234][]) and a
// shortcut one ([1234]) whose label the text defines (linkDefs: [1234]:
// /x at a line's start, in a list item or a quote too) or that a digit
// stands beside (digitBeside: 138[1234]5678, whose definition may stand in
// another piece) all show 1234, and one with empty text ([](/x), [][1])
// nothing. text is the piece of the reading's root at offset base. It
// returns where its text's ']' stands and where the link ends (past its
// ')', its label's ']', or its text's ']'), or end -1: the text holds a
// digit or nothing (of any spelling the engine reads; an image's alt
// text need not) and at most maxEmphasisSpan bytes shown (markdownChar),
// no bracket; the target is one CommonMark reads (linkTargets: brackets
// and any length); a label holds no unescaped bracket; text and label may
// hold soft breaks, not a blank line (softBreakWithin). A full or
// collapsed reference is read whether or not the text defines its label
// (fail closed: a definition may come in a later piece), a shortcut one
// too where a digit stands beside it (the definition may stand in a
// conversation's other message or a stream's later event, which the
// renderer draws with it); one whose label runs past maxLinkLabel bytes
// is read as a shortcut one (fail closed). The looks at a text and a
// label stop at a bracket, so no byte is looked at from two links, and
// the targets are read once for the whole root: the reading stays linear.
func (r *markdownReading) link(text []byte, base, open int, image bool) (shut, end int) {
	digit := false
	shut = -1
	for j, shown := open+1, 0; j < len(text) && shown < maxEmphasisSpan+1; {
		countReadingSteps(1)
		if b := text[j]; b == ']' {
			shut = j
			break
		} else if b == '[' || (b == '\n' || b == '\r') && !softBreakWithin(text, j, min(len(text), j+1+maxEmphasisSpan)) {
			return -1, -1
		}
		size, seen, d := markdownChar(text, j)
		digit = digit || d
		j, shown = j+size, shown+seen
	}
	if shut < 0 || !digit && !image && shut > open+1 {
		return -1, -1
	}
	if shut+1 < len(text) && text[shut+1] == '(' {
		if end := r.targets.endOf(r.root, base+shut+1) - base; end > 0 && end <= len(text) {
			return shut, end
		}
		return -1, -1
	}
	if shut+1 < len(text) && text[shut+1] == '[' {
		// a label ends at ']' and holds no bracket (but an escaped one)
		// nor a blank line
		limit := min(len(text), shut+3+maxLinkLabel)
		for j := shut + 2; j < limit; j++ {
			countReadingSteps(1)
			switch text[j] {
			case '\\':
				j++
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
		if limit < len(text) {
			return shut, shut + 1 // a label too long: the text is read
		}
		return -1, -1
	}
	if shut > open+1 && (digitBeside(text, open, shut+1) || r.defs.has(r.root, text[open+1:shut])) {
		return shut, shut + 1
	}
	return -1, -1
}
