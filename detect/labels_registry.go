package detect

import (
	"bytes"
	"unicode/utf8"
)

// labels indexes the label words of every category, each from its entry
// in the registry (CategoryInfo.Labels), the one place that defines a
// category.
var labels = registryLabels(func(d *categoryDef) []string { return d.Labels })

// notLabels indexes the words naming identifiers of other kinds
// (CategoryInfo.NotLabels), each for the categories that name it so.
var notLabels = registryLabels(func(d *categoryDef) []string { return d.NotLabels })

// registryLabels indexes the label words (words of an entry) of the
// registry's entries; a word several entries name is evidence for each
// of their categories.
func registryLabels(words func(d *categoryDef) []string) *labelIndex {
	idx := &labelIndex{han: make(map[rune][]labelWord)}
	for i := range registry {
		step()
		for _, w := range words(&registry[i]) {
			step()
			word := []byte(w)
			cats := CategorySet(1) << uint(i)
			if !idx.merge(word, cats) {
				idx.add(labelWord{word: word, cats: cats, ascii: word[0] < utf8.RuneSelf})
			}
		}
	}
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
