package detect

import (
	"bytes"
	"maps"
	"slices"
	"unicode/utf8"
)

// labels indexes the label words of every category, each from its entry
// in the registry (CategoryInfo.Labels), the one place that defines a
// category.
var labels = registryLabels()

// registryLabels indexes the label words of the registry's entries; a
// word several entries name is evidence for each of their categories.
func registryLabels() *labelIndex {
	idx := &labelIndex{han: make(map[rune][]labelWord)}
	for i, d := range registry {
		step()
		for _, w := range d.Labels {
			step()
			word := []byte(w)
			cats := CategorySet(1) << uint(i)
			if !idx.merge(word, cats) {
				idx.add(labelWord{word: word, cats: cats, ascii: word[0] < utf8.RuneSelf})
			}
		}
	}
	// the trie, from the buckets once every word has all its categories
	var words []labelWord
	for _, bucket := range idx.ascii {
		step()
		words = append(words, bucket...)
	}
	for _, r := range slices.Sorted(maps.Keys(idx.han)) {
		step()
		words = append(words, idx.han[r]...)
	}
	idx.trie = newLabelTrie(words)
	return idx
}

// merge adds cats to the label word equal to word and reports whether
// there was one.
func (idx *labelIndex) merge(word []byte, cats CategorySet) bool {
	var bucket []labelWord
	if word[0] < utf8.RuneSelf {
		bucket = idx.ascii[word[0]]
	} else {
		r, _ := utf8.DecodeRune(word)
		bucket = idx.han[r]
	}
	for k := range bucket {
		step()
		if bytes.Equal(bucket[k].word, word) {
			bucket[k].cats |= cats
			return true
		}
	}
	return false
}
