package bodyformat

import (
	"unicode"
	"unicode/utf8"
)

// A Markdown shortcut reference link ([1234]) is a link, shown as its
// text, only where the document defines its label ([1234]: /x, a line of
// its own the renderer shows nothing of); without one a renderer shows
// the brackets. linkDefs gathers the labels a text defines, once, the
// first time a shortcut link is looked up in it.

// linkDefs are the link labels a text defines, gathered on the first look
// up (gatherLinkDefs).
type linkDefs struct {
	read   bool
	labels map[string]struct{}
}

// has reports whether text defines label (as CommonMark matches labels:
// case folded, white space collapsed, normLinkLabel), gathering the
// text's definitions on the first call.
func (d *linkDefs) has(text, label []byte) bool {
	if !d.read {
		d.read, d.labels = true, gatherLinkDefs(text)
	}
	if len(d.labels) == 0 {
		return false
	}
	var buf [4 * (maxEmphasisSpan + 1)]byte
	_, ok := d.labels[string(normLinkLabel(buf[:0], label))]
	return ok
}

// gatherLinkDefs returns the labels of the link reference definitions of
// text, normalized (normLinkLabel): a line that opens, after the markers of
// the blocks it stands in (containerEnd: blanks, a block quote's '>', a
// list item's -, *, + or 1. and 1)), with a label of at most
// maxEmphasisSpan bytes in brackets and a colon ([1234]: /x, >   [1]: /x, -
// [1]: /x, > 1. [1]: /x). Only a label so short can name a link
// decodeMarkdown reads. Each byte is looked at once or twice.
func gatherLinkDefs(text []byte) map[string]struct{} {
	var labels map[string]struct{}
	var buf [4 * (maxEmphasisSpan + 1)]byte
	for i := 0; i < len(text); {
		j := containerEnd(text, i)
		if shut := defLabelEnd(text, j); shut > 0 {
			if labels == nil {
				labels = make(map[string]struct{})
			}
			labels[string(normLinkLabel(buf[:0], text[j+1:shut]))] = struct{}{}
		}
		for j < len(text) && text[j] != '\n' && text[j] != '\r' {
			j++
		}
		countReadingSteps(j + 1 - i)
		i = j + 1
	}
	return labels
}

// maxListNumber is the most digits an ordered list item's number holds
// (CommonMark: nine).
const maxListNumber = 9

// containerEnd returns where the content of the line opening at text[i]
// starts past the markers of the container blocks it stands in: blanks,
// a block quote's '>', a bullet list item's '-', '*' or '+' and an
// ordered one's number (at most maxListNumber digits) and '.' or ')',
// each list marker followed by a blank. Each byte is looked at once.
func containerEnd(text []byte, i int) int {
	for i < len(text) {
		switch b := text[i]; {
		case b == ' ' || b == '\t' || b == '>':
			i++
		case b == '-' || b == '*' || b == '+':
			if i+1 >= len(text) || text[i+1] != ' ' && text[i+1] != '\t' {
				return i
			}
			i++
		case b >= '0' && b <= '9':
			k := i
			for k < len(text) && k-i < maxListNumber && text[k] >= '0' && text[k] <= '9' {
				k++
			}
			if k+1 >= len(text) || text[k] != '.' && text[k] != ')' || text[k+1] != ' ' && text[k+1] != '\t' {
				return i
			}
			i = k + 1
		default:
			return i
		}
	}
	return i
}

// defLabelEnd returns where the ']' of a definition's label opening at
// text[j] stands (a '[', at most maxEmphasisSpan bytes but no bracket or
// line break, a ']' and a ':'), -1 when none does.
func defLabelEnd(text []byte, j int) int {
	if j >= len(text) || text[j] != '[' {
		return -1
	}
	for k := j + 1; k < min(len(text), j+2+maxEmphasisSpan); k++ {
		switch text[k] {
		case ']':
			if k+1 < len(text) && text[k+1] == ':' && k > j+1 {
				return k
			}
			return -1
		case '[', '\n', '\r':
			return -1
		}
	}
	return -1
}

// normLinkLabel appends label to dst as CommonMark matches labels: each
// run of white space one space, none at either end, every letter case
// folded (unicode.SimpleFold's smallest: A and a, K and the Kelvin sign
// are one).
func normLinkLabel(dst, label []byte) []byte {
	space := false
	for _, r := range string(label) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && len(dst) > 0 {
			dst = append(dst, ' ')
		}
		space = false
		dst = utf8.AppendRune(dst, foldRune(r))
	}
	return dst
}

// foldRune returns the smallest rune of r's case-folding orbit.
func foldRune(r rune) rune {
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return least
}

// digitBeside reports whether a digit (wideDigitAt too) stands right
// before text[open] or at text[end], or past one blank or line break
// there: a shortcut link so placed joins its text to a number on a
// renderer's screen (138[1234]5678, 138 [1234]⏎5678) whether or not the
// piece read defines its label, while one set apart by other text (a log
// line's [2021-10-29] "GET …") is read only where it is defined.
func digitBeside(text []byte, open, end int) bool {
	blank := func(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }
	k := open
	if k > 0 && blank(text[k-1]) {
		k--
	}
	if k > 0 {
		if c := text[k-1]; c >= '0' && c <= '9' {
			return true
		} else if c >= utf8.RuneSelf {
			_, n := utf8.DecodeLastRune(text[:k])
			if wideDigitAt(text, k-n) {
				return true
			}
		}
	}
	if end < len(text) && blank(text[end]) {
		end++
	}
	return end < len(text) && (text[end] >= '0' && text[end] <= '9' || text[end] >= utf8.RuneSelf && wideDigitAt(text, end))
}
