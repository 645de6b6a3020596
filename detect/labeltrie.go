package detect

import "unicode/utf8"

// labelTrie holds every label word as one byte trie, built once from the
// registry's words: a label is looked for at a place by a single walk
// forward from it, a byte and a child lookup a step, that sees every word
// starting there at once, where a search of a bucket compared the text
// with each of its words in turn (a dozen words, each compared up to its
// length, for a JSON key starting with i or c).
//
// An English label (its first byte ASCII) is walked with the text's ASCII
// letters in lower case, a Chinese one with the text's bytes as they are,
// as the words are compared (asciiEqualFold, bytes.Equal): both kinds
// share the root, and the first byte tells which one a walk follows.
type labelTrie struct {
	// root and kids hold the nodes, each as the word of bits nodeOf makes:
	// where its children are in kids, over which range of bytes, and the
	// word that ends at it. The child for byte b of node e is
	// kids[off+b-lo] when b-lo < span, none otherwise; a zero word is no
	// node. A walk reads one word of kids a byte
	root  uint64
	kids  *[maxTrieKids]uint64
	words []labelWord // the words, by the number nodeOf gives them
}

// maxTrieKids bounds the children's rows of a labelTrie (3,244 entries for
// the registry's 255 words): kids is an array of this size, so a walk
// reads it at an index masked to it, with no bounds check.
const maxTrieKids = 1 << 12

// nodeOf packs a node of labelTrie: lo in bits 0..7, span in 8..16, 1 +
// the index in words of the word ending at the node (0: none) in 17..31,
// off in 32..63.
func nodeOf(off, span int, lo byte, word int) uint64 {
	return uint64(off)<<32 | uint64(word+1)<<17 | uint64(span)<<8 | uint64(lo)
}

// maxTrieWords bounds the words a labelTrie holds: their number fits in
// the 15 bits of nodeOf.
const maxTrieWords = 1<<15 - 2

// newLabelTrie builds the trie of words, each already merged with its
// equals (one word, the categories of all).
func newLabelTrie(words []labelWord) labelTrie {
	if len(words) > maxTrieWords {
		panic("detect: too many label words for the trie")
	}
	// first as a tree of maps, then laid out node by node
	type draft struct {
		kids map[byte]int
		word int
	}
	drafts := []draft{{kids: map[byte]int{}, word: -1}}
	for w, lw := range words {
		step()
		n := 0
		for _, b := range lw.word {
			step()
			k, ok := drafts[n].kids[b]
			if !ok {
				k = len(drafts)
				drafts[n].kids[b] = k
				drafts = append(drafts, draft{kids: map[byte]int{}, word: -1})
			}
			n = k
		}
		if drafts[n].word >= 0 {
			panic("detect: a label word twice in the trie")
		}
		drafts[n].word = w
	}
	// each node's children get a row of kids, over the range of their
	// bytes; a node's word is made once every row is placed
	off, lo, span := make([]int, len(drafts)), make([]byte, len(drafts)), make([]int, len(drafts))
	total := 0
	for n, d := range drafts {
		step()
		if len(d.kids) == 0 {
			continue
		}
		l, h := byte(255), byte(0)
		for b := range d.kids {
			step()
			l, h = min(l, b), max(h, b)
		}
		off[n], lo[n], span[n] = total, l, int(h-l)+1
		total += span[n]
	}
	if total > maxTrieKids {
		panic("detect: the label trie outgrew maxTrieKids")
	}
	t := labelTrie{kids: new([maxTrieKids]uint64), words: words}
	for n, d := range drafts {
		step()
		for b, k := range d.kids {
			step()
			t.kids[off[n]+int(b-lo[n])] = nodeOf(off[k], span[k], lo[k], drafts[k].word)
		}
	}
	t.root = nodeOf(off[0], span[0], lo[0], -1)
	return t
}

// foldASCII and sameByte map a byte to what an English label's walk (the
// text's ASCII letters in lower case) and a Chinese label's (every byte
// as it is) compare with the trie.
var foldASCII, sameByte = func() (fold, same [256]byte) {
	for b := range 256 {
		fold[b], same[b] = lowerASCII(byte(b)), byte(b)
	}
	return fold, same
}()

// next returns the node the byte b leads to from node e (a Chinese
// label's byte, compared as it is), or 0 when no word goes on so.
func (t *labelTrie) next(e uint64, b byte) uint64 {
	k := uint(b) - uint(uint8(e))
	if k >= uint(e>>8&0x1FF) {
		return 0
	}
	return t.kids[(uint(e>>32)+k)&(maxTrieKids-1)]
}

// longestAt returns the index in words of the longest word that starts at
// text[i] and, for an English one, does not run on into a longer word (the
// byte after it no label word byte), or -1. An English word is matched
// with the text's ASCII letters in lower case, a Chinese one exactly.
func (t *labelTrie) longestAt(text []byte, i int) int {
	english := text[i] < utf8.RuneSelf
	m := &sameByte
	if english {
		m = &foldASCII
	}
	kids := t.kids
	best := -1
	e := t.root
	for p := i; p < len(text); p++ {
		step()
		k := uint(m[text[p]]) - uint(uint8(e))
		if k >= uint(e>>8&0x1FF) {
			break
		}
		if e = kids[(uint(e>>32)+k)&(maxTrieKids-1)]; e == 0 {
			break
		}
		if w := int(e >> 17 & 0x7FFF); w != 0 && (!english || p+1 == len(text) || !isLabelWordByte(text[p+1])) {
			best = w - 1
		}
	}
	return best
}

// longestEndingAt walks a trie of reversed words (englishEnds) back from
// text[j-1], the text's ASCII letters in lower case, and returns the index
// in words of the longest word that ends at text[j] and starts a word (no
// label word byte or '[' before it, as searchAt asks), and where it
// starts; -1 when none does.
func (t *labelTrie) longestEndingAt(text []byte, j int) (w, start int) {
	kids := t.kids
	w = -1
	e := t.root
	for p := j - 1; p >= 0; p-- {
		step()
		k := uint(foldASCII[text[p]]) - uint(uint8(e))
		if k >= uint(e>>8&0x1FF) {
			break
		}
		if e = kids[(uint(e>>32)+k)&(maxTrieKids-1)]; e == 0 {
			break
		}
		if n := int(e >> 17 & 0x7FFF); n != 0 && (p == 0 || !isLabelWordByte(text[p-1]) && text[p-1] != '[') {
			w, start = n-1, p
		}
	}
	return w, start
}
