package detect

// Markdown emphasis (*…*, **…**) around a label or its value, as
// LLM output writes it (**姓名**：王小明, 姓名：**王小明**), and a stray star
// between them (姓名*王小明, 地址：*河南省…): attack pass 45, F6. Two
// stars or fewer are emphasis; more are a mask (宋区****), and so is a
// star right after what a mask keeps (王**, 欧阳**).

// maxEmphasisStars is the longest run of stars read as emphasis.
const maxEmphasisStars = 2

// starRunAt returns how many stars start at text[p], counting up to one
// more than maxEmphasisStars.
func starRunAt(text []byte, p int) int {
	n := 0
	for p+n < len(text) && n <= maxEmphasisStars && text[p+n] == '*' {
		step()
		n++
	}
	return n
}

// starRunBefore returns how many stars end at text[p], counting up to one
// more than maxEmphasisStars.
func starRunBefore(text []byte, p int) int {
	n := 0
	for p-n > 0 && n <= maxEmphasisStars && text[p-n-1] == '*' {
		step()
		n++
	}
	return n
}

// emphasisAround reports whether the value text[start:end] stands between
// as many stars on each side, one to maxEmphasisStars (**王小明**,
// *河南省…917号*): emphasis closed after it, not a mask's stars.
func emphasisAround(text []byte, start, end int) bool {
	n := starRunAt(text, end)
	return n > 0 && n <= maxEmphasisStars && starRunBefore(text, start) == n
}

// nameMaskKept reports whether v is what a partial mask keeps of a name
// (maskName): one character, or a compound surname of two (欧阳**). Such a
// value between stars may be a mask after emphasis opened (**王** is
// **王二明 masked), so it is read as one.
func nameMaskKept(v []byte) bool {
	n := runeCount(v)
	return n == 1 || n == 2 && surnames.has(v)
}

// valueStartsAt reports whether a value may start at text[p]: a Han
// character, an ASCII letter or digit, not more glue (':', ']', a quote).
func (s *scanner) valueStartsAt(p int) bool {
	if p >= len(s.text) {
		return false
	}
	if c := s.text[p]; c < 0x80 {
		return isASCIILetter(c) || isASCIIDigit(c)
	}
	r, _ := decodeRune(s.text[p:])
	return isHan(r)
}

// colonAt reports whether a colon (':' or '：') stands at text[p].
func colonAt(text []byte, p int) bool {
	return p < len(text) && (text[p] == ':' || len(text)-p >= 3 && string(text[p:p+3]) == "：")
}
