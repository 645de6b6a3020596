package detect

import (
	"bytes"
	"strings"
)

// A figure written with '+' in prose is often a count that grew (粉丝数
// +2345678901 人, views: +371805638 total), not an international number:
// a count word right before the '+', or a measure word right after the
// digits, says which (data/countwords.txt).

// countBefore and countAfter are the words of countwords.txt, by where
// they stand.
var countBefore, countAfter = readCountWords()

func readCountWords() (before, after [][]byte) {
	forEachLine("countwords.txt", func(line string) {
		where, words, _ := strings.Cut(line, ":")
		for _, w := range strings.Fields(words) {
			step()
			switch where {
			case "before":
				before = append(before, []byte(w))
			case "after":
				after = append(after, []byte(w))
			default:
				panic("detect: countwords.txt: a line must start with before: or after:")
			}
		}
	})
	return before, after
}

// plusCount reports whether the figure at text[start:end], written with a
// '+' at text[start], is a count: a measure word follows it, or a count
// word stands before it.
func plusCount(text []byte, start, end int) bool {
	p := end
	if p < len(text) && text[p] == ' ' {
		p++
	}
	for _, w := range countAfter {
		step()
		if n := len(w); len(text)-p >= n && bytes.EqualFold(text[p:p+n], w) &&
			(w[0] >= 0x80 || p+n == len(text) || !isLabelWordByte(text[p+n])) {
			return true
		}
	}
	q := start // back over spaces and a colon
	for n := 0; q > 0 && n < 3; n++ {
		step()
		switch {
		case text[q-1] == ' ' || text[q-1] == ':':
			q--
		case bytes.HasSuffix(text[:q], []byte("：")):
			q -= len("：")
		default:
			n = 3
		}
	}
	for _, w := range countBefore {
		step()
		if n := len(w); q >= n && bytes.EqualFold(text[q-n:q], w) &&
			(w[0] >= 0x80 || q == n || !isLabelWordByte(text[q-n-1])) {
			return true
		}
	}
	return false
}

// phoneLabelBefore reports whether a phone's label (电话, tel …) or key
// stands before text[start]: a label says what the figure is, whatever
// word follows it.
func (s *scanner) phoneLabelBefore(start int) bool {
	l := s.labelsBefore(start)
	return l.Has(Phone) || l.Has(CNMobile) || l.Has(CNLandline)
}
