package detect

import (
	"bytes"
	"unicode/utf8"
)

// withRegistryLabels adds the label words of the registry's entries
// (CategoryInfo.Labels) to the index of data/labels.txt; a word both name
// is evidence for the categories of both.
func withRegistryLabels(idx *labelIndex) *labelIndex {
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
