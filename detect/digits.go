package detect

import (
	"math/bits"
	"unicode/utf8"
)

// Detectors for identifiers written with digits: resident IDs, mobiles,
// landlines, cards, SSNs and international phones. Each digit run is split
// only at its separators, never inside contiguous digits, and every window
// of whole groups that could be an identifier is validated.

// cand is a validated candidate before it becomes a hit.
type cand struct {
	ok          bool
	cat         Category
	conf        float64
	ev          Evidence
	weak        bool // needs label, key or proximity evidence
	labelOnly   bool // only a label or key confirms it, not proximity
	strictLabel bool // only a label naming this category alone confirms it
	start, end  int
	norm        []byte
	lead        byte // a character that stands before norm in the normalised value ('+', a trunk '0'), or 0
	xApart      bool // an ID whose check X is set apart from its digits: the span ends before it
}

// better reports whether c should be preferred over o.
func (c *cand) better(o *cand) bool {
	switch {
	case !c.ok:
		return false
	case !o.ok:
		return true
	case c.weak != o.weak:
		return !c.weak
	case c.conf != o.conf:
		return c.conf > o.conf
	}
	return c.end-c.start > o.end-o.start
}

// digits handles a digit trigger at text[i] and returns where scanning
// continues.
func (s *scanner) digits(i int) int {
	// the short numbers of ordinary text (a price, a count, a date's
	// parts) are read first: too few digits for a coordinate, and,
	// written together, no dashed room number
	short, isShort, shortDigits, gapped := s.shortNumber(i)
	if !s.insideDigitRun(i) {
		// the shapes that start a number: an IBAN after its country code
		// and a space, the registry's numeric shapes and values after
		// their labels
		if end := s.spacedIBAN(i); end > 0 {
			s.labelFloor = max(s.labelFloor, end)
			s.resumeAfter(end)
			return end
		}
		if numericMay(s.text, i, isShort, shortDigits) {
			if end := s.numericAt(i); end > 0 {
				s.labelFloor = max(s.labelFloor, end)
				s.resumeAfter(end)
				return end
			}
		}
		if end := s.valueAfterLabel(i); end > 0 {
			s.labelFloor = max(s.labelFloor, end)
			s.resumeAfter(end)
			return end
		}
	}
	if end := short; isShort && (!gapped || !s.dashedRoomAt(i, end)) {
		if end-i >= 3 {
			s.labelFloor = max(s.labelFloor, end) // a label before this number is not for the next one
		}
		return end
	}
	r := &s.run
	r.collect(s.text, i)
	if i == s.resumeAt {
		// the next piece of a cut run: the digits before it are its own
		// run's, not glue (000… 17000000000-17000000000 0…: the '-' after
		// digits read as a hex token's join hid the second mobile); it is
		// glued only as the run's glued token reaches it
		r.leftGlue = s.resumeGlue
	}
	if r.n == 0 {
		return max(r.stop, i+1)
	}
	if r.plus && s.maskedBeforePlus(i) {
		r.plus = false
	}
	if r.leftGlue {
		// digits right after a finding are their own (x@qq.com13812345678):
		// after its mask they are, on a second reading; and so after an
		// address's mask (z***@qq.com13812345678)
		// (an invisible character between changes nothing: 0.0000\x0017…)
		_, strong := s.hitFloors(i)
		if u, at, ok := unitBeforeSkipping(s.text, i); ok && strong == at+u.size || strong == i || addressMaskBefore(s.text, i) {
			r.leftGlue = false
		}
	}
	if s.prot != nil {
		s.protectedWindows()
	}
	first, last := 0, r.ng-1
	stop := r.stop
	gluedLetter := false
	if r.leftGlue {
		first = 1
		if end := s.letterPrefixed(i); end > 0 {
			for first < r.ng && r.start[r.gs[first]] < end {
				step()
				first++
			}
			stop = max(stop, end)
		} else if s.oneLetterBefore(i) {
			// mobile:a13812345678: one letter put in front to hide a number;
			// read it, but believe it only with a label
			first, gluedLetter = 0, true
		} else {
			// the glued group is its word's (ab1, a hex token's piece); the
			// groups set apart from it by '-', '.' or '/' are the numbers a
			// reader sees (ab1-18668066128), and so is a first group set
			// apart from a hex word by '-' or '_' (abc-18668066128); only in
			// a hex identifier (a UUID, a trace ID: 4a4cd359-0369-4187-…)
			// they belong to the token
			if r.joinedLeft {
				first = 0
			}
			if (r.joinedLeft || first < r.ng && tokenSep(r.sep[first])) && r.n-int(r.gs[first]) >= minWindowDigits {
				// the groups inside the identifier are its; a group past
				// its end is read (<uuid>-18668066128)
				if from, to, ok := inHexID(s.text, r.start[r.gs[first]]); ok {
					for first = 1; first < r.ng && tokenSep(r.sep[first]) && r.start[r.gs[first]] < to; first++ {
						step()
					}
					s.uuidTrunkMobile(from, to)
				}
			}
		}
	}
	uuidCut := 0
	if !r.leftGlue {
		first, uuidCut = s.pastDecimalUUID()
	}
	if r.rightGlue {
		last = r.ng - 2
		if r.joinedRight && !r.atAfter {
			last = r.ng - 1 // set apart from the hex word after it (18668066128-abc)
		}
		// the groups set apart by '-', '.' or '/' before the glued one are
		// numbers too (18668066128-1ab), but in a hex identifier, and in a
		// date whose time follows it (2025-02-24T09:06)
		if !r.atAfter && (r.joinedRight || last >= 0 && tokenSep(r.sep[last+1])) && last >= 0 && int(r.gs[last+1]) >= minWindowDigits {
			from, ok := 0, false
			if !r.joinedRight && timeAfter(s.text, r.end[r.n-1]) {
				from, ok = r.dateBefore()
			}
			if !ok {
				from, _, ok = inHexID(s.text, r.end[r.gs[last+1]-1]-1)
			}
			// only the groups of the date or the identifier are kept: a
			// group before it is read (18668066128-2025-02-24T09:06)
			if ok {
				for last = r.ng - 2; last >= 0 && tokenSep(r.sep[last+1]) && r.start[r.gs[last]] >= from; last-- {
					step()
				}
			}
		}
	}
	if uuidCut > 0 {
		// the groups before a UUID are read alone, the UUID and what
		// follows it as the next run (13812345678 <uuid>)
		for last >= 0 && r.start[r.gs[last]] >= uuidCut {
			step()
			last--
		}
		stop, r.cut = uuidCut, true
	}
	// the best window from a and the window classified, kept across the
	// loop: a candidate that is not ok is never better than another, so
	// clearing best.ok starts afresh
	var best, c cand
	for a := first; a <= last && a < r.windowGroups; {
		step()
		if r.start[r.gs[a]] < s.strongEnd {
			// inside a confirmed finding (the piece of a long run read
			// before this one): a window here could only lose to it, and
			// would push the windows after it aside
			a++
			continue
		}
		best.ok = false
		bestB := -1
		try := func(b int) {
			if s.classify(a, b, &c) && gluedLetter && a == 0 {
				c.weak, c.labelOnly = true, true
			}
			if c.better(&best) {
				best, bestB = c, b
			}
		}
		lone := r.groupLen(a) == 1 && !(a == 0 && r.plus)
		if from := int(r.gs[a]); lone && r.d[from] != '0' && !(a > 0 && r.cnCountryGroup(a-1)) {
			// a window from a lone digit: only the lengths classify may
			// accept, each found at once by the group that ends there (the
			// windows in the order the loop below takes them)
			for m := loneLengths(r.d[from]); m != 0; m &= m - 1 {
				step()
				b := r.groupEnding(from + bits.TrailingZeros32(m))
				if b > last {
					break
				}
				if b > a && s.loneWindowMay(a, b) {
					try(b)
				}
			}
		} else {
			n := 0
			for b := a; b <= last; b++ {
				step()
				if n += r.groupLen(b); n > maxWindowDigits {
					break
				}
				if n < minWindowDigits {
					continue // no identifier validated here is this short
				}
				if lone && b > a && !s.loneWindowMay(a, b) {
					continue // classify would refuse it
				}
				try(b)
			}
		}
		if bestB < 0 {
			a++
			continue
		}
		if s.emit(best) && !best.weak {
			a = bestB + 1
		} else {
			a++
		}
	}
	if r.cut {
		// the rest of the run is read again from stop: a label before the
		// run is not for its next piece
		s.labelFloor = max(s.labelFloor, stop)
		s.resumeAt = stop
		// the glue goes on into the next piece only when every group
		// before it belonged to the glued token (a long hex token);
		// after a letter glued to the first group, the rest is free
		s.resumeGlue = r.leftGlue && first >= r.windowGroups
		return stop
	}
	if s.e.enabled.has(addressIndex) && !r.rightGlue {
		if end := s.addressAt(r.end[r.n-1]); end > stop {
			stop = end
		}
	}
	s.labelFloor = max(s.labelFloor, r.end[r.n-1])
	return stop
}

// emit turns a candidate into a hit, adding label or key evidence. It
// reports whether the hit was kept.
func (s *scanner) emit(c cand) bool {
	if s.prot != nil && s.protects(c.cat, c.lead, c.norm) {
		s.addProtected(c.cat, c.start, c.end, c.ev, c.lead, c.norm)
		return true
	}
	i := c.cat.index() // once: each lookup compares the category's name
	if i < 0 || !s.e.enabled.has(catIndex(i)) {
		return false
	}
	ci := catIndex(i)
	labels := s.labelsBefore(c.start)
	if labels.has(ci) {
		if s.hint.has(ci) && labels&^s.hint == 0 {
			c.ev |= EvKey
		} else {
			c.ev |= EvLabel
		}
		c.conf = min(1, c.conf+0.05)
		if c.weak {
			c.weak = false
			c.conf = max(c.conf, 0.75)
		}
	}
	if c.weak && c.labelOnly {
		return false
	}
	if c.cat == CNPermit && c.strictLabel && labels.Has(CNID) {
		return false // 证件 alone is too vague for eight bare digits
	}
	// a mobile, ID or card was offered to the protected set as a window of
	// its run; any other value (a QQ number, a phone) is offered by
	// protectHits, in its own category and in the readings its digits have
	offered := s.prot != nil && (c.cat == CNMobile || c.cat == CNID || c.cat == BankCard)
	s.add(hit{Start: c.start, End: c.end, ev: uint8(c.ev), cat: ci, flags: flagIf(c.weak, hitWeak) | flagIf(offered, hitProtChecked) | flagIf(c.xApart, hitXApart)}, c.conf, c.lead, c.norm)
	return true
}

// classify validates the window of groups a..b of the current run into c
// and reports whether it is a candidate (c.ok). A window is classified for
// every group of every run and most are none: c is filled only for a
// window that is one.
func (s *scanner) classify(a, b int, c *cand) bool {
	r := &s.run
	d := r.d[r.gs[a]:r.gs[b+1]]
	c.ok = false
	fill := func() {
		*c = cand{start: r.start[r.gs[a]], end: r.end[r.gs[b+1]-1], norm: d, ev: EvStructure}
		if r.obf || (b > a && r.groupLen(a) == 1) {
			c.ev |= EvObfuscated
		}
		if k := int(r.gs[b+1]) - 1; d[len(d)-1] == 'X' && b > a && int(r.gs[b]) == k && (b-1 == a || r.sep[b] != r.sep[b-1]) {
			// a check X set apart from the digits, and otherwise than
			// their groups are from each other (11010519900101123(✕),
			// 110105 19900101 123|X): the span ends at the last digit,
			// and what stands between them (a bracket, a delimiter) and
			// the X itself stay as they are. An X spelled as one more
			// group (1 1 0 … 2 X) is masked with them.
			c.end, c.xApart = r.end[k-1], true
		}
	}
	set := func(cat Category, conf float64, ev Evidence) bool {
		fill()
		c.ok, c.cat, c.conf, c.ev = true, cat, conf, c.ev|ev
		return true
	}
	weak := func(cat Category, conf float64, labelOnly bool) bool {
		set(cat, conf, 0)
		c.weak, c.labelOnly = true, labelOnly
		return true
	}
	L := len(d)
	if b > a && r.groupLen(a) == 1 && L < 13 && L != 11 && !(a == 0 && r.plus) && !(d[0] == '0' && a > 0 && r.cnCountryGroup(a-1)) {
		// a window spelled from a lone digit (1 3 8 …, a sudoku grid) is
		// only a mobile's 11 digits, an ID's 18 or a card's 13 to 19, or
		// a number after '+': every rule below that takes 8 to 12 digits
		// wants a first group of several (a landline's area code, an
		// SSN's 3, a North American area code or a leading 1 then 3
		// digits, a permit or a 15-digit ID written whole); the trunk 0
		// after +86 (+86 (0)755 …) is no lone digit but the landline's
		return false
	}
	if d[L-1] == 'X' {
		if L == 18 && cnID18OK(d) {
			return set(CNID, 0.99, EvChecksum)
		}
		return c.ok
	}
	if L == 18 && cnID18OK(d) {
		return set(CNID, 0.99, EvChecksum)
	}
	if L >= 13 && a == 0 && r.plus && !(d[0] == '8' && d[1] == '6') {
		// +4917063373469: a number after '+' is an international one when
		// it can be, though its digits also pass for a card's; a card
		// number is never written after '+'
		saved := *c
		fill()
		if e := s.e164(*c, d); e.ok {
			*c = e
			return true
		}
		*c = saved
	}
	if L >= minCardDigits {
		// (a UATP number is written whole or in groups, never a digit at a
		// time: that is asked before the shape)
		if brand := cardBrand(d); brand != "" && (brand != "uatp" || r.groupLen(a) >= 4) && r.cardShape(a, b) {
			// a 15-digit number that is also an old resident ID is read as
			// the ID when the card network needs a label anyway
			id15 := func() bool { return L == 15 && cnID15OK(d) }
			switch brand {
			case "unionpay_label":
				if !id15() {
					return weak(BankCard, 0.6, true)
				}
			case "uatp":
				if !id15() && luhnOK(d) {
					return weak(BankCard, 0.6, true)
				}
			default:
				if luhnOK(d) {
					return set(BankCard, 0.95, EvChecksum)
				}
				if brand == "unionpay" {
					return weak(BankCard, 0.6, true)
				}
			}
		}
	}
	if L == 15 && cnID15OK(d) && b == a {
		return weak(CNID, 0.7, true)
	}
	if a == 0 && r.plus && !(L > 2 && d[0] == '8' && d[1] == '6') {
		fill()
		*c = s.e164(*c, d) // +1 888 …: an international number, never a mainland one
		if c.ok && s.phoneReadsPlus() || !(L == 11 && cnMobilePrefixOK(d) && (r.mobileShape(a, b) || s.fourSeven(a, b)) && plusJoined(s.text, r.start[0])) {
			return c.ok
		}
		// x+13080850130, a@b.com+19960422476: no +1 number (or none the
		// policy reads), and the '+' joins the mobile to a word (a space
		// in a form): the mobile below
	}
	if L == 11 && cnMobilePrefixOK(d) && r.mobileShape(a, b) {
		return set(CNMobile, 0.9, 0)
	}
	if L == 11 && cnMobilePrefixOK(d) && s.fourSeven(a, b) {
		if yearGroup(d[:4]) {
			// 1998-0012345, 档案号 1999 0012345: a year of the last
			// century and a serial, as archives, contracts and cases are
			// numbered; a mobile only behind its label
			return weak(CNMobile, 0.8, true)
		}
		return set(CNMobile, 0.9, 0)
	}
	if L == 11 && cnMobilePrefixOK(d) && b == a+2 && r.groupLen(a) == 4 && r.groupLen(a+1) == 4 {
		return weak(CNMobile, 0.8, true) // 1381 2345 678: a mobile only behind its label
	}
	if r.dots >= 2 && r.dotted(a, b) && !(a > 0 && r.cnCountryGroup(a-1)) {
		// 198.51.100.7, 1.2.3: addresses and versions, not identifiers;
		// but after +86 (0086) the groups are a number's, dotted as
		// Europe writes them (+86 (0)10.8888.6666): the landline below
		return c.ok
	}
	switch {
	case L == 13 && d[0] == '8' && d[1] == '6' && cnMobilePrefixOK(d[2:]):
		set(CNMobile, 0.9, 0)
		c.norm = d[2:]
		if a == 0 && (r.plus || r.plusDoubled) {
			c.start = s.plusBefore(c.start)
		}
		return true
	case L == 15 && string(d[:4]) == "0086" && cnMobilePrefixOK(d[4:]):
		set(CNMobile, 0.9, 0)
		c.norm = d[4:]
		return true
	}
	if d[0] == '0' || a > 0 && r.cnCountryGroup(a-1) {
		if l := s.landline(a, b, d); l.ok {
			*c = l
			return true
		}
	}
	if r.groupLen(a) >= 4 && d[0] == '0' && d[1] == '0' && !(a == 0 && r.afterDecimalMark) {
		// 0044 20 7946 0958: the international prefix dialled from China,
		// too close to ordinary zero-padded numbers to stand without a label
		fill()
		if p := s.e164(*c, d); p.ok {
			p.weak, p.labelOnly, p.conf = true, true, 0.7
			*c = p
			return true
		}
	}
	if L == 9 && usSSNOK(d) {
		if b == a+2 && r.groupLen(a) == 3 && r.groupLen(a+1) == 2 && (r.sep[a+1] == '-' || r.sep[a+1] == ' ') && r.sep[b] == r.sep[a+1] {
			return set(USSSN, 0.85, 0)
		}
		if b == a {
			return weak(USSSN, 0.7, true)
		}
	}
	if (L == 10 || L == 11) && s.nanp(a, b, d) {
		weak(Phone, 0.7, true)
		if p := s.openParen(a, c.start); p != c.start {
			// (415) 555-2671: the written form of a phone number, which
			// other personal data nearby may confirm as well as a label
			c.start, c.labelOnly = p, false
		}
		return c.ok
	}
	if b == a && (L == 8 || L == 10) {
		weak(CNPermit, 0.6, true)
		c.strictLabel = true // a Taiwan compatriot permit: 台胞证 12345678
		return c.ok
	}
	return c.ok
}

// loneWindowMay is a cheap necessary condition for classify(a, b) of a
// window of several groups whose first is a lone digit (not after a '+'
// at the run's start), the most common window of a run spelled a digit at
// a time: it reports false only where classify would refuse the window,
// asking the first digits and the validators that refuse quickest, so that
// each digit of 1 2 3 … costs a few comparisons instead of eight
// classifications. TestLoneWindowMay holds it to classify.
func (s *scanner) loneWindowMay(a, b int) bool {
	r := &s.run
	d := r.d[r.gs[a]:r.gs[b+1]]
	L := len(d)
	switch {
	case d[0] == '0' || a > 0 && r.cnCountryGroup(a-1):
		return true // a landline, 0086 and a mobile
	case L == 11:
		// a mobile, or a North American number after its leading 1
		return cnMobilePrefixOK(d) || d[0] == '1' && r.groupLen(a+1) == 3
	case L < 13:
		return false // classify's first rule
	case L == 13 && d[0] == '8' && d[1] == '6':
		return true // a mobile after 86
	case L == 18 && cnID18OK(d):
		return true
	case d[0] == '1' || d[0] == '7' || d[0] == '9':
		return false // no card network but UATP, which is never a digit at a time
	}
	brand := cardBrand(d)
	return brand != "" && brand != "uatp"
}

// loneLengths returns the window lengths, as bits, that loneWindowMay
// may accept for a window from a lone digit d0 that is no '0' and follows
// no country code: 11 from a 1 (a mobile, a North American number), 18
// from any (a resident ID) and the lengths of the card networks whose
// numbers start with d0 (or 13 for 86 before a mobile).
func loneLengths(d0 byte) uint32 {
	const id, mobile, cards = 1 << 18, 1 << 11, 1<<20 - 1<<13
	switch d0 {
	case '1':
		return mobile | id
	case '7', '9':
		return id
	case '2':
		return 1<<16 | id // Mastercard's 2221-2720
	case '4':
		return 1<<13 | 1<<16 | 1<<19 | id // Visa
	case '8':
		return 1<<13 | 1<<16 | 1<<17 | 1<<18 | 1<<19 // 86 and a mobile, UnionPay's 81
	}
	return cards | id
}

// insideDigitRun reports whether the digit at text[i] follows another
// digit, perhaps across one space: the middle of a number or of a run of
// separated digits, where no shape starts.
func (s *scanner) insideDigitRun(i int) bool {
	t := s.text
	return i > 0 && isASCIIDigit(t[i-1]) || i > 1 && t[i-1] == ' ' && isASCIIDigit(t[i-2])
}

// resumeAfter marks the digits one separator after a value a shape read
// (纬度31.2304-13812345678) as a run of their own, not glued to that value
// as a hex token's next part: its mask stands there on a second reading,
// and the mobile went out raw.
func (s *scanner) resumeAfter(end int) {
	if end >= len(s.text) {
		return
	}
	if u := decodeUnit(s.text, end); u.kind == uSep || u.kind == uOther {
		if j := end + u.size; j < len(s.text) && decodeUnit(s.text, j).kind == uDigit {
			s.resumeAt, s.resumeGlue = j, false
		}
	}
}

// tokenSep reports the separators that join the parts of one token
// (3ef3-0797, v1.2.3, a/b) rather than separate two numbers.
func tokenSep(c byte) bool { return c == '-' || c == '.' || c == '/' }

// spaceSep reports whether a separator is white space, which may stand
// between separate numbers; '-', '.' and '/' join parts of one token.
func spaceSep(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

// mobileShape reports whether groups a..b are written the way mainland
// mobiles are: 13800138000, 138 0013 8000, 138-00138000, 1380013-8000,
// 1380 013 8000, or one or two digits at a time (an evasion); 1380
// 0138000 is fourSeven's. Other shapes (1 888 553 0582, 198.51.100.124)
// are other numbers.
func (r *digitRun) mobileShape(a, b int) bool {
	if a == b {
		return true // one group: what mobileLens answers for one length
	}
	var lens [12]int
	n := 0
	for g := a; g <= b && n < len(lens); g++ {
		step()
		lens[n] = r.groupLen(g)
		n++
	}
	return mobileLens(lens[:n])
}

// mobileLens reports whether groups of these lengths are written the way
// mainland mobiles are (mobileShape).
func mobileLens(lens []int) bool {
	switch len(lens) {
	case 1:
		return true
	case 2:
		return lens[0] == 3 || lens[0] == 7
	case 3:
		return lens[0] == 3 && lens[1] == 4 || lens[0] == 4 && lens[1] == 3
	}
	for _, l := range lens { // (a step a group was counted for lens)
		if l > 2 {
			return false
		}
	}
	return true
}

// fourSeven reports whether the window a..b is two groups of 4 and 7
// digits with one space or hyphen between them and no other separator
// (1550 7350886, 1550-7350886: a mobile grouped as its carrier prefix
// and the rest; invisible characters beside the one are read through). A
// field delimiter ('|', ',', ';') or a token's '.' or '/' sets two values
// apart there (a 4-digit code and a 7-digit number, 1550.7350886), and a
// line break two lines' numbers, also after a space that pads the first
// line (1572\u3000\n5202416: the run records a gap's first separator only).
func (s *scanner) fourSeven(a, b int) bool {
	r := &s.run
	if b != a+1 || r.groupLen(a) != 4 || r.groupLen(b) != 7 || r.sep[b] != ' ' && r.sep[b] != '-' {
		return false
	}
	seps := 0
	for p, to := r.end[r.gs[b]-1], r.start[r.gs[b]]; p < to; {
		u := decodeUnit(s.text, p) // a gap's few units (gapTo bounds them)
		if u.kind != uIgnore {
			seps++
		}
		p += u.size
	}
	return seps == 1
}

// yearGroup reports whether the four digits of g are a year from 1930 to
// 1999, all of them mobile prefixes too (193 … 199): the years an archive,
// a contract or a case is numbered by today (1900 to 1929, prefixes 190 to
// 192, stay a mobile's).
func yearGroup(g []byte) bool { return len(g) == 4 && g[0] == '1' && g[1] == '9' && g[2] >= '3' }

// cardShape reports whether groups a..b are written the way card numbers
// are: all together, in fours (the last group shorter), 4-6-5 or 4-6-4,
// 6-6-4 or longer (the IIN first), or one or two digits at a time.
func (r *digitRun) cardShape(a, b int) bool {
	if a == b {
		return true
	}
	fours, short := true, true
	for g := a; g <= b; g++ {
		step()
		n := r.groupLen(g)
		fours = fours && (n == 4 || g == b && n <= 7)
		short = short && n <= 2
	}
	if fours || short {
		return true
	}
	return b == a+2 && (r.groupLen(a) == 4 || r.groupLen(a) == 6) && r.groupLen(a+1) == 6 && r.groupLen(b) >= 4
}

// inCardGroups reports whether the window a..b, not at the run's start,
// ends a number written the way cards are, in groups of four from the
// run's first group to the window's last with one separator throughout,
// 16 digits or more to its end (6011 0842 2478 8810; a longer account or
// tracking number, 9861 2345 0755 8765 4321): the number is one, a card
// or a card-like account whose check failed, and no phone number hides in
// its last groups.
func (r *digitRun) inCardGroups(a, b int) bool {
	if a == 0 || r.cnCountryGroup(a-1) {
		return false
	}
	if n := int(r.gs[b+1]); n < 16 {
		return false
	}
	for g := 0; g <= b; g++ {
		step()
		if n := r.groupLen(g); n != 4 && !(g == b && n < 4) || g > 0 && r.sep[g] != r.sep[1] {
			return false
		}
	}
	return true
}

// cnCountryGroup reports whether group g of the run is China's calling code
// written as "+86" or "0086"; "++86" too, since a dialer (libphonenumber
// reads a run of plus signs as one) and a reader take it for +86.
func (r *digitRun) cnCountryGroup(g int) bool {
	d := r.d[r.gs[g]:r.gs[g+1]]
	return (string(d) == "86" && g == 0 && (r.plus || r.plusDoubled)) || string(d) == "0086"
}

// landline validates a mainland fixed-line number: 0 + area code (010,
// 02x, 0xxx) + a 7-8 digit local number starting 2-9, or the same after
// +86 without the trunk 0 or with it (+86 (0)10 …, +86 0755 …, as business
// cards write it). A number whose area code is not set apart needs a label.
func (s *scanner) landline(a, b int, d []byte) cand {
	r := &s.run
	c := cand{start: r.start[r.gs[a]], end: r.end[r.gs[b+1]-1], ev: EvStructure}
	intl := a > 0 && r.cnCountryGroup(a-1) && !(a == 1 && r.leftGlue)
	digits := d
	var trunk [maxWindowDigits + 1]byte
	trunkKept := false
	if intl {
		if len(d) > maxWindowDigits {
			return c
		}
		if trunkKept = d[0] == '0'; !trunkKept {
			digits = append(append(trunk[:0], '0'), d...) // the trunk 0 dropped after +86
		}
	}
	if len(digits) < 10 || digits[0] != '0' || r.inCardGroups(a, b) {
		return c
	}
	area := 4
	switch {
	case digits[1] == '1' && digits[2] == '0', digits[1] == '2':
		area = 3
	case digits[1] == '1' || digits[1] == '0':
		return c
	}
	local := digits[area:]
	if len(local) < 7 || len(local) > 8 || local[0] < '2' || (area == 3 && len(local) != 8) {
		return c
	}
	c.ok, c.cat, c.norm = true, CNLandline, d
	if intl {
		c.lead = '0'
		if trunkKept {
			c.norm = d[1:] // one value however the trunk 0 is written
		}
	}
	// the area code set apart after +86: 10 and 755 without the trunk 0,
	// 0755 or (0) 755 with it, or the trunk 0 alone before the rest run on
	// (+86 (0)1088886666: the whole number, as +86 01088886666 is)
	areaApart := r.groupLen(a) == area-1
	if trunkKept {
		areaApart = r.groupLen(a) == area || r.groupLen(a) == 1 && (b == a+1 || a < b && r.groupLen(a+1) == area-1)
	}
	if e := b + 1; e == r.ng-1 && !r.cut && !r.rightGlue && r.sep[e] == '-' && r.groupLen(e) <= 4 {
		// an extension ends the run: 021-22033212-123 is one number, and
		// the mask covers it all
		c.end = r.end[r.gs[e+1]-1]
	}
	switch {
	case intl && (a == b || areaApart):
		c.start = r.start[r.gs[a-1]]
		if a-1 == 0 && (r.plus || r.plusDoubled) {
			c.start = s.plusBefore(c.start)
		}
		c.conf = 0.85
	case r.groupLen(a) == area:
		c.start = s.openParen(a, c.start)
		c.conf = 0.85
	case a == b:
		c.conf, c.weak = 0.65, true
	default:
		return cand{}
	}
	return c
}

// plusBefore returns the offset of the '+' that precedes a run starting at
// start (possibly behind invisible characters).
func (s *scanner) plusBefore(start int) int {
	if u, at, ok := unitBeforeSkipping(s.text, start); ok && u.val == '+' {
		if s.run.ng > 1 && s.run.sep[1] == ')' {
			if v, at2, ok := unitBeforeSkipping(s.text, at); ok && v.val == '(' {
				return at2 // (+86) 150 9911 9326
			}
		}
		for s.run.plusDoubled {
			v, at2, ok := unitBeforeSkipping(s.text, at)
			if !ok || v.kind != uOther || v.val != '+' {
				break
			}
			at = at2 // ++86 755 …: every sign is the number's
		}
		return at
	}
	return start
}

// openParen widens a span that starts a run to the '(' before it when the
// first group is closed by ')': (0755) 1234 5678, (415) 555-2671.
func (s *scanner) openParen(a, start int) int {
	r := &s.run
	if a != 0 || r.ng < 2 || r.sep[1] != ')' {
		return start
	}
	if u, at, ok := unitBeforeSkipping(s.text, start); ok && u.val == '(' {
		return at
	}
	return start
}

// dotted reports whether groups a..b are joined by dots more than twice
// without being one digit at a time: IP addresses and version numbers.
// It is asked of every window of a run, so it walks none: the dots come
// from the run's counts (dotsTo), and the groups are one digit each
// exactly when they hold as many digits as there are groups.
func (r *digitRun) dotted(a, b int) bool {
	step()
	dots := int(r.dotsTo[b]) - int(r.dotsTo[a])
	short := int(r.gs[b+1])-int(r.gs[a]) == b-a+1
	return dots >= 2 && !short
}

// e164 validates an international number written with '+' or "00": a known
// calling code and a national number of plausible length; toll-free
// business numbers are not personal.
func (s *scanner) e164(c cand, d []byte) cand {
	r := &s.run
	if len(d) > 2 && d[0] == '0' && d[1] == '0' {
		d = d[2:]
	}
	cc := countryCode(d)
	if cc == 0 || (cc == 2 && d[0] == '8' && d[1] == '6') {
		return cand{}
	}
	nat := d[cc:]
	if allSame(nat) {
		return cand{} // +44 0000000000: a placeholder, not a subscriber
	}
	switch {
	case len(d) < 8 || len(d) > 15 || !nationalLengthOK(d[:cc], nat):
		return cand{} // Hong Kong and Macau numbers have eight digits, Egypt's 8 to 10
	case cc == 1 && d[0] == '1':
		// North America's area code and exchange start 2-9 (Russia's
		// and Kazakhstan's +7, the other one-digit code, have no such rule)
		if nat[0] < '2' || nat[3] < '2' || nanpTollFree(nat) {
			return cand{}
		}
	case cc == 1 && (len(nat) == 10 && string(nat[:3]) == "800" || len(nat) == 11 && string(nat[:4]) == "8800"):
		return cand{} // Russia's toll-free 8 800: a business line
	case cc == 2 && d[0] == '4' && d[1] == '4' && nat[0] == '8' && nat[1] == '0' && (nat[2] == '0' || nat[2] == '8'):
		return cand{}
	}
	if r.plus {
		c.start = s.plusBefore(c.start)
		if plusCount(s.text, c.start, c.end) && !s.phoneLabelBefore(c.start) {
			return cand{} // 粉丝数 +2345678901 人: a count that grew (电话：+4930123456 人在德国 is a phone)
		}
	}
	c.ok, c.cat, c.conf, c.norm, c.lead = true, Phone, 0.85, d, '+'

	return c
}

// nanp reports whether groups a..b are a North American number written
// nationally: (415) 555-2671, 415-555-2671, 1 415 555 2671.
func (s *scanner) nanp(a, b int, d []byte) bool {
	r := &s.run
	if g := r.groupLen(a); g != 3 && g != 1 {
		return false // the area code, or a leading 1 before it, comes first
	}
	lens := make([]int, 0, 4)
	for g := a; g <= b && len(lens) < 4; g++ {
		step()
		lens = append(lens, r.groupLen(g))
	}
	if len(d) == 11 && d[0] == '1' && len(lens) == 4 && lens[0] == 1 {
		d, lens = d[1:], lens[1:]
	}
	if len(d) != 10 || len(lens) != 3 || lens[0] != 3 || lens[1] != 3 || lens[2] != 4 {
		return false
	}
	// 400 is a mainland business prefix (400-810-8888), never a person
	return d[0] >= '2' && d[3] >= '2' && !nanpTollFree(d) && string(d[:3]) != "400"
}

// nanpTollFree reports the toll-free area codes 800, 833, 844, …, 888.
func nanpTollFree(nat []byte) bool {
	return nat[0] == '8' && nat[1] == nat[2] && nat[1] != '1' && nat[1] != '2' && nat[1] != '9'
}

// minWindowDigits is the fewest digits of a window of groups that classify
// can accept (a permit's eight).
const minWindowDigits = 8

// minIdentifierDigits is the fewest digits any identifier has (a passport's
// seven after its letters).
const minIdentifierDigits = 7

// shortNumber is the fast path for the plain numbers of ordinary text
// (2024, 12.5, 三): fewer digits than any identifier has, not hidden
// with invisible characters, and followed by nothing that could continue a
// run or mark an address. It returns the end of the number and true when no
// detector needs to see it, with how many digits it has and whether a
// separator stands between them (gapped: without one, its units are all
// digits, and it is no dashed room number). It reads nothing but the text.
func (s *scanner) shortNumber(i int) (end int, ok bool, digits int, gapped bool) {
	text := s.text
	if s.letterPrefixPossible(i) {
		return 0, false, 0, false // an IBAN or a passport: GB82 WEST…, E1234567
	}
	j := i
	for j < len(text) {
		step()
		// plain ASCII digits and single separators between them need no decoding
		if c := text[j]; c >= '0' && c <= '9' {
			if digits++; digits >= minIdentifierDigits {
				return 0, false, digits, gapped
			}
			j++
			continue
		} else if c == '_' && j > i && isASCIIDigit(text[j-1]) && digitAt(text, j+1) {
			j, gapped = j+1, true // a numeric separator (collect)
			continue
		} else if c < utf8.RuneSelf && c != '&' && c != '@' && c != 'X' && c != 'x' {
			if k := asciiClass[c].kind; k == uIgnore {
				return 0, false, digits, gapped // NUL: the digits after it may go on
			} else if k != uSep {
				return j, true, digits, gapped
			}
			if j+1 < len(text) && isASCIIDigit(text[j+1]) {
				// one separator, then a digit: what gapToDigit answers
				// for a gap of one unit (2025-02-23, 198.51.100.214)
				j, gapped = j+1, true
				continue
			}
			if j+1 < len(text) && text[j+1] < utf8.RuneSelf && !isASCIIDigit(text[j+1]) &&
				text[j+1] != '&' && asciiClass[text[j+1]].kind != uSep {
				return j, true, digits, gapped // "12, " "35 new"
			}
		}
		u := decodeUnit(text, j)
		switch u.kind {
		case uDigit:
			if digits++; digits >= minIdentifierDigits {
				return 0, false, digits, gapped
			}
			j += u.size
			continue
		case uSep:
			if next, _, ok := gapToDigit(text, j); ok {
				j, gapped = next, true
				continue
			}
			if m := markerAfterNumber(text, j); m > j && m < len(text) {
				if r, _ := decodeRune(text[m:]); addressMarkerStart(r) {
					return 0, false, digits, gapped // 917 号: a house number, spaced from its marker
				}
			}
			return j, true, digits, gapped
		case uLetter:
			if u.val == 'X' || u.val == 'x' {
				return 0, false, digits, gapped
			}
		case uOther:
			if text[j] >= utf8.RuneSelf {
				// (every marker is a three-byte character: cjkRune reads
				// it as decodeRune would, without a call)
				if r, ok := cjkRune(text[j:]); ok && addressMarkerStart(r) {
					return 0, false, digits, gapped
				}
			}
		default: // an '@' or an invisible character
			return 0, false, digits, gapped
		}
		return j, true, digits, gapped
	}
	return j, true, digits, gapped
}

// addressMarkerStart reports the first characters of the address markers
// that follow a number (号, 栋, 室 …).
func addressMarkerStart(r rune) bool {
	switch r {
	case '号', '栋', '幢', '座', '单', '层', '楼', '室', '户', '弄', '组':
		return true
	}
	return false
}

// letterPrefixPossible reports whether the number at text[i] may be the
// digits of a letter-prefixed identifier: one or two letters right before
// it that start a token. Hex tokens (3ef3…, a1b2c3) are not.
func (s *scanner) letterPrefixPossible(i int) bool {
	text := s.text
	if i == 0 {
		return false
	}
	if text[i-1] >= utf8.RuneSelf || text[i-1] == ';' {
		// a letter spelled otherwise: full-width, or a character
		// reference (&#84;878370(A))
		if u, ok := cjkUnitBefore(text, i); ok {
			return u.kind == uLetter // a Han character, most often
		}
		u, _, ok := unitBeforeSkipping(text, i)
		return ok && u.kind == uLetter
	}
	if !isASCIILetter(text[i-1]) {
		return false
	}
	j := i - 1
	for j > 0 && i-j <= 3 && isASCIILetter(text[j-1]) {
		step()
		j--
	}
	if i-j > 2 {
		return false
	}
	return j == 0 || text[j-1] >= utf8.RuneSelf || !isWordUnit(asciiClass[text[j-1]])
}

// cjkUnitBefore returns the unit of the three-byte character that ends
// right before text[i] when it is no invisible one: what unitBefore reads
// first there, and so what unitBeforeSkipping returns, without its calls.
func cjkUnitBefore(text []byte, i int) (unit, bool) {
	if i < 3 || text[i-1] < utf8.RuneSelf {
		return unit{}, false
	}
	r, ok := cjkRune(text[i-3 : i])
	if !ok {
		return unit{}, false
	}
	u := bmpUnitOf(r, 3)
	return u, u.kind != uIgnore
}

// allSame reports whether every digit of d is the same.
func allSame(d []byte) bool {
	for _, c := range d {
		step()
		if c != d[0] {
			return false
		}
	}
	return true
}

// oneLetterBefore reports whether exactly one letter, standing at the start
// of a token, comes right before the number at text[i].
func (s *scanner) oneLetterBefore(i int) bool {
	u, at, ok := unitBeforeSkipping(s.text, i)
	if !ok || u.kind != uLetter {
		return false
	}
	v, _, ok := unitBeforeSkipping(s.text, at)
	// a letter after '_' ends a longer token ([EMAIL_f1593…], a hash mask)
	return !ok || !isWordUnit(v) && !isMaskUnit(v) && v.val != '-' && v.val != '.' && v.val != '_'
}

// timeAfter reports whether the ISO 8601 time designator 'T' or 't' stands
// at text[i] before a digit: the run before it may end with a date.
func timeAfter(text []byte, i int) bool {
	return i+1 < len(text) && text[i]|0x20 == 't' && isASCIIDigit(text[i+1])
}

// dateBefore reports whether the run's last groups have a date's shape
// (year-month-day, 4-2-2 joined by one of '-', '/', '.') and returns the
// byte offset of its year: the groups before it are no part of the date
// (18668066128-2025-02-24T09:06, 18668066128-1T1 has no date).
func (r *digitRun) dateBefore() (from int, ok bool) {
	g := r.ng - 3
	if g < 0 || r.groupLen(g) != 4 || r.groupLen(g+1) != 2 || r.groupLen(g+2) != 2 ||
		!tokenSep(r.sep[g+1]) || r.sep[g+2] != r.sep[g+1] {
		return 0, false
	}
	return r.start[r.gs[g]], true
}

// maskedBeforePlus reports whether the '+' before the digits at text[i]
// follows a finding whose label, hash or full mask will stand right
// before it, or stars that follow a finding (+20000001*+17000000000)
// under full masks: the finding's stars and those make one run of a
// mask's stars on a second reading, and a '+' after a mask is no calling
// code (collect).
func (s *scanner) maskedBeforePlus(i int) bool {
	_, at, ok := unitBeforeSkipping(s.text, i) // the '+'
	if !ok {
		return false
	}
	if _, strong := s.hitFloors(at); at > 0 && strong == at && s.e.mask != MaskPartial {
		// a finding ends at the '+': its mask, ending in ']' or '*',
		// stands there on a second reading ([EMAIL_…]+1700…), so the '+'
		// is none here either (a partial mask ends in what it keeps)
		return true
	}
	if s.e.mask != MaskFull {
		return false // a partial mask ends in kept digits, a label in ']'
	}
	j := at
	for j > 0 && at-j < maxKeptDigits && s.text[j-1] == '*' {
		step()
		j--
	}
	if j == at {
		return false
	}
	_, strong := s.hitFloors(j)
	return strong == j
}
