package detect

// Identifiers that start with letters: passports, travel permits and IBANs.
// They are found from their digits: a digit run glued to letters on its
// left is handed here.

// letterPrefixed tries the identifiers whose letters end right before the
// digit at text[i]. It returns the end of what it found, or 0.
func (s *scanner) letterPrefixed(i int) int {
	var letters [3]byte
	k, start := 0, i
	for k < 3 {
		step()
		u, at, ok := unitBeforeSkipping(s.text, start)
		if !ok || u.kind != uLetter {
			break
		}
		letters[2-k] = u.val
		k++
		start = at
	}
	if k == 0 || k == 3 {
		return 0
	}
	if u, _, ok := unitBeforeSkipping(s.text, start); ok && (isWordUnit(u) || u.val == '-' || u.val == '.') {
		return 0 // inside a longer token
	}
	prefix := letters[3-k:]
	if k == 2 && s.e.enabled.has(ibanIndex) {
		if end := s.iban(start); end > 0 {
			return end
		}
	}
	if end := s.letteredAt(start); end > 0 {
		return end
	}
	r := &s.run
	if r.ng > 1 && r.sep[1] != ' ' || r.rightGlue && r.ng == 1 {
		return 0 // the identifier's digits must end the token
	}
	digits := r.d[:r.gs[1]]
	cat, ok := travelDocument(prefix, digits)
	if !ok || !s.e.enabled.Has(cat) {
		return 0
	}
	s.scratch = append(upperInto(s.scratch[:0], prefix), digits...)
	norm := s.scratch
	c := cand{ok: true, cat: cat, conf: 0.6, ev: EvStructure, weak: true, start: start, end: r.end[len(digits)-1], norm: norm}
	if r.obf {
		c.ev |= EvObfuscated
	}
	labels := s.labelsBefore(start)
	if cat == CNPermit && labels.Has(CNPassport) && !labels.Has(CNPermit) && prefix[0]|0x20 == 'h' {
		c.cat = CNPassport // H + 8 digits is also a Hong Kong SAR passport
	}
	if cat == CNPassport && labels.Has(CNPermit) && !labels.Has(CNPassport) {
		c.cat = CNPermit
	}
	if s.emit(c) {
		return c.end
	}
	return 0
}

// upperInto appends b in upper case to dst.
func upperInto(dst, b []byte) []byte {
	for _, c := range b {
		step()
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// travelDocument matches the letter-and-digit shapes of Chinese passports
// and travel permits (pii-rules.md).
func travelDocument(prefix, digits []byte) (Category, bool) {
	var up [3]byte
	p := string(upperInto(up[:0], prefix))
	n := len(digits)
	notIO := func(c byte) bool { return c != 'I' && c != 'O' }
	switch {
	case len(p) == 1 && (p == "E" || p == "G" || p == "K") && n == 8:
		return CNPassport, true
	case len(p) == 1 && (p == "D" || p == "S" || p == "P") && (n == 7 || n == 8):
		return CNPassport, true
	case len(p) == 2 && p[0] == 'E' && notIO(p[1]) && n == 7:
		return CNPassport, true
	case p == "DE" || p == "SE" || p == "PE":
		return CNPassport, n == 7
	case len(p) == 2 && (p[0] == 'K' || p[0] == 'H' || p[0] == 'M') && notIO(p[1]) && n == 7:
		return CNPassport, true // Hong Kong (KJ …) and Macau (MA, MB …) SAR series
	case (p == "H" || p == "M") && (n == 8 || n == 10):
		return CNPermit, true
	case p == "C" && n == 8:
		return CNPermit, true
	case len(p) == 2 && p[0] == 'C' && notIO(p[1]) && n == 7:
		return CNPermit, true
	}
	return "", false
}

// maskNear reports whether a mask's '*' follows text[pos], perhaps after
// one space: what stands before it was kept by a mask (GB33 **** 6822).
func maskNear(text []byte, pos int) bool {
	if pos < len(text) && text[pos] == ' ' {
		pos++
	}
	return pos < len(text) && text[pos] == '*'
}
