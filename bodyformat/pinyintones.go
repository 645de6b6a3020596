package bodyformat

import "unicode/utf8"

// Pinyin is often written with its tone marks: yāo sān bā is 1 3 8 read
// aloud. decodeToneMarks gives the number words reading the text with
// each marked vowel written as its plain letter.

// toneless maps each vowel pinyin writes with a tone mark to its plain
// letter.
var toneless = map[rune]byte{
	'ā': 'a', 'á': 'a', 'ǎ': 'a', 'à': 'a', 'Ā': 'A', 'Á': 'A', 'Ǎ': 'A', 'À': 'A',
	'ē': 'e', 'é': 'e', 'ě': 'e', 'è': 'e', 'Ē': 'E', 'É': 'E', 'Ě': 'E', 'È': 'E',
	'ī': 'i', 'í': 'i', 'ǐ': 'i', 'ì': 'i', 'Ī': 'I', 'Í': 'I', 'Ǐ': 'I', 'Ì': 'I',
	'ō': 'o', 'ó': 'o', 'ǒ': 'o', 'ò': 'o', 'Ō': 'O', 'Ó': 'O', 'Ǒ': 'O', 'Ò': 'O',
	'ū': 'u', 'ú': 'u', 'ǔ': 'u', 'ù': 'u', 'Ū': 'U', 'Ú': 'U', 'Ǔ': 'U', 'Ù': 'U',
	'ǖ': 'u', 'ǘ': 'u', 'ǚ': 'u', 'ǜ': 'u', 'ü': 'u', 'Ǖ': 'U', 'Ǘ': 'U', 'Ǚ': 'U', 'Ǜ': 'U', 'Ü': 'U',
}

// decodeToneMarks returns text with every vowel written with a tone mark
// written as its plain letter, each mapped to the marked vowel, or ok
// false when text holds none. Every character is looked at once.
func decodeToneMarks(text []byte) (_ []byte, _ []int32, ok bool) {
	var m mapped
	from := 0
	for i := 0; i < len(text); {
		if text[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		countReadingSteps(1)
		if plain, found := toneless[r]; found {
			if !ok {
				m = mapped{dst: make([]byte, 0, len(text)), offs: make([]int32, 0, len(text)+1)}
				ok = true
			}
			m.copy(text, from, i)
			m.bytes([]byte{plain}, i)
			from = i + size
		}
		i += size
	}
	if !ok {
		return nil, nil, false
	}
	m.copy(text, from, len(text))
	dst, offs := m.done(len(text))
	return dst, offs, true
}
