package detect

// Numeric-literal suffixes. A letter glued after a number makes it part of
// a longer token (13812345678abc, an order number), but a source-code
// literal's type suffix is no word: JavaScript reads 13812345678n as the
// BigInt 13812345678, Java and Kotlin …L a long, C and C++ …ULL, Rust
// …u64, C# …m, Java …d. The suffixes below end a number as a space would.

// literalSuffixes are the numeric-literal type suffixes, written in
// lower case; each one is matched ignoring case but n, which JavaScript
// writes in lower case only.
var literalSuffixes = [...]string{
	"n",                                      // JavaScript BigInt
	"l", "ll", "u", "ul", "ull", "lu", "llu", // C, C++, Java, Kotlin, C#
	"uz", "z", // C++23 size_t
	"m", "d", "f", // C# decimal, Java and C# double and float
	"i8", "i16", "i32", "i64", "i128", "isize", // Rust
	"u8", "u16", "u32", "u64", "u128", "usize",
	"f32", "f64",
}

// literalSuffixLead marks the letters a suffix starts with, in either
// case (n in lower case only).
var literalSuffixLead = func() (t [256]bool) {
	for _, s := range literalSuffixes {
		t[s[0]] = true
		if s != "n" {
			t[s[0]-'a'+'A'] = true
		}
	}
	return t
}()

// maxLiteralSuffix is the longest of literalSuffixes.
const maxLiteralSuffix = len("isize")

// literalSuffixAt reports whether a numeric-literal suffix starts at
// text[i], right after a number's last digit, and ends the token: no
// letter, digit, '_' or '-' follows it (815d-9950…: a hex identifier's
// piece; the caller asks only of a number glued to nothing on its left).
// Only plain ASCII is read: a compiler reads no other spelling of a
// suffix.
func literalSuffixAt(text []byte, i int) bool {
	n := 0
	for n < maxLiteralSuffix+1 && i+n < len(text) && isASCIIAlnum(text[i+n]) {
		step()
		n++
	}
	if n == 0 || n > maxLiteralSuffix || i+n < len(text) && (text[i+n] == '_' || text[i+n] == '-' || text[i+n] >= 0x80 && wordAfter(text, i+n)) {
		return false
	}
	word := text[i : i+n]
	if !literalSuffixLead[word[0]] {
		return false // most letters after a number start no suffix: one look
	}
	for _, s := range literalSuffixes {
		if len(s) != n || s[0] != word[0]|0x20 {
			continue
		}
		step()
		if s == "n" {
			if word[0] == 'n' {
				return true
			}
			continue
		}
		match := true
		for k := range n {
			if word[k]|0x20 != s[k] {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}
