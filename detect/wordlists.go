package detect

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"
)

// The word lists live in data/ as text files so they can be read and
// extended without touching code.
//
//go:embed data/*.txt
var dataFiles embed.FS

// readWords returns the whitespace-separated words of a data file, skipping
// '#' comment lines.
func readWords(name string) []string {
	var words []string
	forEachLine(name, func(line string) { words = append(words, strings.Fields(line)...) })
	return words
}

func forEachLine(name string, fn func(string)) {
	b, err := dataFiles.ReadFile("data/" + name)
	if err != nil {
		panic(fmt.Sprintf("detect: missing word list %s: %v", name, err))
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		step()
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fn(line)
	}
}

// labelWord is a label and the categories it is evidence for.
type labelWord struct {
	word  []byte // lower case for English words
	cats  CategorySet
	ascii bool
}

// labelIndex holds the English label words by their first byte and the
// Chinese ones by their first rune, each bucket longest first; a bit set
// over the Basic Multilingual Plane rejects most characters at once.
type labelIndex struct {
	ascii [128][]labelWord
	// asciiStarts[b] says whether ascii[b] (for an upper-case b, the
	// bucket of its lower case) holds a word
	asciiStarts [utf8.RuneSelf]bool
	han         map[rune][]labelWord
	starts      [0x10000 / 64]uint64
	pairs       [pairBits / 64]uint64 // the first two runes of the Chinese labels, hashed
	ends        bmpSet                // the last rune of every label (ASCII in lower case)
	// endLens holds, for each rune of ends by its rank there (endSlot),
	// the lengths of the labels it ends (lenBit); endRank[w] counts the
	// runes of ends in its words before w
	endLens []uint64
	endRank [0x10000 / 64]uint16
	trie    labelTrie // every word, as searchAt walks them
}

const pairBits = 1 << 16

// pairHash hashes the first two runes of a word into the pairs bit set.
func pairHash(r1, r2 rune) uint32 { return (uint32(r1)*0x9E3779B1 ^ uint32(r2)*0x85EBCA6B) >> 16 }

// mayStartAt reports whether a Chinese label may start at text[i], whose
// first rune r the caller has decoded: a cheap test on the first two runes
// before the word list is searched.
func (idx *labelIndex) mayStartAt(text []byte, i int, r rune, size int) bool {
	if i+size >= len(text) {
		return false
	}
	r2, ok := cjkRune(text[i+size:])
	if !ok {
		r2, _ = decodeRune(text[i+size:])
	}
	h := pairHash(r, r2)
	return idx.pairs[h/64]&(1<<(h%64)) != 0
}

// lensEndingAt returns the lengths of the labels that may end at
// text[pos] (pos above 0), bit n for n bytes (lenBit): those of the labels
// whose last rune is the one before pos. Looking for a label that ends
// somewhere is then one bit test where no label ends, and a search at the
// few places a label could start where one does, not at every place before.
func (idx *labelIndex) lensEndingAt(text []byte, pos int) uint64 {
	r := rune(text[pos-1])
	if r < utf8.RuneSelf {
		r = rune(lowerASCII(byte(r)))
	} else {
		r, _ = lastRune(text, pos)
	}
	if !idx.ends.has(r) {
		return 0
	}
	return idx.endLens[idx.endSlot(r)]
}

// endSlot returns the place in endLens of r, a rune of ends: the runes of
// ends before it, counted by words, not looked up in a map.
func (idx *labelIndex) endSlot(r rune) int {
	w := r / 64
	return int(idx.endRank[w]) + bits.OnesCount64(idx.ends[w]&(1<<(r%64)-1))
}

// add inserts a word, keeping its bucket longest first.
func (idx *labelIndex) add(lw labelWord) {
	for _, b := range lw.word {
		step()
		if isLabelValueByte(b) {
			panic("detect: a label word holding a digit, '*' or ']' (labelsIn starts after the last one)")
		}
	}
	r, _ := utf8.DecodeLastRune(lw.word)
	if r < utf8.RuneSelf {
		r = rune(lowerASCII(byte(r)))
	} else if r >= 0x10000 {
		panic("detect: a label ending outside the Basic Multilingual Plane")
	}
	if !idx.ends.has(r) {
		// a new rune of ends: its slot goes in at its rank, and the
		// runes after it move up one
		idx.endLens = slices.Insert(idx.endLens, idx.endSlot(r), 0)
		for w := r/64 + 1; w < rune(len(idx.endRank)); w++ {
			step()
			idx.endRank[w]++
		}
		idx.ends[r/64] |= 1 << (r % 64)
	}
	idx.endLens[idx.endSlot(r)] |= lenBit(len(lw.word))
	var bucket []labelWord
	if lw.ascii {
		bucket = append(idx.ascii[lw.word[0]], lw)
		c := lw.word[0]
		idx.asciiStarts[c] = true
		if c >= 'a' && c <= 'z' {
			idx.asciiStarts[c-('a'-'A')] = true // bucket looks an upper-case letter up in lower case
		}
	} else {
		r, n := decodeRune(lw.word)
		if r == utf8.RuneError {
			panic("detect: a label starting with U+FFFD or invalid UTF-8 (mayMatchAt reads it as none)")
		}
		idx.starts[r>>6] |= 1 << (r & 63)
		r2, _ := decodeRune(lw.word[n:])
		h := pairHash(r, r2)
		idx.pairs[h/64] |= 1 << (h % 64)
		bucket = append(idx.han[r], lw)
	}
	for i := len(bucket) - 1; i > 0 && len(bucket[i].word) > len(bucket[i-1].word); i-- {
		step()
		bucket[i], bucket[i-1] = bucket[i-1], bucket[i]
	}
	if lw.ascii {
		idx.ascii[lw.word[0]] = bucket
	} else {
		r, _ := decodeRune(lw.word)
		idx.han[r] = bucket
	}
}

// matchAt returns the longest label that starts at text[i], or ok false.
// English labels match case-insensitively on word boundaries. It is asked
// at every character of an address and of a label's window, where almost
// no label starts: mayMatchAt answers those inline, from the buckets'
// first bytes and the bit set of first runes, before the search.
func (idx *labelIndex) matchAt(text []byte, i int) (lw labelWord, ok bool) {
	if !idx.mayMatchAt(text, i) {
		return labelWord{}, false
	}
	return idx.searchAt(text, i)
}

// mayMatchAt reports whether a label may start at text[i]: false only
// where bucket has no word (an ASCII byte no English label starts with, a
// three-byte character no Chinese label starts with, a byte inside a
// character).
// A three-byte form is decoded by hand without validation: what is not
// valid UTF-8 decodes to utf8.RuneError, which starts no label (add), so
// whatever the bits say of it, searchAt answers it the same.
func (idx *labelIndex) mayMatchAt(text []byte, i int) bool {
	t := text[i:]
	if t[0] < utf8.RuneSelf {
		return idx.asciiStarts[t[0]]
	}
	if len(t) < 3 || t[0]&0xF0 != 0xE0 {
		return t[0] >= 0xC0 // a continuation byte decodes to utf8.RuneError
	}
	r := uint16(t[0])<<12 | uint16(t[1]&0x3F)<<6 | uint16(t[2]&0x3F)
	return idx.starts[r>>6]&(1<<(r&63)) != 0
}

// searchAt is matchAt without its inline test: one walk of the label
// trie from text[i].
func (idx *labelIndex) searchAt(text []byte, i int) (lw labelWord, ok bool) {
	if text[i] < utf8.RuneSelf && i > 0 && (isLabelWordByte(text[i-1]) || text[i-1] == '[') {
		return labelWord{}, false // inside a word or a mask: no English label starts here
	}
	if w := idx.trie.longestAt(text, i); w >= 0 {
		return idx.trie.words[w], true
	}
	return labelWord{}, false
}

func asciiEqualFold(s, lower []byte) bool {
	for i, c := range s {
		step()
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// labelsIn returns the categories of the labels found in text[lo:hi]
// after the last value there (a digit, or the '*' or ']' of a mask).
//
// No label word holds a value byte (add refuses one), so a match never
// reaches over one: the walk forward passes every value byte and forgets
// what it found before it. It therefore starts after the last one, found
// by a walk back over plain bytes eight at a time (lastValueByte), without
// asking for a label at every place before it.
func (idx *labelIndex) labelsIn(text []byte, lo, hi int) CategorySet {
	lo = lastValueByte(text, lo, hi) + 1
	var cats CategorySet
	for i := lo; i < hi; i++ {
		step()
		if b := text[i]; b < utf8.RuneSelf {
			// inside a word or a mask no English label starts: what
			// searchAt answers first, without the call
			if !idx.asciiStarts[b] || i > 0 && (isLabelWordByte(text[i-1]) || text[i-1] == '[') {
				continue
			}
		} else if !utf8.RuneStart(b) || !idx.mayMatchAt(text[:hi], i) {
			continue
		}
		if lw, ok := idx.searchAt(text[:hi], i); ok {
			cats |= lw.cats
			i += len(lw.word) - 1
		}
	}
	return cats
}

// isLabelValueByte reports the bytes of a value that stand between a label
// and what follows: a digit, or the '*' or ']' of a mask.
func isLabelValueByte(b byte) bool { return isASCIIDigit(b) || b == '*' || b == ']' }

// lastValueByte returns where the last value byte (isLabelValueByte) of
// text[lo:hi] is, or lo-1 when it has none, read eight bytes at a time
// from the end: a label's window before a number mostly holds none.
func lastValueByte(text []byte, lo, hi int) int {
	k := hi
	for k-8 >= lo {
		step()
		if m := valueBytes(binary.LittleEndian.Uint64(text[k-8 : k])); m != 0 {
			return k - 8 + (63-bits.LeadingZeros64(m))>>3
		}
		k -= 8
	}
	for k > lo {
		step()
		if k--; isLabelValueByte(text[k]) {
			return k
		}
	}
	return lo - 1
}

// valueBytes returns, for eight bytes read as a little-endian word, the
// high bit of each that is a value byte (isLabelValueByte). Each byte is
// tested on its low seven bits, where no sum carries into the next byte,
// so every bit is exact; a byte with its high bit set is none.
func valueBytes(w uint64) uint64 {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	h := w &^ high
	digit := (h + ones*(0x80-'0')) &^ (h + ones*(0x80-'9'-1))
	is := func(c byte) uint64 { return ^((h ^ ones*uint64(c)) + ones*0x7F) }
	return (digit | is('*') | is(']')) & high &^ w
}

func asciiLowerBit(b byte) byte {
	if b >= 'A' && b <= 'Z' {
		return 0x20
	}
	return 0
}

// wordSet is a set of short words. It is asked of every name and domain
// label a dense body holds, several times a name: a bit by length
// answers most words it lacks at once, and a table by hash the others.
type wordSet struct {
	lens uint64 // bit lenBit(len(w)) of every word w
	// slots is a table of the words by wordHash, open addressed and at
	// most a quarter full: 1 + the word's index in list, or 0. A word is
	// found, or found absent, by one hash and a comparison or two, where
	// a map would hash and compare again
	slots []int32
	mask  uint32 // len(slots) - 1
	list  []string
}

// lenBit is the bit of wordSet.lens for a word of n bytes: words of 63
// bytes or more share the last one.
func lenBit(n int) uint64 { return 1 << min(n, 63) }

// wordHash is the hash of a wordSet's table: of the length of w and its
// first 64 bytes, mixed so that its low bits differ between words that
// differ in one byte. It reads eight bytes at a time, and the last one to
// eight with two loads that may overlap (a name of three Han characters is
// one word and two halves), not byte by byte: every name a dense body
// holds is hashed several times.
func wordHash(w []byte) uint32 {
	p := w[:min(len(w), 64)]
	h := uint64(len(w)) * 0x9E3779B97F4A7C15
	for len(p) > 8 {
		step()
		h = (h ^ binary.LittleEndian.Uint64(p)) * 0xBF58476D1CE4E5B9
		p = p[8:]
	}
	var t uint64
	switch n := len(p); {
	case n >= 4:
		t = uint64(binary.LittleEndian.Uint32(p))<<32 | uint64(binary.LittleEndian.Uint32(p[n-4:]))
	case n > 0:
		t = uint64(p[0])<<16 | uint64(p[n/2])<<8 | uint64(p[n-1])
	}
	h = (h ^ t) * 0x94D049BB133111EB
	return uint32(h>>32 ^ h)
}

func newWordSet(words []string) wordSet {
	size := 16
	for size < 4*len(words) {
		step()
		size *= 2
	}
	s := wordSet{slots: make([]int32, size), mask: uint32(size - 1)}
	for _, w := range words {
		step()
		if s.has([]byte(w)) {
			continue
		}
		s.lens |= lenBit(len(w))
		s.list = append(s.list, w)
		i := wordHash([]byte(w)) & s.mask
		for s.slots[i] != 0 {
			step()
			i = (i + 1) & s.mask
		}
		s.slots[i] = int32(len(s.list))
	}
	return s
}

// has reports whether w is a word of the set.
func (s *wordSet) has(w []byte) bool {
	if s.lens&lenBit(len(w)) == 0 {
		return false
	}
	return s.hasHashed(w, wordHash(w))
}

// inAny reports whether w is a word of any of the sets, hashing it once
// for all of them (when one has a word of its length).
func inAny(w []byte, sets ...*wordSet) bool {
	h, hashed := uint32(0), false
	for _, s := range sets {
		step()
		if s.lens&lenBit(len(w)) == 0 {
			continue
		}
		if !hashed {
			h, hashed = wordHash(w), true
		}
		if s.hasHashed(w, h) {
			return true
		}
	}
	return false
}

// hasHashed is has for a word w of a length the set has, whose wordHash
// is h.
func (s *wordSet) hasHashed(w []byte, h uint32) bool {
	for i := h & s.mask; ; i = (i + 1) & s.mask {
		k := s.slots[i]
		if k == 0 {
			return false
		}
		if s.list[k-1] == string(w) {
			return true
		}
	}
}

var (
	surnames    = newWordSet(readWords("surnames.txt"))
	commonWords = newWordSet(readWords("commonwords.txt"))
	fieldWords  = readWords("stopwords.txt")
	// what a name found next to other personal data, with no label of its
	// own, may not be, hold or end with
	notNames = newWordSet(readWords("notnames.txt"))
	// notNamesLatin is notNames for a contact segment of letters alone,
	// in lower case (Hello, VIP)
	notNamesLatin = newWordSet(readWords("notnameslatin.txt"))
	notNameChars  = newWordSet(readWords("notnamechars.txt"))
	notNameFinals = newWordSet(readWords("notnamefinals.txt"))
	// what fills a name field without naming anyone (姓名：未知)
	nonValues = newWordSet(readWords("nonvalues.txt"))
)

// countryCodes holds E.164 calling codes; a code of three digits may be
// given by its two-digit prefix followed by 'x'.
var countryCodes = newWordSet(readWords("countrycodes.txt"))

// countryCode returns the length of the calling code that starts d, or 0.
func countryCode(d []byte) int {
	for n := 1; n <= 3 && n <= len(d); n++ {
		step()
		if countryCodes.has(d[:n]) {
			return n
		}
		if n == 2 && countryCodes.has(append(d[:2:2], 'x')) {
			if len(d) >= 3 {
				return 3
			}
			return 0
		}
	}
	return 0
}

// isLabelWordByte reports the bytes that continue an English word around a
// label: letters, digits and '_'.
func isLabelWordByte(b byte) bool { return isASCIILetter(b) || isASCIIDigit(b) || b == '_' }
