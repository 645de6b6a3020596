package synth

import (
	"fmt"
	"strings"
)

// mapRunes applies f to every rune of s.
func mapRunes(s string, f func(rune) string) string {
	var b strings.Builder
	for _, c := range s {
		b.WriteString(f(c))
	}
	return b.String()
}

// FullWidth replaces ASCII digits and letters with their full-width forms
// (U+FF10.., U+FF21.., U+FF41..). Other characters are kept.
func FullWidth(s string) string {
	return mapRunes(s, func(c rune) string {
		switch {
		case c >= '0' && c <= '9', c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z':
			return string(c - 0x21 + 0xFF01)
		}
		return string(c)
	})
}

// FullWidthAll replaces every printable ASCII character except space
// (U+0021..U+007E) with its full-width form.
func FullWidthAll(s string) string {
	return mapRunes(s, func(c rune) string {
		if c >= 0x21 && c <= 0x7E {
			return string(c - 0x21 + 0xFF01)
		}
		return string(c)
	})
}

// digitsWith replaces each ASCII digit with the entry of table.
func digitsWith(s string, table [10]string) string {
	return mapRunes(s, func(c rune) string {
		if c >= '0' && c <= '9' {
			return table[c-'0']
		}
		return string(c)
	})
}

// ChineseNumerals spells each digit as a Chinese numeral, 0 as 零.
func ChineseNumerals(s string) string {
	return digitsWith(s, [10]string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"})
}

// ChineseNumeralsCircle spells each digit as a Chinese numeral, 0 as 〇.
func ChineseNumeralsCircle(s string) string {
	return digitsWith(s, [10]string{"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"})
}

// RadioReading spells digits the way they are read over a radio or phone:
// 1→幺, 2→两, 0→洞, 7→拐, 9→勾, the others as Chinese numerals.
func RadioReading(s string) string {
	return digitsWith(s, [10]string{"洞", "幺", "两", "三", "四", "五", "六", "拐", "八", "勾"})
}

// CircledDigits replaces 1-9 with ①-⑨ and 0 with ⓪.
func CircledDigits(s string) string {
	return mapRunes(s, func(c rune) string {
		switch {
		case c == '0':
			return "⓪"
		case c >= '1' && c <= '9':
			return string('①' + c - '1')
		}
		return string(c)
	})
}

// SeparatorEvery inserts sep between every two characters of s, as in
// "1 3 8 …" or "1\n3\n8…".
func SeparatorEvery(s, sep string) string {
	var b strings.Builder
	for i, c := range s {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Grouped splits s into groups of the given sizes joined by sep, e.g.
// Grouped("13812345678", " ", 3, 4, 4) = "138 1234 5678". After the last
// size the last size repeats; with no sizes, groups of four are used.
func Grouped(s, sep string, sizes ...int) string {
	if len(sizes) == 0 {
		sizes = []int{4}
	}
	rs := []rune(s)
	var parts []string
	for i, k := 0, 0; i < len(rs); k++ {
		n := sizes[min(k, len(sizes)-1)]
		j := min(i+n, len(rs))
		parts = append(parts, string(rs[i:j]))
		i = j
	}
	return strings.Join(parts, sep)
}

// ZeroWidthChars are invisible format characters used to split numbers:
// ZERO WIDTH SPACE, NON-JOINER, JOINER, WORD JOINER and the BOM.
var ZeroWidthChars = []rune{'\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'}

// ZeroWidth inserts the invisible character zw between every two
// characters of s.
func ZeroWidth(s string, zw rune) string { return SeparatorEvery(s, string(zw)) }

// SoftHyphen inserts U+00AD SOFT HYPHEN between every two characters of s.
func SoftHyphen(s string) string { return SeparatorEvery(s, "\u00AD") }

// HTMLDecimal writes every character of s as a decimal HTML character
// reference, e.g. "1" → "&#49;".
func HTMLDecimal(s string) string {
	return mapRunes(s, func(c rune) string { return fmt.Sprintf("&#%d;", c) })
}

// HTMLHex writes every character of s as a hexadecimal HTML character
// reference, e.g. "1" → "&#x31;".
func HTMLHex(s string) string {
	return mapRunes(s, func(c rune) string { return fmt.Sprintf("&#x%x;", c) })
}
