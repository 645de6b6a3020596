package bodyformat

// Python's named escapes: "\N{DIGIT ONE}" in a string literal is "1", and
// "\N{FULLWIDTH DIGIT ONE}" is "１"; Python reads the name in any case.
// Only the digits are read: a number spelled so is what the engine must
// see, and the names of the other characters change nothing it reads.

// digitNames are the names of the digits 0 to 9, in upper case.
var digitNames = [10]string{"ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"}

// maxCharName bounds the name between the braces of a named escape read:
// the longest one decoded, "FULLWIDTH DIGIT SEVEN".
const maxCharName = len("FULLWIDTH DIGIT SEVEN")

// decodeNamed decodes "\N{name}" at the start of s (s[0] is a backslash)
// when name is a digit's, in any case, and returns the rune and the
// escape's length, or n == 0 when s starts no such escape.
func decodeNamed(s []byte) (rune, int) {
	if len(s) < 4 || s[1] != 'N' || s[2] != '{' {
		return 0, 0
	}
	end := 3
	for end < len(s) && end-3 <= maxCharName && s[end] != '}' {
		end++
	}
	countReadingSteps(end - 3) // the name looked at, decoded or not
	if end >= len(s) || s[end] != '}' {
		return 0, 0
	}
	name := s[3:end]
	base := rune('0')
	if hasPrefixFold(name, "FULLWIDTH ") {
		name, base = name[len("FULLWIDTH "):], '０'
	}
	if !hasPrefixFold(name, "DIGIT ") {
		return 0, 0
	}
	name = name[len("DIGIT "):]
	for d, w := range digitNames {
		if len(name) == len(w) && hasPrefixFold(name, w) {
			return base + rune(d), end + 1
		}
	}
	return 0, 0
}
