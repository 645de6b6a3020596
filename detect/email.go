package detect

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// E-mail addresses, including the spellings that hide the '@' or the dots:
// ＠, &#64;, [at], (at), 艾特, " at " … " dot ". Local parts and domains
// may be written in any script (Dörte@Sörensen.example, 用户@例子.广告,
// a@xn--d1acufc.xn--p1ai).

const maxLocalPart = 64

// maxLocalBytes bounds a local part's bytes: 64 characters of up to four.
const maxLocalBytes = 4 * maxLocalPart

// maxWideLocal bounds the wide (CJK) characters of a local part (用户,
// luxiaolei_小磊): a longer run before an '@' is the text before the
// address, and is not walked through.
const maxWideLocal = 12

// emailIndex is the registry place of email, for the tests made on
// every '@' and every scan of whether addresses are looked for.
var emailIndex = catIndex(Email.index())

// email parses an address around an '@' spelled at text[atStart:atEnd].
func (s *scanner) email(atStart, atEnd int) {
	if !s.e.enabled.has(emailIndex) {
		return
	}
	// the spelled addresses before this one first (a no-op when called
	// from spelledEmails, which has gone past atStart)
	s.spelledEmails(atStart)
	// the normal form: the local part ends at maxLocalBytes, where the
	// '@' stands, and the domain follows; the domain is read first, so an
	// '@' with none (a@b@c@…) walks back through nothing
	var norm [maxLocalBytes + 1 + 255]byte
	norm[maxLocalBytes] = '@'
	end, dn := s.domain(atEnd, norm[maxLocalBytes+1:])
	if end == 0 {
		end, dn = ipLiteralDomain(s.text, atEnd, norm[maxLocalBytes+1:]) // zhang@[203.0.113.9]
	}
	if end == 0 {
		return
	}
	n := maxLocalBytes + 1 + dn
	// local part, backwards, never into an earlier finding
	all, floor := s.hitFloors(atStart)
	if all > atStart {
		return
	}
	local := (*[maxLocalBytes]byte)(norm[:maxLocalBytes])
	w := s.walkLocal(atStart, floor, all, local)
	if w.k == 0 && w.stopAt == 0 {
		if qs, qn, ok := quotedLocalPart(s.text, atStart, max(floor, all), local); ok {
			// "zhang.wei"@qq.com: the mailbox the quotes hold
			w.lstart, w.asciiStart, w.nb, w.asciiBytes, w.k, w.asciiUnits = qs, qs, qn, qn, qn, qn
		}
	}
	afterAt := -1 // where the local part starts after an earlier address's '@'
	if w.stopAt > 0 {
		// the walk stopped at an earlier '@': what it read holds that
		// address's domain, and this local part starts where the domain
		// ends, as it would after that address's finding (x***@qq.com收件人
		// john@abc.com: john's address went out raw). When the earlier
		// address has no domain, it starts after that '@' (a@b@c.com).
		var scratch [255]byte
		dEnd, _ := s.domain(w.stopAt, scratch[:])
		if dEnd >= atStart {
			// the domain reaches this '@': that address, were it one, was
			// masked whole (its last label glues to this '@'); where it is
			// none (a mask's remains, x***@qq.com.john@abc.com), its last
			// label is this local part
			dEnd = w.stopAt
			if k := bytes.LastIndexByte(s.text[w.stopAt:atStart], '.'); k >= 0 {
				dEnd = w.stopAt + k + 1
			}
		}
		floor = max(w.stopAt, dEnd)
		afterAt = floor
		if dEnd > w.stopAt {
			w = s.walkLocal(atStart, floor, all, local)
		}
	}
	lstart, k, nb := w.lstart, w.k, w.nb
	asciiStart, asciiBytes, asciiUnits, wide := w.asciiStart, w.asciiBytes, w.asciiUnits, w.wide
	cutStart, cutBytes := w.cutStart, w.cutBytes
	// a finding's end delimits a wide local part as a space would: its mask
	// stands there on a second reading (京A12345张三@qq.com); so does the
	// text's start when no ASCII part follows to fall back on (a JSON
	// value "张三@qq.com")
	delimited := floor > 0 && lstart == floor || lstart == 0 && asciiBytes == 0
	// a walk that ran through a wide character to more than a local part
	// may hold falls back the same way: the wide character delimits
	// (0…0区000-0-0%0@0.AA went out raw)
	if wide && (k == maxLocalPart || !delimited && !s.wideLocalPartOK(lstart)) {
		lstart, nb, k = asciiStart, asciiBytes, asciiUnits
	}
	// the local part as it stands after a weak hit it ran into (cutStart)
	// is read on its own only within what the walk took, or, when the walk
	// fell back to the part after its last wide character, where its own
	// start may start a local part (路元0室000室@0.AA: 000室@0.AA, as a second
	// reading finds it after the hit's mask)
	if cutStart >= 0 && (cutStart == lstart || cutStart < lstart && !s.wideLocalPartOK(cutStart)) {
		cutStart = -1
	}
	ev := EvStructure
	if !bytes.Equal(s.text[atStart:atEnd], []byte("@")) {
		ev |= EvObfuscated
	}
	if u, at, ok := unitBeforeSkipping(s.text, lstart); ok &&
		(u.kind == uAt && lstart != afterAt || k == 0 && (isMaskUnit(u) || u.val == ']') || isLocalPartUnit(u) && k == maxLocalPart && at >= floor) {
		// the domain of an address before it, what a mask left of a local
		// part (a***@, [EMAIL]@), or longer than a local part may be. A
		// local part that runs into an earlier finding starts where that
		// finding ends: its mask will stand there on a second reading.
		return
	}
	if lstart, lp := s.trimLocalPart(lstart, local[maxLocalBytes-nb:]); lp != nil {
		if s.emit(cand{ok: true, cat: Email, conf: 0.9, ev: ev, start: lstart, end: end, norm: norm[maxLocalBytes-len(lp) : n]}) {
			s.emailEnd = end
		}
	} else if cutStart < 0 {
		return
	}
	if cutStart < 0 {
		return
	}
	// The local part ran into a weak hit. Should that hit be confirmed and
	// win the overlap, the address stands on as what follows it, as a
	// second reading would find it after the hit's mask (源村区0-0-0%00@0.AA:
	// %00@0.AA went out raw). The address read whole wins over this one
	// whenever it wins over the hit.
	cutStart, cut := s.trimLocalPart(cutStart, local[maxLocalBytes-cutBytes:])
	if u, _, ok := unitBeforeSkipping(s.text, cutStart); cut == nil || ok && u.kind == uAt {
		return
	}
	// cut is a suffix of the walk's local part, which ends where the '@'
	// stands in norm
	s.emit(cand{ok: true, cat: Email, conf: 0.9, ev: ev, start: cutStart, end: end, norm: norm[maxLocalBytes-len(cut) : n]})
}

// localWalk is what a walk back from an '@' read of a local part.
type localWalk struct {
	lstart, k, nb int // where the local part starts, its units and bytes (from the end of local)
	// the local part as it stands after its last wide (CJK) character:
	// what is left when the wide characters belong to the text before
	asciiStart, asciiBytes, asciiUnits int
	wide                               bool
	// where the local part runs into a weak hit before it (all > floor):
	// the local part as it stands after that hit
	cutStart, cutBytes int
	stopAt             int // the end of the '@' the walk stopped at, or 0
}

// walkLocal reads the local part before the '@' at text[atStart], back to
// floor at most, into the end of local.
func (s *scanner) walkLocal(atStart, floor, all int, local *[maxLocalBytes]byte) localWalk {
	w := localWalk{lstart: atStart, asciiStart: atStart, cutStart: -1}
	wideUnits := 0
	for w.k < maxLocalPart {
		step()
		if s.localLetters(&w, floor, all, local) {
			continue
		}
		u, at, ok := unitBeforeSkipping(s.text, w.lstart)
		if !ok || at < floor {
			break
		}
		if at < all && w.cutStart < 0 {
			w.cutStart, w.cutBytes = w.lstart, w.nb
		}
		if isLocalPartUnit(u) && !isHanDigit(s.text, at) {
			w.nb++
			local[maxLocalBytes-w.nb] = lower(u.val)
		} else if r, size := lastRune(s.text, w.lstart); at == w.lstart-size && intlLetter(r) {
			if w.nb+size > maxLocalBytes || isWide(r) && wideUnits == maxWideLocal {
				break
			}
			if isWide(r) {
				wideUnits++
			}
			if !w.wide {
				w.wide = true
				w.asciiStart, w.asciiBytes, w.asciiUnits = w.lstart, w.nb, w.k
			}
			w.nb += size
			copy(local[maxLocalBytes-w.nb:], s.text[at:w.lstart])
		} else {
			if u.kind == uAt && w.k > 0 {
				w.stopAt = w.lstart
			}
			break
		}
		w.k++
		w.lstart = at
	}
	return w
}

// localLetters reads the ASCII letters and digits right before w.lstart
// into local as walkLocal's loop does, one look each, and reports whether
// it read any. Such a byte is a unit of its own (unitBeforeSkipping), of
// the local part, and no Han digit; one before all, when no cut was
// marked yet, is left to the loop, which marks it.
func (s *scanner) localLetters(w *localWalk, floor, all int, local *[maxLocalBytes]byte) bool {
	from := w.lstart
	for w.k < maxLocalPart && w.lstart > floor && w.lstart > 0 && !s.unitsOnly {
		b := s.text[w.lstart-1]
		if !isASCIIAlnum(b) || w.lstart-1 < all && w.cutStart < 0 {
			break
		}
		step()
		w.nb++
		local[maxLocalBytes-w.nb] = lower(b)
		w.k++
		w.lstart--
	}
	return w.lstart != from
}

// trimLocalPart drops the leading dots of a local part that starts at
// lstart and returns where it then starts, or nil when it is none: empty,
// ending in a dot, or symbols only.
func (s *scanner) trimLocalPart(lstart int, lp []byte) (int, []byte) {
	for len(lp) > 0 && lp[0] == '.' {
		step()
		lp = lp[1:]
		_, lstart = s.skipUnits(lstart, 1)
	}
	if len(lp) == 0 || lp[len(lp)-1] == '.' || !hasLowerAlnum(lp) && utf8.RuneCount(lp) == len(lp) {
		return lstart, nil
	}
	return lstart, lp
}

// hasLowerAlnum reports whether b holds a lower-case ASCII letter or an
// ASCII digit: bytes.ContainsAny(b, "a…z0…9") without the set it builds
// on every call.
func hasLowerAlnum(b []byte) bool {
	for _, c := range b {
		step()
		if c >= 'a' && c <= 'z' || isASCIIDigit(c) {
			return true
		}
	}
	return false
}

// skipUnits moves forward over n units.
func (s *scanner) skipUnits(pos, n int) (unit, int) {
	var u unit
	for ; n > 0 && pos < len(s.text); n-- {
		step()
		u = decodeUnit(s.text, pos)
		pos += u.size
	}
	return u, pos
}

// isHanDigit reports a Chinese numeral at text[pos] (一, 两, 零 …): a digit
// to the number detectors, but a word that ends an e-mail address
// (x@qq.com一定要回复).
func isHanDigit(text []byte, pos int) bool {
	return text[pos] >= 0xE3 && text[pos] <= 0xE9
}

// intlLetter reports the characters beyond ASCII an address may hold in
// any script: letters and their combining marks.
func intlLetter(r rune) bool {
	return r >= utf8.RuneSelf && r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsMark(r) || circledLetter(r))
}

// circledLetter reports the circled Latin letters Ⓐ…Ⓩ and ⓐ…ⓩ: symbols to
// Unicode, the letters a…z under NFKC (zhang@qq.com written ⓩⓗⓐⓝⓖ@ⓠⓠ.ⓒⓞⓜ),
// as a mathematical bold letter is a letter of its own.
func circledLetter(r rune) bool { return r >= 0x24B6 && r <= 0x24E9 }

// isWide reports the characters of the scripts written without spaces
// between words (CJK, kana, hangul), which glue to an address without
// belonging to it: 联系我abc@example.com.
func isWide(r rune) bool { return r >= 0x2E80 }

// wideLocalPartOK reports whether a local part holding wide characters
// and starting at text[start] is one: it starts with a narrow character
// (hans.m端ller), or something that ends a word stands before it (a
// space, a tab, a colon, a quote or a bracket: 邮箱：用户@例子.广告). The
// start of a line is not enough: 联系我abc@qq.com.
func (s *scanner) wideLocalPartOK(start int) bool {
	if r, _ := utf8.DecodeRune(s.text[start:]); !isWide(r) {
		return true
	}
	if start == 0 {
		return false
	}
	r, _ := lastRune(s.text, start)
	switch r {
	case ' ', '\t', ':', '：', '"', '\'', '<', '(', '（', '[', '【', '「', '“', ',', '，', '、', '\u3000':
		return true
	}
	return false
}

func isLocalPartUnit(u unit) bool {
	switch u.kind {
	case uDigit, uLetter:
		return true
	case uOther:
		return u.val == '_' || u.val == '%' || u.val == '+'
	case uSep:
		return u.val == '.' || u.val == '-'
	}
	return false
}

func lower(b byte) byte {
	if b >= 'A' && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// domain reads a domain name from text[pos], accepting '.', '．', '﹒', '。', '｡' and
// the spellings " dot ", "[dot]", "(dot)" and 点 between labels. It writes
// the normalised domain into out and returns the byte end and its length,
// or end 0 when it is no domain (fewer than two labels, or a TLD that is not
// 2-24 letters of any script or an xn-- punycode label). A label may hold
// letters of any script; one that mixes wide characters (CJK) into ASCII
// ends before them when it is the last (x@qq.com一定要回复).
func (s *scanner) domain(pos int, out []byte) (end, n int) {
	pos = s.skipSpaces(pos, 2)
	labels, labelLen, lastAlpha := 0, 0, true
	labelStart := 0                       // where the current label starts in out
	labelASCII := false                   // the current label has an ASCII letter or digit
	labelWide, wideBefore := false, false // wide characters in the current label, in an earlier one
	cutEnd, cutN := -1, 0                 // the domain up to the current label's first wide character after ASCII
	cutLen, cutAlpha := 0, false
	// the longest prefix that is a domain: "example dot com dot 0 at …"
	// (the last label the local part of the next address) ends at com
	goodEnd, goodN := 0, 0
	// where the current label's leading letters end, at its first digit
	// or '-': x@qq.com13812345678 and x@qq.com-abc end at com, as a
	// reader sees them, when the whole last label is no top-level domain
	letterEnd, letterN, letterLen := -1, 0, 0
	numeric := true // every label so far is digits (a version: vue@3.4.21)
	// the current label follows an ideographic full stop: the end of a
	// sentence as often as a dot written the Chinese way (zhang@qq。com)
	afterStop := false
	valid := func(labelLen int, lastAlpha bool, n int) bool {
		punycode := n-labelStart > 4 && string(out[labelStart:labelStart+4]) == "xn--"
		if afterStop && !punycode && labelLen != 2 && !stopTLDs.has(out[labelStart:n]) && !idnTLDs.has(out[labelStart:n]) {
			return false // user@localhost。ref=…: the next sentence, not a top-level domain
		}
		// a wide top-level domain after ASCII ones is a known one (中国,
		// 公司 …), not the word after the address (qq.com.谢谢)
		wideOK := !labelWide || wideBefore || idnTLDs.has(out[labelStart:n])
		return labels >= 2 && (lastAlpha || punycode) && labelLen >= 2 && labelLen <= 24 && out[n-1] != '-' && wideOK &&
			!fileExtensions.has(out[labelStart:n])
	}
	for pos < len(s.text) && n < len(out)-1 {
		step()
		u := decodeUnit(s.text, pos)
		if u.kind == uIgnore {
			pos += u.size
			continue
		}
		if (u.kind == uDigit || u.kind == uLetter) && !isHanDigit(s.text, pos) || (u.kind == uSep && u.val == '-' && labelLen > 0) {
			if labelLen == 0 {
				labels++
				lastAlpha = true
				wideBefore = wideBefore || labelWide
				labelStart, labelASCII, labelWide, cutEnd, letterEnd = n, false, false, -1, -1
			}
			if lastAlpha && u.kind != uLetter && letterEnd < 0 {
				letterEnd, letterN, letterLen = end, n, labelLen
			}
			lastAlpha = lastAlpha && u.kind == uLetter
			numeric = numeric && u.kind == uDigit
			labelASCII = labelASCII || u.kind != uSep
			out[n] = lower(u.val)
			n++
			labelLen++
			pos += u.size
			end = pos
			pos, n, labelLen = s.domainLetters(pos, out, n, labelLen)
			if end != pos {
				end, numeric, labelASCII = pos, false, true // as the branch above leaves them after a letter (lastAlpha unchanged)
			}
			continue
		}
		if r, size := utf8.DecodeRune(s.text[pos:]); intlLetter(r) && n+size < len(out)-1 {
			if labelLen == 0 {
				labels++
				lastAlpha = true
				wideBefore = wideBefore || labelWide
				labelStart, labelASCII, labelWide, cutEnd, letterEnd = n, false, false, -1, -1
			}
			numeric = false
			if isWide(r) && labelASCII && cutEnd < 0 {
				cutEnd, cutN, cutLen, cutAlpha = end, n, labelLen, lastAlpha
			}
			labelWide = labelWide || isWide(r) && !labelASCII
			n += copy(out[n:], s.text[pos:pos+size])
			labelLen++
			pos += size
			end = pos
			continue
		}
		if labelLen == 0 {
			break
		}
		next, ok := s.domainDot(pos)
		if !ok || s.text[pos] != '.' && (fileExtensions.has(out[labelStart:n]) || numeric && labels >= 2) {
			break // a file name or a version ends at a full stop (icon@2x.png。, vue@3.4.21。)
		}
		// the dot counts only if a label follows it, perhaps after
		// invisible characters (example.\u200bcom), which the loop skips
		for next < len(s.text) {
			step()
			f := decodeUnit(s.text, next)
			if f.kind != uIgnore {
				break
			}
			next += f.size
		}
		if next >= len(s.text) {
			break
		}
		if f := decodeUnit(s.text, next); f.kind != uLetter && f.kind != uDigit {
			if r, _ := utf8.DecodeRune(s.text[next:]); !intlLetter(r) {
				break
			}
		}
		if cutEnd >= 0 && valid(cutLen, cutAlpha, cutN) {
			// a label that runs from ASCII into wide characters ends the
			// domain there, before a dot too: x@qq.com收件人gao.zhang@… is
			// x@qq.com, then the text (and the next address) glued to it
			return cutEnd, cutN
		}
		if valid(labelLen, lastAlpha, n) {
			goodEnd, goodN = end, n
		} else if letterEnd >= 0 && valid(letterLen, true, letterN) {
			// a prefix may end where a label's letters do, as the last
			// label may (0 dot AA0 dot 0 at …: 0.aa, as after a mask)
			goodEnd, goodN = letterEnd, letterN
		}
		out[n] = '.'
		n++
		labelLen = 0
		afterStop = next-pos == len("。") && ideographicStop(s.text[pos:next])
		pos = next
	}
	if cutEnd >= 0 && labelLen > 0 {
		// the last label runs from ASCII into wide characters: the text
		// after the address, glued to it (a label before a dot: above)
		if valid(cutLen, cutAlpha, cutN) {
			return cutEnd, cutN
		}
	} else if n > 0 && valid(labelLen, lastAlpha, n) {
		return end, n
	}
	if letterEnd >= 0 && valid(letterLen, true, letterN) {
		return letterEnd, letterN
	}
	return goodEnd, goodN
}

// domainLetters copies the ASCII letters at text[pos] into out[n:] as
// domain does with a letter inside a label (labelLen > 0), one look a
// letter, and returns where they end, n and labelLen after them. Such a
// letter is a unit of its own byte (decodeUnit), no Han digit, and changes
// nothing of domain's state but numeric (false), labelASCII (true) and
// end.
func (s *scanner) domainLetters(pos int, out []byte, n, labelLen int) (int, int, int) {
	for pos < len(s.text) && n < len(out)-1 && !s.unitsOnly {
		b := s.text[pos] | 0x20
		if b < 'a' || b > 'z' {
			break
		}
		step()
		out[n] = b
		n++
		labelLen++
		pos++
	}
	return pos, n, labelLen
}

// domainDot recognises a dot between domain labels at text[pos] and returns
// where the next label starts.
func (s *scanner) domainDot(pos int) (int, bool) {
	t := s.text[pos:]
	if ideographicStop(t) { // 。 ｡
		return pos + 3, true
	}
	if u := decodeUnit(s.text, pos); u.val == '.' && (u.kind == uSep || u.kind == uOther) {
		return pos + u.size, true
	}
	if len(t) < 2 || t[0] != ' ' && t[0] != '[' && t[0] != '(' && t[0] != 0xE7 {
		return 0, false // no spelling starts here (点 is E7 82 B9)
	}
	if c := t[1]; t[0] != 0xE7 && c != 'd' && c != 'D' && c != '[' && c != '(' && c != 0xE7 {
		return 0, false // every spelling has d, [, ( or 点 second
	}
	for _, w := range dotSpellings {
		step()
		if len(t) >= len(w) && asciiEqualFold(t[:len(w)], w) {
			return pos + len(w), true
		}
	}
	return 0, false
}

// idnTLDs are the internationalised top-level domains in wide scripts
// that may end an address whose other labels are ASCII.
var idnTLDs = newWordSet(readWords("idntlds.txt"))

// stopTLDs are the top-level domains other than two-letter country codes
// that an address may end with after an ideographic full stop (。).
var stopTLDs = newWordSet(readWords("stoptlds.txt"))

// fileExtensions are file-name extensions that no top-level domain has:
// after an '@' and a dot they end a file name (icon@2x.png), not an
// address.
var fileExtensions = newWordSet(readWords("fileexts.txt"))

var dotSpellings = [][]byte{[]byte(" dot "), []byte("[dot]"), []byte("(dot)"), []byte(" [dot] "), []byte(" (dot) "), []byte("点"), []byte(" 点 ")}

// skipSpaces skips at most max spaces.
func (s *scanner) skipSpaces(pos, max int) int {
	for ; max > 0 && pos < len(s.text) && s.text[pos] == ' '; max-- {
		step()
		pos++
	}
	return pos
}

var atSpellings = [][]byte{
	[]byte("[at]"), []byte("(at)"), []byte("艾特"),
	[]byte("{at}"), []byte("[@]"), []byte("(@)"), []byte("{@}"), []byte("(a)"),
	[]byte("【at】"), []byte("【@】"), []byte("（at）"), []byte("（@）"), []byte("（a）"),
}

// bracketAt handles a bracketed '@' ([at], (@), {at}, (a) …) at text[i].
func (s *scanner) bracketAt(i int) {
	if !s.e.enabled.has(emailIndex) {
		return
	}
	if n := atSpellingAt(s.text, i); n > 0 && s.atSpellingGlued(i, n) {
		s.spelledAtToken(i, i+n)
	}
}

// atSpellingGlued reports whether the spelled '@' text[i:i+n] stands where
// one may: (a) and （a） only glued to both neighbours, as a list's item
// letter (answer (a) google.com) never is; the others anywhere.
func (s *scanner) atSpellingGlued(i, n int) bool {
	w := s.text[i : i+n]
	if !asciiEqualFold(w, []byte("(a)")) && string(w) != "（a）" && string(w) != "（A）" {
		return true
	}
	if i == 0 || i+n >= len(s.text) {
		return false
	}
	before, _ := lastRune(s.text, i)
	after, _ := utf8.DecodeRune(s.text[i+n:])
	return !unicode.IsSpace(before) && !unicode.IsSpace(after)
}

// maySpellAt reports whether t may start with one of atSpellings, from
// its first two bytes: the ASCII spellings open with '[', '(' or '{'
// before an a, A or @, the others with the lead byte of 艾, 【 or （. So
// a bracket before anything else (a run of "[" or "{") costs a step, not
// one for every spelling.
func maySpellAt(t []byte) bool {
	step()
	if len(t) < 3 {
		return false // the shortest spelling, (a), has three bytes
	}
	switch t[0] {
	case '[', '(', '{':
		return t[1] == 'a' || t[1] == 'A' || t[1] == '@'
	case 0xE8, 0xE3, 0xEF:
		return true
	}
	return false
}

// atSpellingAt returns the length of the spelled '@' of atSpellings that
// starts at text[i] (in any case), or 0.
func atSpellingAt(text []byte, i int) int {
	t := text[i:]
	if !maySpellAt(t) {
		return 0 // ([{ before anything but a, A or @: one byte read, not a spelling each
	}
	for _, w := range atSpellings {
		step()
		if len(t) >= len(w) && asciiEqualFold(t[:len(w)], w) {
			return len(w)
		}
	}
	return 0
}

// spelledAt handles a spelled '@' that starts with a character beyond
// ASCII at text[i]: 艾特, 【at】, （at）, or an '@' of another form.
func (s *scanner) spelledAt(i int) {
	if !s.e.enabled.has(emailIndex) {
		return
	}
	if n := atSpellingAt(s.text, i); n > 0 {
		if s.atSpellingGlued(i, n) {
			s.spelledAtToken(i, i+n)
		}
		return
	}
	if bytes.HasPrefix(s.text[i:], []byte("＃")) {
		s.hashAt(i, len("＃"))
		return
	}
	if u := decodeUnit(s.text, i); u.kind == uAt {
		s.email(i, i+u.size)
	}
}

// hashAt handles a '#' or '＃' of size bytes at text[i] written for an
// '@' to keep an address from crawlers (zhang#qq.com): read as one when
// an address stands around it, as an '@' is.
func (s *scanner) hashAt(i, size int) {
	// glued on both sides: "C# qq.com" is a language and a domain
	if !s.e.enabled.has(emailIndex) || i == 0 || s.text[i-1] == ' ' || i+size >= len(s.text) || s.text[i+size] == ' ' {
		return
	}
	// and not after an address or its mask: x@qq.com#top and
	// x***@qq.com#0.aa are an anchor after an address, whose domain is no
	// local part. What an earlier finding covers is not looked into: its
	// mask stands there on a second reading (0@0.AA0#0.AA: 0#0.AA after
	// [EMAIL_…] is an address, so it is one here too)
	_, floor := s.hitFloors(i)
	for j := i - 1; j >= floor && i-j <= maxLocalBytes; j-- {
		step()
		c := s.text[j]
		if c == '@' || c == '*' {
			return
		}
		if !isASCIILetter(c) && !isASCIIDigit(c) && c != '.' && c != '-' && c != '_' {
			break
		}
	}
	// and before a domain that ends in a known top-level domain: a CSS
	// selector (div#main.content, ul#menu.open) is no address
	var scratch [255]byte
	end, n := s.domain(i+size, scratch[:])
	if end == 0 {
		return
	}
	tld := scratch[bytes.LastIndexByte(scratch[:n], '.')+1 : n]
	if len(tld) != 2 && !stopTLDs.has(tld) && !idnTLDs.has(tld) {
		return
	}
	s.email(i, i+size)
}

// spelledAtToken parses an address around a spelled '@' that may have a
// space on either side.
func (s *scanner) spelledAtToken(start, end int) {
	if start > 0 && s.text[start-1] == ' ' {
		start--
	}
	if end < len(s.text) && s.text[end] == ' ' {
		end++
	}
	s.email(start, end)
}

// minSpelledText is the shortest text in which spelledEmails can find an
// address: " at " and a word, however short, before " dot " (" at  dot "
// reads as one, the word empty).
const minSpelledText = len(" at  dot ")

// spelledEmails finds "name at example dot com" whose "dot " starts
// before limit: a " dot " pass, then the " at " before it. (Upper-case
// spellings are left to the labelled forms.) It goes on from
// s.spelledOff, so the whole text costs one pass however it is split:
// email runs it up to each '@' before reading that address, so that a
// spelled address is found before an '@' one glued to its end
// (0 at 0 dot AA@0 dot AA), as it is on a second reading, where its mask
// stands there; the main pass runs it to the end.
func (s *scanner) spelledEmails(limit int) {
	const dot = "dot "
	if len(s.text) < minSpelledText {
		s.spelledOff = max(s.spelledOff, limit) // no " at … dot " fits: a short string costs no search
		return
	}
	for s.spelledOff < limit {
		step()
		off := s.spelledOff
		k := bytes.Index(s.text[off:min(len(s.text), limit+len(dot)-1)], []byte(dot))
		if k < 0 {
			s.spelledOff = limit
			return
		}
		p := off + k - 1 // the space before "dot"
		s.spelledOff = p + 1 + len(dot)
		if s.text[p] != ' ' {
			continue
		}
		lo := max(0, p-80)
		seg := s.text[lo:p]
		at := bytes.LastIndex(seg, []byte(" at "))
		if at < 0 {
			at = bytes.LastIndex(seg, []byte(" AT "))
		}
		if at < 0 || bytes.IndexByte(seg[at+4:], ' ') >= 0 {
			continue
		}
		s.email(lo+at, lo+at+4)
	}
}
