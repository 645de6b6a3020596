package bodyformat

// A number may be spelled out in words a reader turns into digits as they
// read: "one three eight one two three four five six seven eight" after a
// label ("double five", "triple eight" as British English says 55, 888), or
// its pinyin, "yao san ba …" (tone marks too: yāo sān bā). The piece is
// read a second time with each run of such words (and digits among them) of
// at least minWordDigits digits written as the one number they spell.

// minWordDigits is how many digits a run of number words must spell
// before it is read so: shorter runs ("one or two", "wu yi") name no
// identifier.
const minWordDigits = 7

// numberWord maps a number word, in lower case, to its digit, or 0:
// English, and Mandarin pinyin without tone marks (with the radio
// readings yao, dong, guai and gou, and liang for two). A switch, not a
// map: every word of every text piece is looked up, most of them no
// number word, and a switch on strings costs no hash.
func numberWord(w string) byte {
	switch w {
	case "zero", "oh", "ling", "dong":
		return '0'
	case "one", "yi", "yao":
		return '1'
	case "two", "er", "liang":
		return '2'
	case "three", "san":
		return '3'
	case "four", "si":
		return '4'
	case "five", "wu":
		return '5'
	case "six", "liu":
		return '6'
	case "seven", "qi", "guai":
		return '7'
	case "eight", "ba":
		return '8'
	case "nine", "jiu", "gou":
		return '9'
	}
	return 0
}

// maxNumberWord is the length of the longest number word.
const maxNumberWord = len("three")

// wordAt returns the longest number word that starts at w[i] (any case)
// and its digit, or size 0: words written together ("onethreeeight",
// "sixsan") are read one by one, "six" before the pinyin "si".
func wordAt(w []byte, i int) (digit byte, size int) {
	if i+2 > len(w) || w[i] >= 0x80 || w[i+1] >= 0x80 || !wordStarts[w[i]|0x20][w[i+1]|0x20] {
		return 0, 0 // no number word starts so: most words are looked at no further
	}
	for n := min(maxNumberWord, len(w)-i); n >= 2; n-- {
		if d := wordDigit(w[i : i+n]); d != 0 {
			return d, n
		}
	}
	return 0, 0
}

// spelledCount returns how many digits the letters w spell: one number
// word, or number words written together; 0 for "and", which stands
// between the words of a number ("one three eight and one two …");
// ok false when w is any other word.
func spelledCount(w []byte) (n int, ok bool) {
	if len(w) == 3 && w[0]|0x20 == 'a' && w[1]|0x20 == 'n' && w[2]|0x20 == 'd' {
		return 0, true
	}
	if len(w) < 2 || w[0] >= 0x80 || w[1] >= 0x80 || !wordStarts[w[0]|0x20][w[1]|0x20] {
		return 0, false // no number word starts so: most words are looked at no further
	}
	if len(w) <= maxNumberWord && wordDigit(w) != 0 {
		return 1, true // one word, the most of any run
	}
	if len(w) < 4 {
		return 0, false // no two words written together are shorter
	}
	for i := 0; i < len(w); n++ {
		_, size := wordAt(w, i)
		if size == 0 {
			return 0, false
		}
		i += size
	}
	return n, n > 0
}

// repeatWord returns how many times the word w ("double", "triple", any
// case) says the digit after it is read, or 0.
func repeatWord(w []byte) int {
	switch {
	case len(w) == len("double") && hasPrefixFold(w, "double"):
		return 2
	case len(w) == len("triple") && hasPrefixFold(w, "triple"):
		return 3
	}
	return 0
}

// wordStarts[a][b] reports whether a number word starts with the
// lower-case letters a, b.
var wordStarts = func() (t [128][128]bool) {
	for _, w := range []string{"zero", "oh", "ling", "dong", "one", "yi", "yao", "two", "er", "liang",
		"three", "san", "four", "si", "five", "wu", "six", "liu", "seven", "qi", "guai",
		"eight", "ba", "nine", "jiu", "gou"} {
		if numberWord(w) == 0 {
			panic("bodyformat: " + w + " is no number word")
		}
		t[w[0]][w[1]] = true
	}
	return t
}()

// wordDigit returns the digit the word w spells (any case), or 0.
func wordDigit(w []byte) byte {
	if len(w) > maxNumberWord {
		return 0
	}
	var lower [maxNumberWord]byte
	for k, c := range w {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[k] = c
	}
	return numberWord(string(lower[:len(w)]))
}

// decodeNumberWords returns text with every run of number words and
// digits (separated by spaces, '-', ',', tabs or line breaks, or written
// together; "and" may stand between them) that spells at least
// minWordDigits digits, a word at least, written as the one number a
// reader reads (a digit for each word, no separators), with each byte's
// offset in text, or ok false when there is none.
func decodeNumberWords(text []byte) ([]byte, []int32, bool) {
	return decodeNumberWordsInto(text, nil, nil)
}

// decodeNumberWordsInto is decodeNumberWords building the reading in
// out[:0] and offs[:0] when they have room for it (a readingBuf's), in
// arrays of its own otherwise.
func decodeNumberWordsInto(text, out []byte, offs []int32) ([]byte, []int32, bool) {
	if !hasNumberWord(text) {
		return nil, nil, false // no number word: the common case, at one look
	}
	return numberWordRuns(text, out, offs)
}

// hasNumberWord reports whether text holds a word that spells a digit or
// more (spelledCount), without which wordRun finds no run with a word:
// one pass over text that looks up each word's first two letters
// (wordStarts), and reads no further the words no number word starts
// with, most of those of a text (TestHasNumberWordCoversRuns).
func hasNumberWord(text []byte) bool {
	for k := 0; k < len(text); {
		if wordClass[text[k]] != clsLetter {
			k++
			continue
		}
		j := tokenEnd(text, k, clsLetter)
		if n, ok := spelledCount(text[k:j]); ok && n > 0 {
			return true
		}
		k = j
	}
	return false
}

// numberWordRuns is decodeNumberWordsInto without its one-pass check.
func numberWordRuns(text, out []byte, offs []int32) ([]byte, []int32, bool) {
	started := false
	copied := 0 // text before it is in out
	for i := 0; i < len(text); {
		start, end, digits, words := wordRun(text, i)
		if digits < minWordDigits || words == 0 {
			i = max(end, i+1)
			continue
		}
		if !started {
			started = true
			if cap(out) < len(text) || cap(offs) < len(text)+1 {
				out, offs = make([]byte, 0, len(text)), make([]int32, 0, len(text)+1)
			}
			out, offs = out[:0], offs[:0]
		}
		for k := copied; k < start; k++ {
			out, offs = append(out, text[k]), append(offs, int32(k))
		}
		rep, repAt := 0, 0
		for k := start; k < end; {
			switch c := wordClass[text[k]]; c {
			case clsDigit:
				for ; rep > 1; rep-- {
					out, offs = append(out, text[k]), append(offs, int32(repAt))
				}
				out, offs = append(out, text[k]), append(offs, int32(k))
				k++
			case clsLetter:
				j := tokenEnd(text, k, c)
				if r := repeatWord(text[k:j]); r > 0 {
					rep, repAt, k = r, k, j
					continue
				}
				for w := k; w < j; { // each word of the token ("and" spells none)
					d, size := wordAt(text[:j], w)
					if size == 0 {
						break
					}
					for ; rep > 1; rep-- {
						out, offs = append(out, d), append(offs, int32(repAt))
					}
					out, offs = append(out, d), append(offs, int32(w))
					w += size
				}
				rep = 0
				k = j
			default:
				k++ // a separator: the digits a run spells are one number
			}
		}
		copied, i = end, end
	}
	if !started {
		return nil, nil, false
	}
	for k := copied; k < len(text); k++ {
		out, offs = append(out, text[k]), append(offs, int32(k))
	}
	return out, append(offs, int32(len(text))), true
}

// The classes of bytes the reader of number words tells apart.
const (
	clsOther  = iota
	clsLetter // an ASCII letter
	clsDigit  // an ASCII digit
	clsSep    // what may stand between two words of a number: ' ', '-', ',', a tab, a line break
)

// wordClass is the class of every byte.
var wordClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c|0x20 >= 'a' && c|0x20 <= 'z':
			t[c] = clsLetter
		case c >= '0' && c <= '9':
			t[c] = clsDigit
		case c == ' ' || c == '-' || c == ',' || c == '\n' || c == '\r' || c == '\t':
			t[c] = clsSep
		}
	}
	return t
}()

// tokenEnd returns where the bytes of class c that start at text[k] end.
func tokenEnd(text []byte, k int, c uint8) int {
	j := k + 1
	for j < len(text) && wordClass[text[j]] == c {
		j++
	}
	return j
}

// maxRunGap is the most separators between two words of a run.
const maxRunGap = 2

// wordRun finds the first run, at or after i (where no word goes on from
// before), of number words and digit groups, each a whole word (letters
// glued to digits are a code, not a word), separated by at most maxRunGap
// separators; it returns where the run starts and ends, how many digits
// it spells and how many of them are words (start == end == len(text)
// when there is none).
func wordRun(text []byte, i int) (start, end, digits, words int) {
	start = -1
	rep, repAt := 0, 0 // a "double" or "triple" before the next word, and where it stands
	for k := i; k < len(text); {
		c := wordClass[text[k]]
		if c == clsOther || c == clsSep {
			if c == clsOther {
				rep = 0
			}
			if start >= 0 && (c == clsOther || k-end >= maxRunGap && rep == 0) {
				return start, end, digits, words
			}
			k++
			continue
		}
		j := tokenEnd(text, k, c)
		if j < len(text) && (wordClass[text[j]] == clsLetter || wordClass[text[j]] == clsDigit) {
			for j < len(text) && (wordClass[text[j]] == clsLetter || wordClass[text[j]] == clsDigit) {
				j++ // a code: neither a word nor a number of the run
			}
			if start >= 0 {
				return start, end, digits, words
			}
			k = j
			continue
		}
		if c == clsLetter && repeatWord(text[k:j]) > 0 && rep == 0 {
			rep, repAt = repeatWord(text[k:j]), k // "double five": the next digit twice
			k = j
			continue
		}
		n := j - k // a digit group counts its digits
		if c == clsLetter {
			m, ok := spelledCount(text[k:j])
			if !ok || m == 0 && (start < 0 || rep > 0) {
				if start >= 0 {
					return start, end, digits, words
				}
				rep, k = 0, j
				continue
			}
			n = m
			words += m
			if rep > 0 {
				words += rep - 1
			}
		}
		if start < 0 {
			start = k
			if rep > 0 {
				start = repAt
			}
		}
		if rep > 0 {
			digits += rep - 1
			rep = 0
		}
		digits += n
		end, k = j, j
	}
	if start < 0 {
		return len(text), len(text), 0, 0
	}
	return start, end, digits, words
}
