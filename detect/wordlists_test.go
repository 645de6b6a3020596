package detect

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestSurnameList checks the surname list as data: each entry is one or
// two Han characters and appears once, and the list holds the common
// surnames real text carries, in Simplified and Traditional forms.
func TestSurnameList(t *testing.T) {
	seen := map[string]bool{}
	for _, w := range readWords("surnames.txt") {
		if n := utf8.RuneCountInString(w); n < 1 || n > 2 || !allHan(w) {
			t.Errorf("surname %q: want one or two Han characters", w)
		}
		if seen[w] {
			t.Errorf("surname %q listed twice", w)
		}
		seen[w] = true
	}
	for _, w := range strings.Fields(
		// common surnames once missing, and Traditional forms of the most common ones
		"傅 洪 阎 萧 赖 張 陳 黃 劉 楊 趙 吳 孫 馬 羅 鄭 謝 許 韓 馮 鄧 蕭 葉 蘇 呂 盧 鍾 譚 陸 賈 閻 賴 歐陽 司馬 諸葛") {
		if !surnames.has([]byte(w)) {
			t.Errorf("surname %q missing", w)
		}
	}
}

// TestNotNameLists checks the lists that hold names found by proximity to
// a strict shape: words of Han characters, single characters where a
// character is meant, and every listed word refused as a proximity name.
func TestNotNameLists(t *testing.T) {
	for _, file := range []string{"notnamechars.txt", "notnamefinals.txt"} {
		for _, w := range readWords(file) {
			if utf8.RuneCountInString(w) != 1 || !allHan(w) {
				t.Errorf("%s: %q is not one Han character", file, w)
			}
		}
	}
	for _, file := range []string{"notnames.txt", "nonvalues.txt"} {
		for _, w := range readWords(file) {
			if !allHan(w) && (file != "nonvalues.txt" || !allLowerASCII(w)) {
				// (nonvalues.txt also lists a documentation table's
				// types in English, lower case: | 姓名 | string |, and
				// a table's placeholders: null, n/a)
				t.Errorf("%s: %q is not a Han word", file, w)
			}
			text := []byte(w + "，")
			s := &scanner{e: MustCompile(Policy{}), text: text}
			if s.proximityName(0, len(w)) {
				t.Errorf("%s: %q is taken for a name next to other personal data", file, w)
			}
		}
	}
}

// allLowerASCII reports whether w is ASCII with no upper-case letter:
// lower-case letters and the marks of a placeholder (n/a, #n/a).
func allLowerASCII(w string) bool {
	for _, c := range []byte(w) {
		if (c < 'a' || c > 'z') && c != '/' && c != '#' {
			return false
		}
	}
	return w != ""
}

func allHan(w string) bool {
	for _, r := range w {
		if !isHan(r) {
			return false
		}
	}
	return w != ""
}
