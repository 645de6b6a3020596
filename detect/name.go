package detect

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// Chinese names: 2-4 Han characters starting with a surname (or joined by
// '·' in transliterated names), reported only with evidence: a label, a key
// hint, or other personal data in the same record.

const maxNameRunes = 4

// The registry places of the categories that names are not looked for
// next to.
var nameIndex, addressIndex = catIndex(CNName.index()), catIndex(CNAddress.index())

// nameAt reads a name starting at text[pos] and records it with the given
// evidence. It returns the end of the name, or 0.
func (s *scanner) nameAt(pos int, ev Evidence) int {
	end, ok := s.nameToken(pos, true)
	if !ok {
		return 0
	}
	conf := 0.8
	if ev&EvProximity != 0 {
		conf = 0.6
	}
	if s.emit(cand{ok: true, cat: CNName, conf: conf, ev: ev, start: pos, end: end, norm: s.normText(pos, end)}) {
		return end
	}
	return 0
}

// nameToken returns the end of the name that starts at text[pos]. With
// afterLabel, the name may run straight into the next field (姓名张三性别男).
func (s *scanner) nameToken(pos int, afterLabel bool) (int, bool) {
	var runes [12]rune
	var ends [12]int
	n, dot, p := 0, false, pos
	for n < len(runes) && p < len(s.text) {
		step()
		if afterLabel && n >= 2 && startsWithFieldWord(s.text[p:]) {
			break
		}
		if n >= 1 && isLabelAt(s.text, p) {
			break // 姓名张三姓名…: the next label starts here
		}
		r, size := utf8.DecodeRune(s.text[p:])
		if r == '·' || r == '•' || r == '・' {
			if n == 0 || dot {
				break
			}
			dot = true
		} else if !isHan(r) {
			break
		}
		runes[n] = r
		p += size
		ends[n] = p
		n++
	}
	if n > 0 && (runes[n-1] == '·' || runes[n-1] == '•' || runes[n-1] == '・') {
		n--
	}
	if dot {
		return ends[n-1], n >= 3
	}
	if n < 2 {
		return 0, false
	}
	sur := 1
	if n >= 3 && surnames.has(s.text[pos:ends[1]]) {
		sur = 2
	} else if !surnames.has(s.text[pos:ends[0]]) {
		return 0, false
	}
	if n > sur+2 {
		return 0, false // a longer Han run is a phrase, not a name
	}
	if n == 4 && sur == 1 {
		n = 3
	}
	end := ends[n-1]
	if commonWords.has(s.text[pos:end]) || isLabelWord(s.text[pos:end]) {
		return 0, false
	}
	if end < len(s.text) && s.text[end] == '*' {
		return 0, false // what a partial mask left (张*, 北京市朝阳区****) is no name
	}
	return end, true
}

func startsWithFieldWord(t []byte) bool {
	for _, w := range fieldWords {
		step()
		if bytes.HasPrefix(t, []byte(w)) {
			return true
		}
	}
	return false
}

func isLabelWord(w []byte) bool {
	lw, ok := labels.matchAt(w, 0)
	return ok && len(lw.word) == len(w)
}

// namesNearFindings looks for a standalone name in the same line as each
// confirmed finding: a short Han token bounded by punctuation, spaces or
// digits (张三，13800138000). Hits must be sorted; it reports whether it
// added any.
func (s *scanner) namesNearFindings() bool {
	count := len(s.hits)
	// maxEnds[k] is the furthest end of hits[0..k]: whether a span overlaps
	// an earlier hit is then one search and one comparison
	s.maxEnds = s.maxEnds[:0]
	for k, h := range s.hits {
		step()
		if k > 0 {
			h.End = max(h.End, s.maxEnds[k-1])
		}
		s.maxEnds = append(s.maxEnds, h.End)
	}
	scannedTo := 0
	for k := 0; k < count; k++ {
		step()
		h := s.hits[k]
		if h.weak || h.cat == nameIndex || h.cat == addressIndex {
			continue
		}
		lo, hi := s.lineAround(h.Start, h.End, scannedTo)
		for lo < hi && !utf8.RuneStart(s.text[lo]) {
			step()
			lo++
		}
		scannedTo = max(scannedTo, hi)
		for p := lo; p < hi; {
			step()
			r, size := utf8.DecodeRune(s.text[p:])
			if !isHan(r) {
				p += size
				continue
			}
			if prev, _ := utf8.DecodeLastRune(s.text[:p]); p > 0 && !nameBoundary(prev) {
				p += size
				continue
			}
			end, ok := s.nameToken(p, false)
			if ok && end < len(s.text) {
				next, _ := utf8.DecodeRune(s.text[end:])
				ok = nameBoundary(next) || isASCIIDigit(byte(next)) && next < utf8.RuneSelf
			}
			if ok && !s.covered(p, end, count) {
				s.nameAt(p, EvProximity)
				p = end
				continue
			}
			p += size
		}
	}
	return len(s.hits) > count
}

// lineAround returns the part of the line around [start,end) within the
// proximity window, from floor on at the earliest (what was looked at
// already is not searched again).
func (s *scanner) lineAround(start, end, floor int) (int, int) {
	lo := min(max(0, start-s.e.proxWin/2, floor), start)
	if k := bytes.LastIndexByte(s.text[lo:start], '\n'); k >= 0 {
		lo += k + 1
	}
	hi := min(len(s.text), end+s.e.proxWin/2)
	if k := bytes.IndexByte(s.text[end:hi], '\n'); k >= 0 {
		hi = end + k
	}
	for lo < start && !utf8.RuneStart(s.text[lo]) {
		step()
		lo++
	}
	return lo, hi
}

// covered reports whether [start,end) overlaps an existing hit. The first
// sorted hits are searched by start with their running furthest end
// (maxEnds); the names added after them come in order and do not overlap
// one another, so the last one added is the only one to check.
func (s *scanner) covered(start, end, sorted int) bool {
	k := sort.Search(sorted, func(j int) bool { return s.hits[j].Start >= end })
	if k > 0 && s.maxEnds[k-1] > start {
		return true
	}
	if n := len(s.hits); n > sorted {
		h := &s.hits[n-1]
		return start < h.End && h.Start < end
	}
	return false
}

// nameBoundary reports the characters that may stand right before or after
// a standalone name: white space and punctuation, not letters, digits or Han.
func nameBoundary(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', ',', ';', ':', '"', '\'', '(', ')', '[', ']', '|', '/',
		'，', '。', '；', '：', '、', '（', '）', '“', '”', '「', '」', '【', '】', '\u3000':
		return true
	}
	return false
}

// isLabelAt reports whether a Chinese label word starts at text[p].
func isLabelAt(text []byte, p int) bool {
	if text[p] < utf8.RuneSelf {
		return false
	}
	_, ok := labels.matchAt(text, p)
	return ok
}
