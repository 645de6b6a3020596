package detect

import "bytes"

// E-mail addresses, including the spellings that hide the '@' or the dots:
// ＠, &#64;, [at], (at), 艾特, " at " … " dot ".

const maxLocalPart = 64

// email parses an address around an '@' spelled at text[atStart:atEnd].
func (s *scanner) email(atStart, atEnd int) {
	if !s.e.enabled.Has(Email) {
		return
	}
	var norm [320]byte
	// local part, backwards, never into an earlier finding
	floor := s.hitFloor(atStart)
	lstart, k := atStart, 0
	var local [maxLocalPart]byte
	for k < maxLocalPart {
		step()
		u, at, ok := unitBeforeSkipping(s.text, lstart)
		if !ok || at < floor || !isLocalPartUnit(u) || isHanDigit(s.text, at) {
			break
		}
		local[maxLocalPart-1-k] = lower(u.val)
		k++
		lstart = at
	}
	if u, at, ok := unitBeforeSkipping(s.text, lstart); ok &&
		(u.kind == uAt || k == 0 && (isMaskUnit(u) || u.val == ']') || isLocalPartUnit(u) && k == maxLocalPart && at >= floor) {
		// the domain of an address before it, what a mask left of a local
		// part (a***@, [EMAIL]@), or longer than a local part may be. A
		// local part that runs into an earlier finding starts where that
		// finding ends: its mask will stand there on a second reading.
		return
	}
	lp := local[maxLocalPart-k:]
	for len(lp) > 0 && lp[0] == '.' {
		step()
		lp = lp[1:]
		_, lstart = s.skipUnits(lstart, 1)
	}
	if len(lp) == 0 || lp[len(lp)-1] == '.' || !bytes.ContainsAny(lp, "abcdefghijklmnopqrstuvwxyz0123456789") {
		return
	}
	n := copy(norm[:], lp)
	norm[n] = '@'
	n++
	end, dn := s.domain(atEnd, norm[n:])
	if end == 0 {
		return
	}
	n += dn
	ev := EvStructure
	if !bytes.Equal(s.text[atStart:atEnd], []byte("@")) {
		ev |= EvObfuscated
	}
	s.emit(cand{ok: true, cat: Email, conf: 0.9, ev: ev, start: lstart, end: end, norm: norm[:n]})
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

// domain reads a domain name from text[pos], accepting '.', '．', '。' and
// the spellings " dot ", "[dot]", "(dot)" and 点 between labels. It writes
// the normalised domain into out and returns the byte end and its length,
// or end 0 when it is no domain (fewer than two labels, or a TLD that is not
// 2-24 letters).
func (s *scanner) domain(pos int, out []byte) (end, n int) {
	pos = s.skipSpaces(pos, 2)
	labels, labelLen, lastAlpha := 0, 0, true
	// the longest prefix that is a domain: "example dot com dot 0 at …"
	// (the last label the local part of the next address) ends at com
	goodEnd, goodN := 0, 0
	valid := func() bool {
		return labels >= 2 && lastAlpha && labelLen >= 2 && labelLen <= 24 && out[n-1] != '-'
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
			}
			lastAlpha = lastAlpha && u.kind == uLetter
			out[n] = lower(u.val)
			n++
			labelLen++
			pos += u.size
			end = pos
			continue
		}
		if labelLen == 0 {
			break
		}
		next, ok := s.domainDot(pos)
		if !ok {
			break
		}
		// the dot counts only if a label follows it
		if next >= len(s.text) {
			break
		}
		if f := decodeUnit(s.text, next); f.kind != uLetter && f.kind != uDigit {
			break
		}
		if valid() {
			goodEnd, goodN = end, n
		}
		out[n] = '.'
		n++
		labelLen = 0
		pos = next
	}
	if n == 0 || !valid() {
		return goodEnd, goodN
	}
	return end, n
}

// domainDot recognises a dot between domain labels at text[pos] and returns
// where the next label starts.
func (s *scanner) domainDot(pos int) (int, bool) {
	t := s.text[pos:]
	if len(t) >= 3 && t[0] == 0xE3 && t[1] == 0x80 && t[2] == 0x82 { // 。
		return pos + 3, true
	}
	if u := decodeUnit(s.text, pos); u.val == '.' && (u.kind == uSep || u.kind == uOther) {
		return pos + u.size, true
	}
	for _, w := range dotSpellings {
		step()
		if len(t) >= len(w) && asciiEqualFold(t[:len(w)], w) {
			return pos + len(w), true
		}
	}
	return 0, false
}

var dotSpellings = [][]byte{[]byte(" dot "), []byte("[dot]"), []byte("(dot)"), []byte(" [dot] "), []byte(" (dot) "), []byte("点"), []byte(" 点 ")}

// skipSpaces skips at most max spaces.
func (s *scanner) skipSpaces(pos, max int) int {
	for ; max > 0 && pos < len(s.text) && s.text[pos] == ' '; max-- {
		step()
		pos++
	}
	return pos
}

var atSpellings = [][]byte{[]byte("[at]"), []byte("(at)"), []byte("艾特")}

// bracketAt handles "[at]" and "(at)" at text[i].
func (s *scanner) bracketAt(i int) {
	if !s.e.enabled.Has(Email) {
		return
	}
	t := s.text[i:]
	want := atSpellings[0]
	if t[0] == '(' {
		want = atSpellings[1]
	}
	if len(t) >= 4 && asciiEqualFold(t[:4], want) {
		s.spelledAtToken(i, i+4)
	}
}

// spelledAt handles 艾特 at text[i].
func (s *scanner) spelledAt(i int) {
	if !s.e.enabled.Has(Email) {
		return
	}
	if bytes.HasPrefix(s.text[i:], atSpellings[2]) {
		s.spelledAtToken(i, i+len(atSpellings[2]))
		return
	}
	if u := decodeUnit(s.text, i); u.kind == uAt {
		s.email(i, i+u.size)
	}
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

// spelledEmails finds "name at example dot com": a " dot " pass, then the
// " at " before it. (Upper-case spellings are left to the labelled forms.)
func (s *scanner) spelledEmails() {
	for _, dot := range [][]byte{[]byte("dot ")} {
		step()
		for off := 1; off < len(s.text); {
			step()
			k := bytes.Index(s.text[off:], dot)
			if k < 0 {
				break
			}
			p := off + k - 1 // the space before "dot"
			off = p + 1 + len(dot)
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
}
