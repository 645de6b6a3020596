package detect

// Detectors for identifiers written with digits: resident IDs, mobiles,
// landlines, cards, SSNs and international phones. Each digit run is split
// only at its separators, never inside contiguous digits, and every window
// of whole groups that could be an identifier is validated.

// cand is a validated candidate before it becomes a hit.
type cand struct {
	ok         bool
	cat        Category
	conf       float64
	ev         Evidence
	weak       bool // needs label, key or proximity evidence
	labelOnly  bool // only a label or key confirms it, not proximity
	start, end int
	norm       []byte
}

// better reports whether c should be preferred over o.
func (c cand) better(o cand) bool {
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
	r := &s.run
	r.collect(s.text, i)
	if r.n == 0 {
		return max(r.stop, i+1)
	}
	first, last := 0, r.ng-1
	stop := r.stop
	if r.leftGlue {
		first = 1
		if end := s.letterPrefixed(i); end > 0 {
			for first < r.ng && r.start[r.gs[first]] < end {
				first++
			}
			stop = max(stop, end)
		}
	}
	if r.rightGlue {
		last = r.ng - 2
	}
	for a := first; a <= last; {
		var best cand
		bestB, n := -1, 0
		for b := a; b <= last; b++ {
			if n += r.groupLen(b); n > 19 {
				break
			}
			if c := s.classify(a, b); c.better(best) {
				best, bestB = c, b
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
	if s.e.enabled.Has(CNAddress) && !r.rightGlue {
		if end := s.addressAt(r.end[r.n-1]); end > stop {
			stop = end
		}
	}
	return stop
}

// emit turns a candidate into a hit, adding label or key evidence. It
// reports whether the hit was kept.
func (s *scanner) emit(c cand) bool {
	if !s.e.enabled.Has(c.cat) {
		return false
	}
	labels := s.labelsBefore(c.start)
	if labels.Has(c.cat) {
		if s.hint.Has(c.cat) && labels&^s.hint == 0 {
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
	s.add(hit{Finding: Finding{Category: c.cat, Start: c.start, End: c.end, Confidence: c.conf, Evidence: c.ev}, weak: c.weak}, c.norm)
	return true
}

// classify validates the window of groups a..b of the current run.
func (s *scanner) classify(a, b int) cand {
	r := &s.run
	d := r.d[r.gs[a]:r.gs[b+1]]
	c := cand{start: r.start[r.gs[a]], end: r.end[r.gs[b+1]-1], norm: d, ev: EvStructure}
	if r.obf || (b > a && r.groupLen(a) == 1) {
		c.ev |= EvObfuscated
	}
	set := func(cat Category, conf float64, ev Evidence) cand {
		c.ok, c.cat, c.conf, c.ev = true, cat, conf, c.ev|ev
		return c
	}
	weak := func(cat Category, conf float64, labelOnly bool) cand {
		c = set(cat, conf, 0)
		c.weak, c.labelOnly = true, labelOnly
		return c
	}
	L := len(d)
	if d[L-1] == 'X' {
		if L == 18 && cnID18OK(d) {
			return set(CNID, 0.99, EvChecksum)
		}
		return c
	}
	switch L {
	case 18:
		if cnID18OK(d) {
			return set(CNID, 0.99, EvChecksum)
		}
	case 15:
		if cnID15OK(d) {
			return weak(CNID, 0.7, true)
		}
	}
	if L >= 13 {
		if brand := cardBrand(d); brand != "" {
			if luhnOK(d) {
				return set(BankCard, 0.95, EvChecksum)
			}
			if brand == "unionpay" {
				return weak(BankCard, 0.6, true)
			}
		}
	}
	switch {
	case L == 11 && cnMobilePrefixOK(d):
		return set(CNMobile, 0.9, 0)
	case L == 13 && d[0] == '8' && d[1] == '6' && cnMobilePrefixOK(d[2:]):
		c.norm = d[2:]
		return set(CNMobile, 0.9, 0)
	case L == 15 && string(d[:4]) == "0086" && cnMobilePrefixOK(d[4:]):
		c.norm = d[4:]
		return set(CNMobile, 0.9, 0)
	}
	if l := s.landline(a, b, d); l.ok {
		return l
	}
	if a == 0 && (r.plus || (L > 4 && d[0] == '0' && d[1] == '0')) {
		if p := s.e164(c, d); p.ok {
			return p
		}
	}
	if L == 9 && usSSNOK(d) {
		if b == a+2 && r.groupLen(a) == 3 && r.groupLen(a+1) == 2 && (r.sep[a+1] == '-' || r.sep[a+1] == ' ') {
			return set(USSSN, 0.85, 0)
		}
		if b == a {
			return weak(USSSN, 0.7, true)
		}
	}
	if s.nanp(a, b, d) {
		return weak(Phone, 0.7, true)
	}
	if b == a && (L == 8 || L == 10) {
		return weak(CNPermit, 0.6, true)
	}
	return c
}

// cnCountryGroup reports whether group g of the run is China's calling code
// written as "+86" or "0086".
func (r *digitRun) cnCountryGroup(g int) bool {
	d := r.d[r.gs[g]:r.gs[g+1]]
	return (string(d) == "86" && g == 0 && r.plus) || string(d) == "0086"
}

// landline validates a mainland fixed-line number: 0 + area code (010,
// 02x, 0xxx) + a 7-8 digit local number starting 2-9, or the same after
// +86 without the trunk 0. A number whose area code is not set apart needs a
// label.
func (s *scanner) landline(a, b int, d []byte) cand {
	r := &s.run
	c := cand{start: r.start[r.gs[a]], end: r.end[r.gs[b+1]-1], ev: EvStructure}
	intl := a > 0 && r.cnCountryGroup(a-1)
	digits := d
	if intl {
		if d[0] == '0' {
			return c
		}
		digits = append([]byte{'0'}, d...)
	}
	if len(digits) < 10 || digits[0] != '0' {
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
	c.ok, c.cat, c.norm = true, CNLandline, digits
	if intl || r.groupLen(a) == area {
		c.conf = 0.85
		return c
	}
	c.conf, c.weak = 0.65, true
	return c
}

// e164 validates an international number written with '+' or "00": a known
// calling code and a national number of plausible length; toll-free
// business numbers are not personal.
func (s *scanner) e164(c cand, d []byte) cand {
	r := &s.run
	if !r.plus {
		d = d[2:]
	}
	cc := countryCode(d)
	if cc == 0 || (cc == 2 && d[0] == '8' && d[1] == '6') {
		return cand{}
	}
	nat := d[cc:]
	switch {
	case len(d) < 8 || len(d) > 15 || len(nat) < 6:
		return cand{}
	case cc == 1:
		if len(nat) != 10 || nat[0] < '2' || nat[3] < '2' || nanpTollFree(nat) {
			return cand{}
		}
	case cc == 2 && d[0] == '4' && d[1] == '4' && nat[0] == '8' && nat[1] == '0' && (nat[2] == '0' || nat[2] == '8'):
		return cand{}
	}
	if r.plus {
		c.start = r.start[0] - 1
		for c.start > 0 && s.text[c.start] != '+' {
			c.start--
		}
	}
	c.ok, c.cat, c.conf, c.norm = true, Phone, 0.85, d
	return c
}

// nanp reports whether groups a..b are a North American number written
// nationally: (415) 555-2671, 415-555-2671, 1 415 555 2671.
func (s *scanner) nanp(a, b int, d []byte) bool {
	r := &s.run
	lens := make([]int, 0, 4)
	for g := a; g <= b && len(lens) < 4; g++ {
		lens = append(lens, r.groupLen(g))
	}
	if len(d) == 11 && d[0] == '1' && len(lens) == 4 && lens[0] == 1 {
		d, lens = d[1:], lens[1:]
	}
	if len(d) != 10 || len(lens) != 3 || lens[0] != 3 || lens[1] != 3 || lens[2] != 4 {
		return false
	}
	return d[0] >= '2' && d[3] >= '2' && !nanpTollFree(d)
}

// nanpTollFree reports the toll-free area codes 800, 833, 844, …, 888.
func nanpTollFree(nat []byte) bool {
	return nat[0] == '8' && nat[1] == nat[2] && nat[1] != '1' && nat[1] != '2' && nat[1] != '9'
}
