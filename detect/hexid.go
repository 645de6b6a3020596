package detect

// Hex identifiers written as segments joined by '-': a segment of one may
// happen to hold only decimal digits (4a4cd359-0369-4187-8000-…, a trace's
// parent ID 1234567890123456) and is no number. Any other group of digits
// set apart by '-', '.' or '/' from the word or token before it is read as
// the number a reader (a person, a client splitting on '-') sees there.

// hexIDShapes are the segment lengths of the hex identifiers kept whole.
var hexIDShapes = [...][]uint8{
	{8, 4, 4, 4, 12}, // UUID (RFC 9562)
	{2, 32, 16, 2},   // W3C traceparent: version-trace-id-parent-id-flags
	{1, 8, 24},       // AWS X-Ray trace ID: 1-<epoch seconds>-<random>
	// B3 single header: trace-span[-sampled[-parent]]
	{32, 16}, {16, 16}, {32, 16, 1}, {16, 16, 1}, {32, 16, 1, 16}, {16, 16, 1, 16},
}

// maxHexID is the length in bytes of the longest shape (B3 with a 32-digit
// trace ID and a parent span): a shape holding text[p] lies within this
// many bytes of it on either side.
const maxHexID = 32 + 1 + 16 + 1 + 1 + 1 + 16

// inHexID reports whether text[p] lies inside a hex identifier of one of
// the hexIDShapes: hex segments joined by '-', the first and the last set
// apart from any word around them (a UUID may be glued to a word by '_' or
// a letter: file_<uuid>.json, <uuid>_v2). It returns the byte range
// [from, to) the shapes holding text[p] cover: the groups of digits past
// it are no segment of the identifier (<uuid>-18668066128). It reads at
// most maxHexID bytes on either side of p.
func inHexID(text []byte, p int) (from, to int, ok bool) {
	return hexIDSpan(text, p, hexIDShapes[:])
}

// inUUID is inHexID for the UUID shape alone: the shape a run of decimal
// digits set apart from any word is kept whole in
// (40414359-0369-4187-8000-012345678901), where a trace ID's 16-digit
// segments written in decimal are as likely two card numbers.
func inUUID(text []byte, p int) (from, to int, ok bool) {
	return hexIDSpan(text, p, hexIDShapes[:1])
}

// hexIDSpan is inHexID for the given shapes, a UUID's first.
func hexIDSpan(text []byte, p int, shapes [][]uint8) (from, to int, ok bool) {
	lo := p
	for lo > 0 && p-lo < maxHexID && (isHexByte(text[lo-1]) || text[lo-1] == '-') {
		step()
		lo--
	}
	hi := p
	for hi < len(text) && hi-p < maxHexID && (isHexByte(text[hi]) || text[hi] == '-') {
		step()
		hi++
	}
	// the segments of text[lo:hi]: segment k is text[seg[k]:seg[k+1]-1]
	var seg [2*maxHexID + 3]int
	n, at := 0, -1 // at: the segment holding p
	seg[0] = lo
	for j := lo; j < hi; j++ {
		if text[j] == '-' {
			n++
			seg[n] = j + 1
		}
		if j == p {
			at = n
		}
	}
	n++
	seg[n] = hi + 1
	if at < 0 {
		return 0, 0, false
	}
	segLen := func(k int, uuid bool) int {
		// an edge segment glued to a word (or cut by the bound) has no
		// length of its own: it matches no shape; a UUID's may be glued
		// by '_' or a letter that is no hex digit (cut by the bound, the
		// byte past the edge is a hex digit)
		if k == 0 && lo > 0 && isWordByte(text[lo-1]) && !(uuid && gluesUUID(text[lo-1])) ||
			k == n-1 && hi < len(text) && isWordByte(text[hi]) && !(uuid && gluesUUID(text[hi])) {
			return -1
		}
		return seg[k+1] - 1 - seg[k]
	}
	from, to = hi, lo
	for i, sh := range shapes {
		for k := max(0, at-len(sh)+1); k <= at && k+len(sh) <= n; k++ {
			step()
			match := true
			for m, l := range sh {
				if segLen(k+m, i == 0) != int(l) {
					match = false
					break
				}
			}
			if match {
				from, to, ok = min(from, seg[k]), max(to, seg[k+len(sh)]-1), true
			}
		}
	}
	return from, to, ok
}

// gluesUUID reports a word byte that glues a UUID to its word without
// being a digit of it: '_' or a letter past 'f' (upload_<uuid>, <uuid>x).
func gluesUUID(b byte) bool { return b == '_' || isASCIIAlnum(b) && !isHexByte(b) }

// isWordByte reports an ASCII letter, digit or '_': what glues a segment
// to a longer word (a Han character does not: 编号4a4cd359-… is a UUID).
func isWordByte(b byte) bool { return isASCIIAlnum(b) || b == '_' }

// pastDecimalUUID returns the first group of the current run, set apart
// from any word before it, past a UUID it starts with: one whose first
// segments hold decimal digits alone, most often all of them
// (40414359-0369-4187-8000-012345678901). Its groups are the identifier's,
// as they are in one that starts with a letter, not a landline read across
// its middle segments. A UUID that starts a later group (13812345678
// <uuid>, 13812345678-<uuid>) is a new run: cut is where it starts, 0 when
// there is none.
func (s *scanner) pastDecimalUUID() (first, cut int) {
	r := &s.run
	for k := 0; k+5 <= r.ng; k++ {
		step()
		if r.groupLen(k) != 8 || r.sep[k+1] != '-' {
			continue
		}
		from, to, ok := inUUID(s.text, r.start[r.gs[k]])
		if !ok || from != r.start[r.gs[k]] {
			continue
		}
		if k > 0 {
			return 0, from
		}
		s.uuidTrunkMobile(from, to)
		first = 1
		for first < r.ng && tokenSep(r.sep[first]) && r.start[r.gs[first]] < to {
			step()
			first++
		}
		return first, 0
	}
	return 0, 0
}

// uuidTrunkMobile emits the last segment of a UUID at text[from:to]
// when its 12 digits are all decimal and read as a mainland mobile with
// the trunk 0 dialled before it (…-8000-013812345678): a reader asked for
// the phone number picks it out. Only a mobile's label before the UUID
// confirms it (手机 <uuid>): a random UUID's last segment reads so about
// once in 40,000, and is kept whole.
func (s *scanner) uuidTrunkMobile(from, to int) {
	if to < 13 || s.text[to-13] != '-' {
		return
	}
	c := mobileTrunkAt(s.text, to-12, s.readerScratch())
	if !c.ok || c.end != to {
		return
	}
	// the label stands before the identifier, not right before the
	// segment where emit looks for it; the digit runs of the identifier
	// before the segment raised the label floor past its start (a floor
	// set before it still holds)
	lo := max(0, from-s.e.ctxWindow)
	if s.labelFloor <= from {
		lo = max(lo, s.labelFloor)
	}
	found := labels.labelsIn(s.text, lo, from)
	if !(found | s.hint).Has(CNMobile) {
		return
	}
	if found.Has(CNMobile) {
		c.ev |= EvLabel // (emit adds a key's evidence)
		c.conf += 0.05
	}
	s.emit(c)
}

// uuidValue reports whether the value after a label (or a key) at text[i]
// is a UUID (电话：40026973-acaa-…): its first segment, all decimal in a
// random UUID about once in 40, is no local number or QQ number, and its
// last one is read as the digit runs read it (uuidTrunkMobile).
func (s *scanner) uuidValue(i int) bool {
	if i+36 > len(s.text) || s.text[i+8] != '-' {
		return false // (a UUID is 36 bytes, its first segment 8)
	}
	_, _, ok := inUUID(s.text, i)
	return ok
}
