package detect

import (
	"bytes"
	"unicode/utf8"
)

// Label-driven detection: a name or address label (姓名：, 地址：, "name":)
// starts the extraction of the value that follows it.

// chineseLabel handles a label character at text[i] and returns where
// scanning continues (i when nothing was found).
func (s *scanner) chineseLabel(i int) int {
	lw, ok := labels.matchAt(s.text, i)
	if !ok {
		return i
	}
	return s.labelled(lw.cats, i+len(lw.word), i, true)
}

// englishLabel handles ':' or '=' (or '：') at text[i]: an English label
// word may end right before it, possibly in quotes ("name": "…"), and may
// end in Chinese characters (QQ号：). It returns the end of what the label
// led to, or i.
func (s *scanner) englishLabel(i int) int {
	if s.e.enabled&labelledCats == 0 || i > 0 && isASCIIDigit(s.text[i-1]) {
		// (no label ends in a digit, labelIndex.add refuses one: a
		// colon after one, 10:02 or a=1, ends none and is not read back
		// from)
		return i
	}
	j := i
	for j > 0 && (s.text[j-1] == ' ' || s.text[j-1] == '"' || s.text[j-1] == '\'') && i-j < 3 {
		step()
		j--
	}
	// a colon in emphasis of its own (Name**:**, **Name** **:** 张伟): read
	// back over its opening run and up to two spaces before it
	valueFrom := i
	if j > 0 && (s.text[j-1] == '*' || s.text[j-1] == '_' || s.text[j-1] == '`' || s.text[j-1] == '~') {
		_, colonRun := delimRunBefore(s.text, j, s.text[j-1])
		if end := emphasizedColonAt(s.text, colonRun, s.text[j-1]); end > i {
			valueFrom, j = end, colonRun
			for k := 0; k < 2 && j > 0 && s.text[j-1] == ' '; k++ {
				step()
				j--
			}
		}
	}
	// the label's emphasis closed before its colon (**Name**:, `name`:,
	// __name__:), as many delimiters as open it
	n, runStart := 0, j
	if j > 0 && (s.text[j-1] == '*' || s.text[j-1] == '_' || s.text[j-1] == '`') {
		n, runStart = delimRunBefore(s.text, j, s.text[j-1])
	}
	k, lw, ok := englishLabelEnding(s.text, runStart, s.e.enabled&valueCats != 0)
	if n > 0 && s.text[j-1] == '_' && (!ok || !sameRunBefore(s.text, k, '_', n)) {
		// the label is the whole run after the opening underscores
		// (__Full Name__:), not its last word (name), which no run opens
		k, lw, ok = underscoredLabelEnding(s.text, runStart, n)
	}
	if !ok || n > maxEmphasisStars || n > 0 && !sameRunBefore(s.text, k, s.text[j-1], n) {
		return i
	}
	j = runStart
	if !isASCIILetter(s.text[j-1]) && lw.cats&valueCats == 0 {
		return i // a Chinese label: read from its first character
	}
	_, size := decodeRune(s.text[i:])
	return max(i, s.labelled(lw.cats, max(i+size, valueFrom), k, false))
}

// underscoredLabelEnding returns the English label in emphasis drawn
// with n underscores that ends at text[j] (__name__:, _Name_：) and where
// it starts. englishLabelEnding reads an underscore before a word as the
// word's own (user_name), so no label starts after one; here the label
// must be the whole run of letters, spaces and '-' after an opening run
// of exactly n underscores, read back at most maxEnglishLabelBytes bytes.
func underscoredLabelEnding(text []byte, j, n int) (int, labelWord, bool) {
	k := j
	for k > 0 && j-k < maxEnglishLabelBytes && text[k-1] != '_' && labelKeyByte[text[k-1]] {
		step()
		k--
	}
	if k == j || !isASCIILetter(text[k]) || !sameRunBefore(text, k, '_', n) {
		return 0, labelWord{}, false
	}
	if lw, ok := labels.matchAt(text[k:j], 0); ok && len(lw.word) == j-k {
		return k, lw, true
	}
	return 0, labelWord{}, false
}

// maxEnglishLabelBytes bounds the English label words read back from a
// colon (englishLabelEnding reads as far).
const maxEnglishLabelBytes = 16

// sameRunBefore reports whether exactly n delimiters c end at text[p].
func sameRunBefore(text []byte, p int, c byte, n int) bool {
	m, _ := delimRunBefore(text, p, c)
	return m == n
}

// englishLabelEnding returns the label that ends at text[j] and where it
// starts: of the words of at most 16 letters, spaces, '_' and '-' before
// j, the first (leftmost) that starts a word and is a label ending exactly
// at j. A label may also end in up to two Chinese characters after its
// English letters (QQ号码), when values says a category read after its
// labels is enabled.
//
// Where the label ends in an ASCII byte, the bytes before j are read back
// once, through englishEnds, the labels from their last byte: most words
// before a colon end no label and leave it after a byte or two, where a
// search from each of their word starts read them again.
func englishLabelEnding(text []byte, j int, values bool) (int, labelWord, bool) {
	if j == 0 {
		return 0, labelWord{}, false
	}
	if text[j-1] < utf8.RuneSelf {
		if w, k := englishEnds.longestEndingAt(text, j); w >= 0 {
			return k, englishEnds.words[w], true
		}
		return 0, labelWord{}, false
	}
	// an English label may end in up to two Chinese characters (QQ号码：);
	// a label all Chinese was read from its first character
	if r, _ := utf8.DecodeLastRune(text[:j]); !values || r >= 0x10000 || valueLabelEnds[r/64]&(1<<(r%64)) == 0 {
		return 0, labelWord{}, false
	}
	k := j
	for n := 0; n < 2 && k > 0 && text[k-1] >= utf8.RuneSelf; n++ {
		step()
		_, size := utf8.DecodeLastRune(text[:k])
		k -= size
	}
	if k == 0 || !isASCIILetter(text[k-1]) {
		return 0, labelWord{}, false
	}
	for k > 0 && j-k < 16 && labelKeyByte[text[k-1]] {
		step()
		k--
	}
	for k < j && !isASCIILetter(text[k]) {
		step()
		k++
	}
	for ; k < j; k++ {
		step()
		if k > 0 && isASCIILetter(text[k-1]) {
			continue
		}
		if b := text[k]; b < utf8.RuneSelf && asciiLabelLens[b]&lenBit(j-k) == 0 {
			continue // no English label of this length starts with b: matchAt could not end one at j
		}
		if lw, ok := labels.matchAt(text[:j], k); ok && k+len(lw.word) == j {
			return k, lw, true
		}
	}
	return 0, labelWord{}, false
}

// labelKeyByte marks the bytes an English label before a colon is read
// back over: ASCII letters, spaces, '_' and '-'.
var labelKeyByte = func() (t [256]bool) {
	for b := range 256 {
		t[b] = isASCIILetter(byte(b)) || b == ' ' || b == '_' || b == '-'
	}
	return t
}()

// asciiLabelLens[b] marks the lengths (lenBit) of the English labels
// that start with the ASCII byte b, in either case: a JSON key or a word
// before a colon is compared with the labels only when one of its length
// starts with its first letter.
var asciiLabelLens = func() (t [utf8.RuneSelf]uint64) {
	for b := range utf8.RuneSelf {
		for _, lw := range labels.ascii[byte(b)|asciiLowerBit(byte(b))] {
			step()
			t[b] |= lenBit(len(lw.word))
		}
	}
	return t
}()

// englishEnds holds the English labels englishLabelEnding reads back
// from a colon (of at most maxEnglishLabelBytes letters, spaces, '_' and
// '-', the first a letter) as a trie of their bytes from the last one
// back (longestEndingAt). Its words are the labels as they read forward:
// a word's index is the same in both.
var englishEnds = func() labelTrie {
	var words, keys []labelWord
	for _, bucket := range labels.ascii {
		for _, lw := range bucket {
			step()
			if len(lw.word) > maxEnglishLabelBytes || !isASCIILetter(lw.word[0]) || !allLabelKeyBytes(lw.word) {
				continue // read back over no further, or starting no word
			}
			key := make([]byte, len(lw.word))
			for i, b := range lw.word {
				key[len(key)-1-i] = b
			}
			words, keys = append(words, lw), append(keys, labelWord{word: key})
		}
	}
	t := newLabelTrie(keys)
	t.words = words
	return t
}()

// allLabelKeyBytes reports whether every byte of w is a labelKeyByte.
func allLabelKeyBytes(w []byte) bool {
	for _, b := range w {
		step()
		if !labelKeyByte[b] {
			return false
		}
	}
	return true
}

// labelled extracts what follows a label that ends at pos: a value of a
// category read after its labels (registry value readers), a name or an
// address. A Chinese label set off from its value (姓名：, 联系人 | …) is
// trusted for what follows it: the value is a name whatever its shape
// (see trustedNameAfter). A label glued to its value (姓名张三性别男) or an
// English one ("name": a product, a file …) needs a name's shape.
func (s *scanner) labelled(cats CategorySet, pos, labelStart int, chinese bool) int {
	start := s.skipLabelGlue(pos, labelStart)
	s.fieldLabel, s.fieldValue = labelStart, start
	if cats&valueCats&s.e.enabled != 0 {
		if end := s.readValue(cats, start, EvLabel); end > 0 {
			return end
		}
	}
	if cats.has(nameIndex) && s.e.enabled.has(nameIndex) {
		if chinese {
			if ms, end := s.maskedNameInGlue(pos, start); end > 0 && s.emitName(ms, end, EvLabel) {
				return end // 姓名：***建国，电话：***, 姓名：*小亭: the stars are a mask's, not emphasis
			}
			if end := s.trustedNameAfter(s.text[pos:start], start); end > 0 {
				if end = s.fullMaskRestEnd(s.text[pos:start], start, end); s.emitName(start, end, EvLabel) {
					return end
				}
			}
			if end := s.maskedNameEnd(s.text[pos:start], start); end > 0 && s.emitName(start, end, EvLabel) {
				return end // 姓名：***小亭: the rest of a name masked in part
			}
		}
		if end, ok := s.nameToken(start, true); ok {
			// (nameAt, the full mask's rest after the name masked with it)
			if end = s.fullMaskRestEnd(s.text[pos:start], start, end); s.emitName(start, end, EvLabel) {
				return end
			}
		}
	}
	if cats.has(addressIndex) && s.e.enabled.has(addressIndex) {
		if end := s.addressFrom(start, EvLabel); end > 0 {
			return end
		}
	}
	return max(pos, labelStart)
}

// skipLabelGlue skips what sits between a label and its value: spaces
// (no-break, en, thin and ideographic ones too) and invisible characters,
// colons, quotes, '=', a table's '|' (also what separates the blocks of a
// markup view: <dt>姓名</dt><dd>张三</dd>), Markdown emphasis (emphasis.go)
// and the words 为/是.
func (s *scanner) skipLabelGlue(pos, labelStart int) int {
	delims := false // whether a run of emphasis delimiters was read
	glueStart := pos
	s.glueLabelRunEnd, s.glueColonEnd = -1, -1
	for steps := 0; pos < len(s.text) && steps < maxGlueSteps; steps++ {
		step()
		c := s.text[pos]
		switch c {
		case ':', '=', '"', '\'', '\n', '\r', '|', ']':
			pos++
			continue
		case '*', '_', '`', '~':
			// the first run may close the label's emphasis, opened
			// right before it (**姓名**：, **姓名：** 王小明, | **姓名** |,
			// __姓名__：, `姓名`：, ~~姓名~~：)
			if end, ok := closesLabel(s.text, pos, labelStart, c, pos == glueStart); ok && !delims {
				if pos == glueStart {
					s.glueLabelRunEnd = end
				}
				pos, delims = end, true
				continue
			}
			// a colon in emphasis of its own (姓名**：**若曦, **姓名** **：** 若曦)
			if end := emphasizedColonAt(s.text, pos, c); end > pos {
				pos, s.glueColonEnd = end, end
				continue
			}
			if c == '`' || c == '~' {
				// a value in a code span or struck through (姓名：`若曦`):
				// the same run closes it
				if n, end := delimRunAt(s.text, pos, c); n <= maxEmphasisStars && s.valueStartsAt(end) && closedAhead(s.text, end, n, c) {
					pos = end
					continue
				}
			}
			if c != '*' {
				break
			}
			// a stray star or the emphasis of the value: up to two stars
			// right before a value (姓名*王小明, 姓名：**王小明**); three
			// (***王小明***) or stars a space sets off from the value
			// (** 王小明 **) only when the same run closes after it. More
			// stars, or stars followed by no value (姓名：*]室: 小
			// masked), are a mask, which is no glue. Three unclosed ones
			// before a Han value (姓名：***小亭) stay a mask's: a full mask
			// of a value of three characters writes them before what the
			// value's end left (联系人：王性别男户… is ***男户… masked)
			n, end := delimRunAt(s.text, pos, '*')
			after := glueSpaceAt(s.text, end)
			after = glueSpaceAt(s.text, after)
			if n <= 2 && s.valueStartsAt(end) ||
				n <= maxEmphasisStars && s.valueStartsAt(after) && closedAhead(s.text, after, n, '*') {
				pos, delims = end, true
				continue
			}
		case '<':
			// markup between a label and its value: <dt>姓名</dt><dd>张三</dd>
			if end := bytes.IndexByte(s.text[pos:min(len(s.text), pos+40)], '>'); end > 0 {
				pos += end + 1
				continue
			}
		}
		if q := glueSpaceAt(s.text, pos); q > pos {
			pos = q
			continue
		}
		r, n := decodeRune(s.text[pos:])
		switch r {
		case '：', '为', '是', '叫', '「', '“', '【', '】', '」', '』', '”':
			pos += n
			continue
		}
		break
	}
	return pos
}

// maxGlueSteps bounds the pieces of glue skipLabelGlue reads.
const maxGlueSteps = 10

// trustedNameAfter returns the end of the name a Chinese label trusts
// after the glue that separates them, or 0. A separator in the glue
// (姓名：, 【姓名】, 姓名\t) trusts whatever value follows; spaces alone
// (姓名 小亭) a value with no particle or pronoun (姓名 都不知道 is a
// phrase); no glue at all (姓名小亭性别女) a value of two to
// maxLabelledGluedRunes characters, no particle and no listed word, that
// another field ends.
func (s *scanner) trustedNameAfter(glue []byte, start int) int {
	end, atLabel := s.trustedNameValue(start)
	switch {
	case end == 0:
		return 0
	case len(glue) > 0 && glue[len(glue)-1] == '*' && start != s.glueColonEnd && !s.labelEmphasisEnds(glue, start):
		// after stars (姓名：**王小明) a value needs a name's shape: the
		// stars may be the mask of a word before it (联系人：**男 is
		// 联系人：两个男 masked), which the label does not vouch for;
		// unless as many stars close it (姓名：**小亭**: emphasis)
		// (**欧阳**娜娜: the stars the value holds close those, innerEmphasisAt)
		if (emphasisAround(s.text, start, end) || bytes.IndexByte(s.text[start:end], '*') >= 0) && setsOffValue(glue) {
			return end
		}
		if s.unclosedEmphasisValue(glue, start, end) {
			return end // 姓名：**小亭: emphasis a renderer leaves open, the label decides
		}
		return 0
	case atLabel && bytes.Contains(s.text[start:end], []byte("的")):
		// 用户的真实姓名, 您的姓名: a phrase that names the field, not a value
		return 0
	case s.headerCellWord(glue, start, end):
		s.nameHeader = true // 联系人\t状态\t手机: the next column's name, and a table's header
		return 0
	case setsOffValue(glue):
		return end
	case len(glue) > 0 && onlySpaces(s.glueAfterLabelRun(glue, start)):
		if s.holdsParticle(start, end) {
			return 0
		}
		return end
	case len(glue) == 0 && atLabel:
		// 姓名和联系方式, 姓名以及手机号: a word between two labels is no
		// name unless it has one's length and no particle
		if n := utf8.RuneCount(s.text[start:end]); n < 2 || n > maxLabelledGluedRunes ||
			s.holdsParticle(start, end) || notNames.has(s.text[start:end]) {
			return 0
		}
		return end
	}
	return 0
}

// labelEmphasisEnds reports whether the stars that end the glue before
// text[start] are the only ones in it and close the label's emphasis
// (**姓名：**王小明), not open the value's.
func (s *scanner) labelEmphasisEnds(glue []byte, start int) bool {
	n, runStart := delimRunBefore(s.text, start, '*')
	return n <= maxEmphasisStars && runStart >= start-len(glue) &&
		bytes.IndexByte(glue[:len(glue)-(start-runStart)], '*') < 0 && openingRunBefore(s.text, s.fieldLabel, '*') == n
}

// glueAfterLabelRun returns the glue before text[start] without the run
// that closes the label's emphasis at its start (**姓名** 若曦: a space is
// the glue, as in 姓名 若曦), when it holds more than that run.
func (s *scanner) glueAfterLabelRun(glue []byte, start int) []byte {
	if from := s.glueLabelRunEnd - (start - len(glue)); s.glueLabelRunEnd > 0 && from > 0 && from < len(glue) {
		return glue[from:]
	}
	return glue
}

// maxLabelledGluedRunes bounds a value glued to its label and the next one.
const maxLabelledGluedRunes = 6

// onlySpaces reports whether glue is made of spaces (ASCII, no-break,
// en, ideographic …) and invisible characters (glueSpaceAt).
func onlySpaces(glue []byte) bool {
	for p := 0; p < len(glue); {
		step()
		q := glueSpaceAt(glue, p)
		if q == p || glue[p] == '\t' {
			return false
		}
		p = q
	}
	return true
}

// setsOffValue reports whether the glue between a label and its value
// holds a separator (a colon, '=', a tab, a table's '|', a line break or
// the end of a markup tag), not only spaces or the words 为/是. A star is
// none: what follows stars may be a mask's (姓名 **说: 王明 masked).
func setsOffValue(glue []byte) bool {
	for _, c := range glue {
		step()
		switch c {
		case ':', '=', '\t', '|', '>', '\n', ']':
			return true
		}
	}
	return bytes.Contains(glue, []byte("：")) || bytes.Contains(glue, []byte("】"))
}

// isHan reports whether r is a CJK unified ideograph.
func isHan(r rune) bool {
	return (r >= 0x4E00 && r <= 0x9FFF) || (r >= 0x3400 && r <= 0x4DBF)
}

// normText returns the normalised form of text[start:end]: digits and
// letters in ASCII, separators and invisible characters dropped, anything
// else kept as it is.
func (s *scanner) normText(start, end int) []byte {
	out := s.scratch[:0]
	for pos := start; pos < end; {
		step()
		u := decodeUnit(s.text, pos)
		switch u.kind {
		case uDigit, uLetter:
			out = append(out, u.val)
		case uSep, uIgnore:
		default:
			out = append(out, s.text[pos:pos+u.size]...)
		}
		pos += u.size
	}
	s.scratch = out
	return out
}

// hinted handles a text whose key names a person, an address or a
// category read after its labels ("name": "张三", "qq": "12345678"): the
// key is the evidence, so such a value at the text's start is reported.
// It returns where the pass should start: after what it found.
func (s *scanner) hinted() int {
	pos := 0
	for pos < len(s.text) && (s.text[pos] == ' ' || s.text[pos] == '"') {
		step()
		pos++
	}
	if s.hint&valueCats&s.e.enabled != 0 {
		if end := s.readValue(s.hint, pos, EvKey); end > 0 {
			return end
		}
	}
	if s.hint.has(nameIndex) && s.e.enabled.has(nameIndex) {
		if end, ok := s.nameToken(pos, true); ok {
			if s.emit(cand{ok: true, cat: CNName, conf: 0.8, ev: EvKey, start: pos, end: end, norm: s.normText(pos, end)}) {
				return end
			}
		}
	}
	if s.hint.has(addressIndex) && s.e.enabled.has(addressIndex) && holdsThreeByteLead(s.text[pos:]) {
		// (an address needs an administrative or street marker, all of
		// them three-byte characters: a text without one, a record's
		// digits joined under its keys, is not walked for one)
		if end := s.addressFrom(pos, EvKey); end > 0 {
			s.labelFloor = end
			return end
		}
	}
	return 0
}

// visibleText returns text[start:end] without its invisible characters:
// the form kept for an address, whose partial mask shows its city and
// district as written (二七区 stays 二七区).
func (s *scanner) visibleText(start, end int) []byte {
	// what holds no byte that can start an invisible unit, and ends where
	// a character does, is its own visible text: answered by a byte table
	// before any unit is decoded
	if end == len(s.text) || !isContinuationByte(s.text[end]) {
		plain := true
		for _, b := range s.text[start:end] {
			step()
			if !visibleLead[b] {
				plain = false
				break
			}
		}
		if plain {
			return s.text[start:end:end]
		}
	}
	// most text hides nothing: read in place up to the first unit that is
	// invisible or runs past end, and copy only from there
	pos := start
	for pos < end {
		step()
		u := decodeUnit(s.text, pos)
		if u.kind == uIgnore || pos+u.size > end {
			break
		}
		pos += u.size
	}
	if pos == end {
		return s.text[start:end:end] // capped: an append never writes into the text
	}
	out := append(s.scratch[:0], s.text[start:pos]...)
	for pos < end {
		step()
		u := decodeUnit(s.text, pos)
		if u.kind != uIgnore {
			out = append(out, s.text[pos:pos+u.size]...)
		}
		pos += u.size
	}
	s.scratch = out
	return out
}

// isContinuationByte reports a byte that continues a UTF-8 sequence.
func isContinuationByte(b byte) bool { return b&0xC0 == 0x80 }

// visibleLead[b] says that no unit starting with byte b is invisible
// (uIgnore), whatever follows it: an ASCII byte other than '&' (which may
// start a character reference) that is visible, a continuation or invalid
// byte (read alone, as uOther), or the lead byte of two- and three-byte
// forms none of whose characters is invisible. Four-byte forms are not
// looked at: false.
var visibleLead = func() (t [256]bool) {
	visible := func(lo, n rune) bool {
		for r := lo; r < lo+n; r++ {
			if classifyRune(r).kind == uIgnore {
				return false
			}
		}
		return true
	}
	for b := 0; b < 256; b++ {
		switch {
		case b < utf8.RuneSelf:
			t[b] = b != '&' && asciiClass[b].kind != uIgnore
		case b < 0xC2 || b > 0xF4:
			t[b] = true
		case b < 0xE0:
			t[b] = visible(rune(b&0x1F)<<6, 1<<6)
		case b < 0xF0:
			t[b] = visible(rune(b&0x0F)<<12, 1<<12)
		}
	}
	return t
}()
