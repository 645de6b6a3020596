package detect

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"slices"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// hit is a finding under construction, with where its normalised value
// sits in the scanner's arena (never exported). It holds no pointer, so a
// scan's hits cost the garbage collector nothing, and it is packed into
// 24 bytes, since a dense body has a hit every few bytes: its confidence
// is an index in the scanner's table of the few values confidences take
// (confIndex), its evidence a byte, its yes-or-no facts bits of another.
type hit struct {
	Start, End int
	normOff    int32    // where its value's record starts in the arena (add), which also orders hits as found
	cat        catIndex // the category, as its place in AllCategories
	ev         uint8    // its Evidence: every kind fits in a byte (TestEvidenceFitsHit)
	conf       uint8    // its confidence, s.confs[conf]
	flags      hitFlags
}

// hitFlags are the yes-or-no facts of a hit.
type hitFlags uint8

// The facts a hit's flags record.
const (
	hitWeak        hitFlags = 1 << iota // still needs label, key or proximity evidence
	hitProtected                        // its value is in the engine's protected set
	hitProtChecked                      // already offered to the protected set
	hitXApart                           // a resident ID whose check X, set apart, is outside its span: its mask leaves the X out
)

func (h *hit) weak() bool         { return h.flags&hitWeak != 0 }
func (h *hit) protected() bool    { return h.flags&hitProtected != 0 }
func (h *hit) evidence() Evidence { return Evidence(h.ev) }

// flagIf returns f when on holds, else no flag.
func flagIf(on bool, f hitFlags) hitFlags {
	if on {
		return f
	}
	return 0
}

// maxConfs bounds a scanner's table of confidences. Confidences are
// constants of the detectors, raised by a constant step for a label and
// to a constant floor on confirmation, so a few dozen values occur.
const maxConfs = 256

// confIndex returns the index of confidence c in the scanner's table,
// adding it when new. The table outlives a scan: its values depend on
// the code alone. Were it ever full, c would be read as the nearest
// value of the table below it (nearestConf).
func (s *scanner) confIndex(c float64) uint8 {
	for i, v := range s.confs {
		step()
		if v == c {
			return uint8(i)
		}
	}
	if len(s.confs) < maxConfs {
		s.confs = append(s.confs, c)
		return uint8(len(s.confs) - 1)
	}
	return nearestConf(s.confs, c)
}

// nearestConf returns the index of the greatest of confs not above c, or
// of the least of them when all are above it.
func nearestConf(confs []float64, c float64) uint8 {
	below, least := -1, 0
	for i, v := range confs {
		step()
		if v <= c && (below < 0 || v > confs[below]) {
			below = i
		}
		if v < confs[least] {
			least = i
		}
	}
	if below < 0 {
		return uint8(least)
	}
	return uint8(below)
}

// confidence returns h's confidence.
func (s *scanner) confidence(h *hit) float64 { return s.confs[h.conf] }

// scanner holds the state of one scan.
type scanner struct {
	e     *Engine
	text  []byte
	hint  CategorySet
	hits  []hit
	arena []byte
	run   digitRun
	// labelFloor is where the last number ended: a label before it
	// belongs to that number, not to the next one.
	labelFloor int
	// mobileEnd is where the last mobile found ends (0: none): a listed
	// mobile after a joiner is looked for only right after one
	// (listedMobileAt).
	mobileEnd int
	// emailEnd is where the address the last call of email recorded ends
	// (0: none): the pass goes on after it, not inside its domain
	emailEnd int
	// labelsLo and labelsHi are the span labelsBefore searched last, and
	// labelsFound what it found there: a candidate tested by its detector
	// and then by emit is searched once
	labelsLo, labelsHi int
	labelsFound        CategorySet
	// lastAddrPart is where the pass last saw an administrative or street
	// character (省, 市, 区, 路 …), or -1: addresses are looked for only
	// after one.
	lastAddrPart int
	// numStartEnd and numStartAt are the last question numberStart
	// answered and its answer: the reading of one number around an
	// address asks it up to three times (countBefore twice,
	// dayAfterDistrict). Both 0 in a new scanner: numberStart(0) is 0.
	numStartEnd, numStartAt int
	// sweepHits and sweepArena are how many hits and arena bytes there
	// were when the current sweep over the text (the main pass,
	// spelledEmails', namesNearFindings') started: add extrapolates the
	// growth of each from the rate of its own sweep, which starts again
	// from the beginning of the text
	sweepHits, sweepArena int
	confs                 []float64 // the confidences hits hold, by index (confIndex)
	mac                   hash.Hash // keyed HMAC of macE's key, reused across findings
	macE                  *Engine
	macBuf                []byte
	lastHitEnd            int // end of the last hit added: an address never reaches back into it
	// fieldLabel and fieldValue are where the label labelled read last
	// starts and where its value does: emphasis opened before the label
	// may close after the value (**姓名：王二三明**, emphasisClosed)
	fieldLabel, fieldValue int
	// glueLabelRunEnd is where the run that closes a label's emphasis
	// right after it ends, and glueColonEnd where a colon in emphasis of
	// its own ends (**姓名** 若曦, 姓名**：**若曦), in the glue
	// skipLabelGlue read last; -1 when it read none
	glueLabelRunEnd, glueColonEnd int
	strongEnd                     int        // end of the furthest hit that needs no more evidence: no digit window starts inside it
	resumeAt                      int        // where the next piece of a cut digit run starts (-1: none)
	resumeGlue                    bool       // whether that next piece is glued on its left (a glued token reaching it)
	sortedHits                    int        // after the main pass: how many hits, from the first, are sorted by start
	spelledOff                    int        // where spelledEmails goes on looking for "dot "
	maxEnds                       []int      // scratch for namesNearFindings: the furthest end of the hits before every sixteenth
	scratch                       []byte     // a normalised value being built; emit copies it to the arena
	chunks                        *Arena     // finish: where the findings go (FindIn); nil: memory of their own
	tailBuf                       []hit      // mergeNames: the names added after the sorted hits
	tableCols                     []int      // tableNames: the name columns of the current table's header
	nameHeader                    bool       // a name label before a column's name was read (headerCellWord): confirmed reads the tables with no hit
	sampled                       []int      // finish: which findings get a fingerprint
	pads                          []hitPad   // confirmed: the spans kept hits cover beyond their own
	addrKept                      []addrKeep // emitAddress: what the mask keeps of each address, in the order found (keptOf)
	addrNext                      int        // keptOf: the first of addrKept not yet passed
	addr                          addrRecord // addressEnd: what its last walk noted, for emitAddress (addressRecord)
	// unitsOnly turns localLetters and domainLetters off, so that an
	// address is read unit by unit: set only by the tests that hold the
	// fast paths to that reading (TestLocalLettersSameAsUnits,
	// TestDomainLettersSameAsUnits); newScanner clears it
	unitsOnly bool
	// the protected set as the scan started (nil when empty), its HMAC
	// state and scratch space
	prot    *protectedSnapshot
	pmac    hash.Hash
	pmacSet *ProtectedSet
	pbuf    []byte
	// scanUntil: stop ends the pass when it reports true, called when the
	// pass reaches nextStop; stopped says it did
	stop     func() bool
	nextStop int
	stopped  bool
}

var scannerPool = sync.Pool{New: func() any { return new(scanner) }}

// allFingerprints asks scan for a fingerprint on every finding.
const allFingerprints = -1

// scan runs every detector over text and returns the confirmed findings;
// the first samples of them with distinct values carry a fingerprint, or
// all of them when samples is allFingerprints.
func (e *Engine) scan(text []byte, hint CategorySet, samples int) []Finding {
	return e.scanUntil(text, hint, samples, nil)
}

// stopEvery is how many bytes of text the main pass reads between two
// calls of a scan's stop function.
const stopEvery = 64 << 10

// scanUntil is scan with a stop function (nil: none), called every
// stopEvery bytes of the main pass: when it reports true the scan ends
// and returns nil.
func (e *Engine) scanUntil(text []byte, hint CategorySet, samples int, stop func() bool) []Finding {
	s := e.newScanner(text, hint)
	s.stop, s.nextStop, s.stopped = stop, stopEvery, false
	s.pass()
	var out []Finding
	if !s.stopped {
		out = s.finish(samples)
	}
	s.stop = nil
	s.release()
	return out
}

// categories runs every detector over text and returns the categories of
// the confirmed findings, and whether one is a protected identifier.
func (e *Engine) categories(text []byte, hint CategorySet) (CategorySet, bool) {
	s := e.newScanner(text, hint)
	s.pass()
	set, protected := s.categories()
	s.release()
	return set, protected
}

// maxPooledBytes bounds the scratch memory a pooled scanner keeps in each
// of its groups of byte and offset buffers, and maxPooledHitBytes in its
// hits (so at most 5 MiB per scanner): the buffers grown by one huge body
// are dropped, not held for the next one.
const maxPooledBytes = 1 << 20

// maxPooledHitBytes bounds the hits a pooled scanner keeps (hits and
// tailBuf). A hit takes 24 bytes and a dense 1 MiB body of customer
// records makes about 44,000 of them, 7,500 of those names found next to
// the other fields (1.4 MB with both buffers): under a bound of 1 MiB they
// were made again on every scan of such a body.
const maxPooledHitBytes = 2 << 20

// release returns the scanner to the pool.
func (s *scanner) release() {
	s.text, s.prot = nil, nil
	if (cap(s.hits)+cap(s.tailBuf))*int(unsafe.Sizeof(hit{})) > maxPooledHitBytes {
		s.hits, s.tailBuf = nil, nil
	}
	// of the byte buffers, the largest go first until the rest fit: one
	// that outgrew the bound costs the others their place no more
	for cap(s.arena)+cap(s.scratch) > maxPooledBytes {
		if cap(s.arena) >= cap(s.scratch) {
			s.arena = nil
		} else {
			s.scratch = nil
		}
	}
	if (cap(s.maxEnds)+cap(s.sampled))*8 > maxPooledBytes {
		s.maxEnds, s.sampled = nil, nil
	}
	if cap(s.addrKept)*int(unsafe.Sizeof(addrKeep{})) > maxPooledBytes {
		s.addrKept = nil
	}
	scannerPool.Put(s)
}

// newScanner takes a scanner from the pool, ready to scan text.
func (e *Engine) newScanner(text []byte, hint CategorySet) *scanner {
	s := scannerPool.Get().(*scanner)
	s.e, s.text, s.hint = e, text, hint
	s.hits, s.arena, s.labelFloor, s.lastAddrPart, s.lastHitEnd, s.sortedHits = s.hits[:0], s.arena[:0], 0, -1, 0, 0
	s.strongEnd, s.spelledOff = 0, 1
	s.sweepHits, s.sweepArena = 0, 0
	s.resumeAt, s.resumeGlue = -1, false
	s.run.noAtLo, s.run.noAtHi = 0, -1
	s.labelsLo, s.labelsHi = -1, -1
	s.numStartEnd, s.numStartAt = 0, 0
	s.fieldLabel, s.fieldValue, s.nameHeader, s.mobileEnd = 0, 0, false, 0
	s.addrKept, s.addrNext = s.addrKept[:0], 0
	s.addr.begin(-1) // no walk of this text yet
	s.unitsOnly = false
	s.prot = e.protected.load()
	return s
}

// pass is the single pass over the bytes.
func (s *scanner) pass() {
	text := s.text
	n := len(text)
	i := 0
	if s.hint&labelledCats != 0 {
		i = s.hinted()
	}
	for i < n {
		step()
		if s.stop != nil && i >= s.nextStop {
			if s.stop() {
				s.stopped = true
				return
			}
			s.nextStop = i + stopEvery
		}
		// the two tight loops where ordinary text spends its time: quiet
		// ASCII eight bytes at a time, up to the first byte that is not,
		// and CJK characters without an action
		if i < n && text[i] < utf8.RuneSelf {
			i = skipQuietASCII(text, i)
		}
		if i < n && text[i]&0xF0 == 0xE0 {
			i = skipQuietCJK(text, i) // called only where a three-byte character starts
		}
		if i >= n {
			break
		}
		b := text[i]
		if b < utf8.RuneSelf {
			if byteTrigger[b] {
				i = s.ascii(i, b)
			} else {
				i++
			}
			continue
		}
		var r rune
		size := 3
		if b >= 0xE0 && b < 0xF0 && i+2 < n && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80 {
			// three-byte characters (all of CJK) decoded by hand
			r = rune(b&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F)
			if r < 0x800 || r >= 0xD800 && r <= 0xDFFF {
				i++ // an overlong form or a surrogate: invalid UTF-8, one byte at a time
				continue
			}
			if bmpActive[r>>6]&(1<<(r&63)) == 0 {
				i += 3
				continue
			}
		} else {
			r, size = decodeRune(text[i:])
		}
		act := runeAction(r)
		switch {
		case act == 0:
			i += size
		case act == actAddrPart:
			s.lastAddrPart = i
			i += size
		case act == actColon:
			i = max(i+size, s.englishLabel(i))
		default:
			i = s.dispatch(i, act, r, size)
		}
	}
	if s.e.enabled.has(emailIndex) {
		s.sortHits()
		s.sortedHits = len(s.hits)
		s.newSweep()
		s.spelledEmails(len(s.text))
	}
}

// ascii handles a trigger byte below 0x80 and returns where to go on.
func (s *scanner) ascii(i int, b byte) int {
	switch {
	case b >= '0' && b <= '9':
		return s.digits(i)
	case b == '@':
		s.emailEnd = 0
		if i > 0 && s.text[i-1] == ' ' && i+1 < len(s.text) && s.text[i+1] == ' ' {
			s.spelledAtToken(i, i+1) // zhang @ qq.com: spaces round the '@'
		} else {
			s.email(emailComments(s.text, i)) // gang.hao(x)@, @(y)example.com
		}
		// digits in the domain are the address's: read as a run of their
		// own, they ran on past its end (0@GB00.0000.AAA1700000 0000 hid
		// the mobile after it, found on a second reading)
		return max(i+1, s.emailEnd)
	case b == '&':
		u := decodeUnit(s.text, i)
		switch u.kind {
		case uDigit:
			return s.digits(i)
		case uAt:
			s.email(i, i+u.size)
		}
		return i + u.size
	case b == '[' || b == '(' || b == '{':
		s.bracketAt(i)
	case b == '#':
		s.hashAt(i, 1)
	case b == ':' || b == '=':
		return max(i+1, s.englishLabel(i))
	}
	return i + 1
}

// dispatch runs the detectors a non-ASCII trigger character asks for.
func (s *scanner) dispatch(i int, act uint8, r rune, size int) int {
	if act&actAddrPart != 0 {
		s.lastAddrPart = i
	}
	if act&actDigit != 0 {
		if next := s.digits(i); next > i+size {
			return next
		}
	}
	if act&actPlate != 0 {
		if next := s.plate(i); next > i {
			return next
		}
	}
	if act&actLabel != 0 {
		glued := labels.mayStartAt(s.text, i, r, size)
		if glued {
			if next := s.chineseLabel(i); next > i {
				return next
			}
		}
		if isHan(r) && (glued || i+size < len(s.text) && mayStartGap(s.text[i+size])) {
			if next := s.spacedLabel(i); next > i { // 姓　名：, 联 系 人：
				return next
			}
		}
	}
	if act&actAt != 0 {
		s.spelledAt(i)
	}
	if act&actAge != 0 && s.e.enabled.has(nameIndex) {
		if r == '岁' {
			s.nameWithGenderAge(i)
		} else {
			s.nameWithGender(i, size)
		}
	}
	if act&actTen != 0 && s.e.enabled.has(addressIndex) {
		if end := s.addressAt(i + size); end > i+size {
			return end
		}
	}
	return i + size
}

// add records a hit with its confidence and its normalised value: lead,
// unless 0, then norm. The value is kept in the arena as a record: its
// length plus one as a uvarint, then its bytes; or, when it is the very
// bytes of the hit's span of the text (a plain number, a name, an address
// as written), a 0 alone, and norm reads it from the text.
func (s *scanner) add(h hit, conf float64, lead byte, norm []byte) {
	s.lastHitEnd = max(s.lastHitEnd, h.End)
	if !h.weak() {
		s.strongEnd = max(s.strongEnd, h.End)
	}
	h.conf = s.confIndex(conf)
	h.normOff = int32(len(s.arena))
	verbatim := lead == 0 && string(norm) == string(s.text[h.Start:h.End])
	record := 1
	if !verbatim {
		record += binary.MaxVarintLen64 + len(norm)
	}
	// grow to what the whole text will need at the rate of the current
	// sweep so far (or by doubling): append grows large slices by a
	// quarter, which copies a dense body's hits many times over. The
	// arena keeps to its group's pooled bytes, beside the scratch value,
	// while it can
	if len(s.hits) == cap(s.hits) {
		keep := maxPooledHitBytes/int(unsafe.Sizeof(hit{})) - cap(s.tailBuf)
		s.hits = slices.Grow(s.hits, grownLen(len(s.hits)-s.sweepHits, 16, h.End, len(s.text), keep-s.sweepHits))
	}
	if len(s.arena)+record > cap(s.arena) {
		keep := maxPooledBytes - cap(s.scratch)
		s.arena = slices.Grow(s.arena, grownLen(len(s.arena)-s.sweepArena, record+256, h.End, len(s.text), keep-s.sweepArena))
	}
	if verbatim {
		s.arena = append(s.arena, 0)
	} else {
		n := len(norm)
		if lead != 0 {
			n++
		}
		s.arena = binary.AppendUvarint(s.arena, uint64(n)+1)
		if lead != 0 {
			s.arena = append(s.arena, lead)
		}
		s.arena = append(s.arena, norm...)
	}
	if h.cat == mobileIndex {
		s.mobileEnd = max(s.mobileEnd, h.End)
	}
	s.hits = append(s.hits, h)
}

// newSweep tells add that a new sweep over the text starts.
func (s *scanner) newSweep() { s.sweepHits, s.sweepArena = len(s.hits), len(s.arena) }

// norm returns h's normalised value, from its record in the arena (add).
func (s *scanner) norm(h *hit) []byte {
	n, w := binary.Uvarint(s.arena[h.normOff:])
	if n == 0 {
		return s.text[h.Start:h.End]
	}
	from := int(h.normOff) + w
	return s.arena[from : from+int(n)-1]
}

// labelsBefore returns the label categories in the context window before
// byte offset start (but after the previous number), together with the
// caller's hint.
func (s *scanner) labelsBefore(start int) CategorySet {
	lo := max(0, start-s.e.ctxWindow, s.labelFloor)
	if lo >= start {
		return s.hint
	}
	if lo != s.labelsLo || start != s.labelsHi {
		s.labelsLo, s.labelsHi, s.labelsFound = lo, start, labels.labelsIn(s.text, lo, start)
	}
	return s.labelsFound | s.hint
}

// finish returns the findings: the confirmed hits with their masks, and
// fingerprints on the first samples of them with distinct values (all of
// them when samples is allFingerprints, or the mask needs them).
func (s *scanner) finish(samples int) []Finding {
	kept := s.confirmed()
	if len(kept) == 0 {
		return nil
	}
	all := samples == allFingerprints || s.e.mask == MaskHash || samples == len(kept)
	// which hits get a fingerprint, when not all of them: the first
	// samples with distinct values (a bounded number of comparisons)
	sampled := s.sampled[:0]
	for k := 0; !all && k < len(kept) && len(sampled) < samples; k++ {
		step()
		if s.newSample(kept, sampled, k) {
			sampled = append(sampled, k)
		}
	}
	s.sampled = sampled
	// masks and fingerprints are written into one buffer of the scan's
	// own, and each finding's strings are parts of it, not copies: one
	// allocation a scan for them, not a few a finding. Through an arena
	// only the findings with a fingerprint use it, and the others' masks
	// are carved from the arena's bytes (Arena): a scan without a sample
	// makes no buffer. The buffer is made at an estimate of its size
	// (maskBytes), not measured mask by mask: an address's mask costs a
	// search for its district, which would be made twice
	shared := s.chunks != nil && !all
	var own []byte
	switch {
	case !shared:
		n := len(sampled)
		if all {
			n = len(kept)
		}
		own = make([]byte, 0, s.maskBytes(kept)+n*fingerprintHex)
	case len(sampled) > 0:
		n := 0
		for _, k := range sampled {
			step()
			n += fingerprintHex + s.maskBytesOf(&kept[k])
		}
		own = make([]byte, 0, n)
	}
	var out []Finding
	if s.chunks != nil {
		out = s.chunks.findings(len(kept))
	} else {
		out = make([]Finding, len(kept))
	}
	next := 0 // the next of s.pads
	ns := 0   // the next of sampled
	for k := range kept {
		step()
		h := &kept[k]
		pad := s.padOf(k, h, &next)
		fingerprinted := all || ns < len(sampled) && sampled[ns] == k
		if fingerprinted && !all {
			ns++
		}
		buf := own
		if shared && !fingerprinted {
			buf = s.chunks.room(s.maskBytesOf(h) + (h.Start - pad.start) + (pad.end - h.End))
		}
		fp := len(buf)
		if fingerprinted {
			buf = s.appendFingerprint(buf, h.cat, s.norm(h))
		}
		ms := len(buf)
		buf = s.appendKeptMask(buf, h, pad, buf[fp:ms])
		// written field by field into the zeroed finding: a whole
		// Finding assigned is a typed copy (a call, and a bulk write
		// barrier while the collector runs) per finding
		f := &out[k]
		f.Category, f.Start, f.End = AllCategories[h.cat], pad.start, pad.end
		f.Confidence, f.Evidence = s.confidence(h), h.evidence()
		f.Masked, f.Fingerprint = frozenString(buf[ms:]), frozenString(buf[fp:ms])
		if shared && !fingerprinted {
			s.chunks.took(buf)
		} else {
			own = buf
		}
	}
	return out
}

// newSample reports whether kept[k] has a value none of the sampled hits
// has. The sampled hits are few (an incident's samples), so this is a
// bounded number of comparisons.
func (s *scanner) newSample(kept []hit, sampled []int, k int) bool {
	for _, j := range sampled {
		step()
		if kept[j].cat == kept[k].cat && string(s.norm(&kept[j])) == string(s.norm(&kept[k])) {
			return false
		}
	}
	return true
}

// categories returns the categories of the confirmed hits: what the
// callers that need no more than that get without a finding, a mask or a
// fingerprint being made.
func (s *scanner) categories() (set CategorySet, protected bool) {
	for _, h := range s.confirmed() {
		step()
		set |= 1 << h.cat
		protected = protected || h.protected()
	}
	return set, protected
}

// confirmed confirms weak hits by proximity, adds names found next to
// other findings, and returns the confirmed hits of enabled categories in
// order, without overlaps.
func (s *scanner) confirmed() []hit {
	if len(s.hits) == 0 && !s.nameHeader {
		return nil // (a header's name column is read with no other hit)
	}
	s.sortHits()
	s.confirmByProximity()
	if s.e.enabled.has(nameIndex) && s.namesPossible() {
		s.newSweep()
		if count := len(s.hits); s.tableNames(count) {
			s.mergeNames(count) // the cells under a table's name column
		}
		s.newSweep()
		if count := len(s.hits); s.namesNearFindings() {
			s.mergeNames(count)
			s.confirmByProximity()
		}
	}
	if s.prot != nil {
		s.protectHits()
	}
	// filtering keeps the order: by start, the longer of two first
	hits := s.hits[:0]
	for _, h := range s.hits {
		step()
		if h.protected() || !h.weak() && s.e.enabled.has(h.cat) {
			hits = append(hits, h)
		}
	}
	if len(hits) == 0 {
		return nil
	}
	// resolve overlaps: of two, the more confident and longer one stays,
	// and covers what the other covered beyond it (s.pads), so that no
	// part of either goes out raw (京A00000京@0.AA: the plate won, and
	// 京@0.AA of the address showed)
	s.pads = s.pads[:0]
	kept := hits[:0]
	for _, h := range hits {
		step()
		if len(kept) == 0 || h.Start >= s.keptEnd(kept) {
			kept = append(kept, h)
			continue
		}
		k := len(kept) - 1
		last := &kept[k]
		start, end := s.keptStart(kept), s.keptEnd(kept)
		// a protected hit wins over any other
		if last.protected() && !h.protected() || (h.protected() == last.protected() &&
			(s.confidence(&h) <= s.confidence(last) || h.End-h.Start <= last.End-last.Start)) {
			s.cover(k, start, max(end, h.End), last)
			continue
		}
		*last = h
		s.cover(k, start, max(end, h.End), last)
	}
	s.measurePads(kept)
	return kept
}

// sortHits orders the hits by byStart. They mostly come in order already,
// so the check is usually all it costs.
func (s *scanner) sortHits() {
	if len(s.hits) > 1 && !slices.IsSortedFunc(s.hits, byStart) {
		slices.SortFunc(s.hits, byStart)
	}
}

// byStart orders hits by start, the longer of two that start together
// first, then by the order they were found in: each hit's normalised value
// is appended to the arena as it is found, so its offset there is its
// sequence number. A total order, so an unstable sort gives one result.
func byStart(a, b hit) int {
	if a.Start != b.Start {
		return a.Start - b.Start
	}
	if a.End != b.End {
		return b.End - a.End
	}
	return int(a.normOff - b.normOff)
}

// mergeNames merges the hits after the first count (the names
// namesNearFindings added, in order) into the sorted ones before them, in
// one linear sweep from the back.
func (s *scanner) mergeNames(count int) {
	tail := append(s.tailBuf[:0], s.hits[count:]...)
	if !slices.IsSortedFunc(tail, byStart) {
		slices.SortFunc(tail, byStart)
	}
	s.tailBuf = tail
	i, j := count-1, len(tail)-1
	for w := len(s.hits) - 1; j >= 0; w-- {
		step()
		if i >= 0 && byStart(s.hits[i], tail[j]) > 0 {
			s.hits[w] = s.hits[i]
			i--
		} else {
			s.hits[w] = tail[j]
			j--
		}
	}
}

// confirmByProximity confirms the weak hits that other personal data
// confirms: a weak hit within the proximity window of a confirmed one, or of
// a weak one so confirmed, and so on. Hits must be sorted by start.
//
// Two hits are near when the gap between them is at most the window. In
// start order, the hits near one another form runs: a run breaks where a
// hit starts more than the window after every earlier hit of the run has
// ended. A run holding a confirmed hit is confirmed whole, so one sweep
// finds the runs and a second one confirms them.
func (s *scanner) confirmByProximity() {
	runStart, runEnd, confirmed := 0, 0, false
	for k := range s.hits {
		step()
		h := &s.hits[k]
		if k > 0 && h.Start-runEnd > s.e.proxWin {
			if confirmed {
				s.confirmRun(runStart, k)
			}
			runStart, runEnd, confirmed = k, 0, false
		}
		runEnd = max(runEnd, h.End)
		confirmed = confirmed || !h.weak()
	}
	if confirmed {
		s.confirmRun(runStart, len(s.hits))
	}
}

// confirmRun confirms the weak hits of s.hits[from:to] by proximity.
func (s *scanner) confirmRun(from, to int) {
	for k := from; k < to; k++ {
		step()
		if h := &s.hits[k]; h.weak() {
			h.flags &^= hitWeak
			h.ev |= uint8(EvProximity)
			h.conf = s.confIndex(max(s.confidence(h), 0.6))
		}
	}
}

// appendFingerprint appends a finding's fingerprint to dst with the
// scanner's reusable HMAC state.
func (s *scanner) appendFingerprint(dst []byte, c catIndex, norm []byte) []byte {
	if s.macE != s.e {
		s.mac, s.macE = hmac.New(sha256.New, s.e.key), s.e
	}
	return appendFingerprint(dst, s.mac, &s.macBuf, AllCategories[c], norm)
}

// fingerprintHex is the length of a fingerprint: 16 hex digits.
const fingerprintHex = 16

// appendFingerprint appends the fingerprint of a normalised value to dst:
// 16 hex digits of HMAC-SHA256 over the category, a zero byte and the
// value, keyed by m. buf is scratch space, reused between calls.
func appendFingerprint(dst []byte, m hash.Hash, buf *[]byte, c Category, norm []byte) []byte {
	b := append(append(append((*buf)[:0], c...), 0), norm...)
	m.Reset()
	m.Write(b)
	b = m.Sum(b[:0])
	dst = hex.AppendEncode(dst, b[:fingerprintHex/2])
	*buf = b
	return dst
}

// hitFloors returns the furthest end of the hits that start before pos,
// or 0, and the same over the hits that need no more evidence (strong):
// an e-mail's local part never reaches back into an earlier finding, and
// an '@' inside one (the end beyond pos) starts no address, which would
// lose to that finding and, with its own end, hide the next one. A weak
// hit (a passport-shaped token without a label yet) does not stop a local
// part: E12345678 at qq dot com is an address, and of the two the address
// is kept (it starts no later and is longer).
// Only the floorHits hits found last are looked at, and in the pass after
// the main one also the floorHits hits before pos in the sorted prefix of
// s.sortedHits hits: those are the hits near pos, so the cost does not grow
// with the number of findings. An older hit that still reaches near pos
// only matters through overlap, which finish resolves.
func (s *scanner) hitFloors(pos int) (all, strong int) {
	look := func(hs []hit) {
		for k := range hs {
			step()
			if h := &hs[k]; h.Start < pos {
				all = max(all, h.End)
				if !h.weak() {
					strong = max(strong, h.End)
				}
			}
		}
	}
	look(s.hits[max(0, len(s.hits)-floorHits, s.sortedHits):])
	if s.sortedHits > 0 {
		k, _ := slices.BinarySearchFunc(s.hits[:s.sortedHits], pos, func(h hit, pos int) int { return h.Start - pos })
		look(s.hits[max(0, k-floorHits):k])
	}
	return all, strong
}

// floorHits is how many hits near a position hitFloor looks at.
const floorHits = 16
