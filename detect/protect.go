package detect

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
)

// ProtectedSet is the set of protected identifiers an engine refuses to let
// through: keyed fingerprints only, never a value. It is safe for
// concurrent use: a holder (the pii app) changes its contents while
// engines read them; a change is in force for every scan that starts
// after it (see protectedSnapshot).
//
// While the set is empty a scan pays one atomic load for it. When it is
// not, every candidate of a digit-written identifier (mobile, resident ID,
// card, landline, phone, SSN, permit) is offered to it in its normalised
// form — the ones the engine confirms and the ones it would drop for lack
// of context (no label, a bare number, an odd grouping, glued to a word) —
// as are the findings of the other enabled categories. A protected one
// becomes a finding whatever the engine's categories, with EvProtected.
type ProtectedSet struct {
	key  []byte
	eng  func() *Engine                    // every category, keyed by key, for Identify
	snap atomic.Pointer[protectedSnapshot] // the contents; nil while empty
	gen  atomic.Uint64
	n    atomic.Int64 // how many fingerprints it holds
	seed uint64       // of its overlays' slots (protect_overlay.go)

	mu       sync.Mutex         // serialises Replace, Change and the end of a fold
	cur      *protectedSnapshot // the contents, also while empty; under mu
	folding  bool               // a goroutine folds (foldInBackground); under mu
	folds    sync.WaitGroup     // the folds under way, for the tests
	foldWork atomic.Int64       // the entries the folds copied, for the tests
}

// generations numbers the changes of every set of the process, so that
// two sets never share a generation (a verdict cache that outlives one
// set must not take another's generation for its own).
var generations atomic.Uint64

// NewProtectedSet returns an empty set whose fingerprints are keyed by key
// (the fleet's fingerprint key: a value is protected on every instance
// that shares it).
func NewProtectedSet(key []byte) *ProtectedSet {
	if len(key) == 0 {
		panic("detect: NewProtectedSet needs a key")
	}
	p := &ProtectedSet{key: append([]byte(nil), key...), seed: rand.Uint64()}
	p.cur = p.emptySnapshot()
	p.eng = sync.OnceValue(func() *Engine { return MustCompile(Policy{FingerprintKey: p.key}) })
	return p
}

// Identify returns the category and the fingerprint under the set's key of
// one identifier as a person reporting it writes it, in any spelling. With
// a category, the value is read as one of it (see Engine.Fingerprint);
// without, the category is the one the engine finds, or the reading its
// digits have without context (a bare mobile, resident ID or card). A
// value with no recognisable identifier, or several different ones, is an
// error that does not quote it.
func (p *ProtectedSet) Identify(c Category, value string) (Category, string, error) {
	e := p.eng()
	if c != "" {
		pc, err := ParseCategory(string(c))
		if err != nil {
			return "", "", err
		}
		// digits that are a mainland mobile, a resident ID or a card are
		// matched as that, whatever category the caller named ("phone"
		// for +86 138…): stored under another, they would never match
		s := scanner{text: []byte(value)}
		digits := bytes.TrimPrefix(s.normText(0, len(value)), []byte("+"))
		if rc, rn := readingOf(digits); rc != "" && rc != pc {
			return rc, e.Fingerprint(rc, string(rn)), nil
		}
		return pc, e.Fingerprint(pc, value), nil
	}
	var found Finding
	for _, f := range e.Find([]byte(value)) {
		if found.Fingerprint != "" && f.Fingerprint != found.Fingerprint {
			return "", "", errSeveral
		}
		found = f
	}
	if found.Fingerprint != "" {
		return found.Category, found.Fingerprint, nil
	}
	s := scanner{text: []byte(value)}
	norm := s.normText(0, len(value))
	if rc, rn := readingOf(norm); rc != "" {
		return rc, string(appendFingerprint(nil, hmac.New(sha256.New, p.key), new([]byte), rc, rn)), nil
	}
	return "", "", errUnrecognised
}

// The errors of Identify.
var (
	errSeveral      = errors.New("detect: the value holds several identifiers: give one at a time")
	errUnrecognised = errors.New("detect: no identifier recognised in the value: give its category")
)

// Replace makes fps (fingerprints as Finding.Fingerprint spells them) the
// contents of the set, built anew, and advances its generation unless the
// contents are the ones it held. A malformed fingerprint is an error and
// changes nothing.
func (p *ProtectedSet) Replace(fps []string) error {
	vs, err := parseFingerprints(fps)
	if err != nil {
		return err
	}
	base := make(map[uint64]struct{}, len(vs))
	for _, v := range vs {
		base[v] = struct{}{}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	same := len(base) == int(p.n.Load())
	for v := range base {
		if !same {
			break
		}
		same = p.cur.has(v)
	}
	p.cur = &protectedSnapshot{set: p, base: base, live: newOverlay(overlayMinSlots, overlayBound(len(base)), p.seed)}
	p.n.Store(int64(len(base)))
	p.publish()
	if !same {
		p.gen.Store(generations.Add(1))
	}
	return nil
}

// Change adds the fingerprints add and removes the fingerprints remove
// (a fingerprint in both ends up removed), advances the set's generation
// if that changed its contents, and returns the work it took: the overlay
// slots it wrote, and when an overlay was full, the slots of the one that
// replaces it (and the entries of a fold that had not ended, see
// protectedSnapshot). Amortised over the changes, that is a constant per
// fingerprint whatever the size of the set. A change is in force for
// every lookup that starts after it. A malformed fingerprint is an error
// and changes nothing.
func (p *ProtectedSet) Change(add, remove []string) (work int, err error) {
	av, err := parseFingerprints(add)
	if err != nil {
		return 0, err
	}
	rv, err := parseFingerprints(remove)
	if err != nil {
		return 0, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	changed := false
	for i, v := range append(av, rv...) {
		w, c := p.put(v, i < len(av))
		work, changed = work+w, changed || c
	}
	if !changed {
		return work, nil
	}
	if p.n.Load() == 0 {
		p.cur = p.emptySnapshot() // nothing left: the layers go
	}
	p.publish()
	p.gen.Store(generations.Add(1))
	return work, nil
}

// put adds (on) or removes v and returns the work it took and whether it
// changed the contents. The caller holds mu.
func (p *ProtectedSet) put(v uint64, on bool) (int, bool) {
	if p.cur.has(v) == on {
		return 1, false
	}
	work := 1
	if !p.cur.live.put(v, on) {
		if p.cur.live.full() {
			work += p.rotate()
		} else {
			p.cur = &protectedSnapshot{set: p, base: p.cur.base, frozen: p.cur.frozen, live: p.cur.live.grown()}
			p.publish()
			work += len(p.cur.live.slots)
		}
		p.cur.live.put(v, on) // a fresh or grown overlay has room
	}
	if on {
		p.n.Add(1)
	} else {
		p.n.Add(-1)
	}
	return work, true
}

// rotate freezes the full live overlay, gives the changes a fresh one,
// and has the frozen one folded into a new base in the background (by the
// one goroutine that folds, started if none runs). A fold still under way
// is done here first. It returns the work done here. The caller holds mu.
func (p *ProtectedSet) rotate() int {
	c := p.cur
	base, work := c.base, 0
	if c.frozen != nil {
		var w int
		base, w = fold(base, c.frozen) // the goroutine's result is dropped
		work += w
	}
	live := newOverlay(overlayMinSlots, overlayBound(int(p.n.Load())), p.seed)
	work += len(live.slots)
	p.cur = &protectedSnapshot{set: p, base: base, frozen: c.live, live: live}
	p.publish()
	if !p.folding {
		p.folding = true
		p.folds.Add(1)
		go p.foldInBackground()
	}
	return work
}

// foldInBackground folds the frozen overlay into a new base and puts it
// in force, until none is left: one goroutine at a time, so that a batch
// of changes that freezes many overlays holds at most one base being
// built in the background.
func (p *ProtectedSet) foldInBackground() {
	defer p.folds.Done()
	p.mu.Lock()
	defer p.mu.Unlock()
	for p.cur.frozen != nil {
		base, frozen := p.cur.base, p.cur.frozen
		p.mu.Unlock()
		nb, w := fold(base, frozen)
		p.foldWork.Add(int64(w))
		p.mu.Lock()
		if p.cur.frozen == frozen { // not replaced, nor folded by a change meanwhile
			p.cur = &protectedSnapshot{set: p, base: nb, live: p.cur.live}
			p.publish()
		}
	}
	p.folding = false
}

// emptySnapshot returns the contents of an empty set.
func (p *ProtectedSet) emptySnapshot() *protectedSnapshot {
	return &protectedSnapshot{set: p, live: newOverlay(overlayMinSlots, overlayMinBound, p.seed)}
}

// publish makes cur what lookups read (nothing while the set is empty,
// which a scan reads as one atomic load). The caller holds mu.
func (p *ProtectedSet) publish() {
	if p.n.Load() == 0 {
		p.snap.Store(nil)
	} else {
		p.snap.Store(p.cur)
	}
}

// parseFingerprints reads fingerprints as Finding.Fingerprint spells them.
func parseFingerprints(fps []string) ([]uint64, error) {
	out := make([]uint64, len(fps))
	for i, fp := range fps {
		v, err := parseFingerprint(fp)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// Len returns how many fingerprints the set holds.
func (p *ProtectedSet) Len() int {
	return int(p.n.Load())
}

// Has reports whether the set holds the fingerprint fp.
func (p *ProtectedSet) Has(fp string) bool {
	v, err := parseFingerprint(fp)
	if err != nil {
		return false
	}
	s := p.load()
	if s == nil {
		return false
	}
	return s.has(v)
}

// Generation identifies the set's contents: it changes with every Replace
// and Change that changes them, and no two sets of the process share one. A
// verdict reached under one generation must not be reused under another.
func (p *ProtectedSet) Generation() uint64 {
	if p == nil {
		return 0
	}
	return p.gen.Load()
}

func (p *ProtectedSet) load() *protectedSnapshot {
	if p == nil {
		return nil
	}
	return p.snap.Load()
}

// parseFingerprint reads the 16 hex digits of a fingerprint.
func parseFingerprint(fp string) (uint64, error) {
	var b [fingerprintHex / 2]byte
	if len(fp) != fingerprintHex {
		return 0, fmt.Errorf("detect: fingerprint %q: want %d hex digits", fp, fingerprintHex)
	}
	if _, err := hex.Decode(b[:], []byte(fp)); err != nil {
		return 0, fmt.Errorf("detect: fingerprint %q: %w", fp, err)
	}
	return binary.BigEndian.Uint64(b[:]), nil
}

// protects reports whether the value norm (after lead, unless 0) of
// category c is protected. It allocates nothing once the scanner's scratch
// space has grown.
func (s *scanner) protects(c Category, lead byte, norm []byte) bool {
	p := s.prot
	if p == nil {
		return false
	}
	step()
	if s.pmacSet != p.set {
		s.pmac, s.pmacSet = hmac.New(sha256.New, p.set.key), p.set
	}
	b := append(append(s.pbuf[:0], c...), 0)
	if lead != 0 {
		b = append(b, lead)
	}
	b = append(b, norm...)
	s.pmac.Reset()
	s.pmac.Write(b)
	b = s.pmac.Sum(b[:0])
	s.pbuf = b
	return p.has(binary.BigEndian.Uint64(b))
}

// addProtected records a protected hit: confirmed, whatever the engine's
// categories or the context.
func (s *scanner) addProtected(c Category, start, end int, ev Evidence, lead byte, norm []byte) {
	s.add(hit{Start: start, End: end, ev: uint8(ev | EvProtected), cat: catIndex(c.index()), flags: hitProtected}, 1, lead, norm)
}

// protectedWindows offers every window of whole groups of the current run
// to the protected set, read as each digit-written identifier it could be
// whatever its shape or context: 11 digits with a mobile prefix (also
// after 86 or 0086), a resident ID with a valid check digit, a card number
// of a known brand with a valid Luhn digit. Glued groups are included: a
// protected number stuck to a word is still refused. Each group starts at
// most one window a digit count, so the work is linear in the run (the
// detectsteps test TestComplexityProtected counts it).
func (s *scanner) protectedWindows() {
	r := &s.run
	for a := 0; a < r.windowGroups; a++ {
		step()
		n := 0
		for b := a; b < r.ng; b++ {
			step()
			if n += r.groupLen(b); n > maxWindowDigits {
				break
			}
			if n < 11 { // the shortest reading below: a mobile
				continue
			}
			s.protectedReadings(r.d[r.gs[a]:r.gs[b+1]], r.start[r.gs[a]], r.end[r.gs[b+1]-1])
		}
	}
}

// protectedReadings offers the digits d, found at start..end, to the
// protected set in every reading they have as an identifier without
// context.
func (s *scanner) protectedReadings(d []byte, start, end int) {
	try := func(c Category, norm []byte) {
		if s.protects(c, 0, norm) {
			s.addProtected(c, start, end, EvStructure, 0, norm)
		}
	}
	if norm := mobileReading(d); norm != nil {
		try(CNMobile, norm)
	}
	if idReading(d) {
		try(CNID, d)
	}
	if cardReading(d) {
		try(BankCard, d)
	}
}

// mobileReading returns the mainland mobile number that the digits d are
// without context (11 digits with a mobile prefix, also after 86 or 0086),
// or nil.
func mobileReading(d []byte) []byte {
	switch L := len(d); {
	case L == 11 && cnMobilePrefixOK(d):
		return d
	case L == 13 && d[0] == '8' && d[1] == '6' && cnMobilePrefixOK(d[2:]):
		return d[2:]
	case L == 15 && string(d[:4]) == "0086" && cnMobilePrefixOK(d[4:]):
		return d[4:]
	}
	return nil
}

// idReading reports whether the digits d are a resident ID without
// context: 18 with a valid check digit, or 15 of valid structure.
func idReading(d []byte) bool {
	L := len(d)
	return L == 18 && cnID18OK(d) || L == 15 && d[L-1] != 'X' && cnID15OK(d)
}

// cardReading reports whether the digits d are a card number without
// context: 13 to 19 digits of a known card brand with a valid Luhn digit.
func cardReading(d []byte) bool {
	L := len(d)
	return L >= minCardDigits && L <= maxWindowDigits && d[L-1] != 'X' && cardBrand(d) != "" && luhnOK(d)
}

// readingOf returns the first reading the digits d have without context,
// or "".
func readingOf(d []byte) (Category, []byte) {
	switch {
	case len(d) == 0:
	case mobileReading(d) != nil:
		return CNMobile, mobileReading(d)
	case idReading(d):
		return CNID, d
	case cardReading(d):
		return BankCard, d
	}
	return "", nil
}

// protectHits offers the hits no detector has offered yet (e-mails,
// passports, plates, …, confirmed or still weak) to the protected set.
func (s *scanner) protectHits() {
	for k := range s.hits {
		step()
		h := &s.hits[k]
		if h.flags&(hitProtected|hitProtChecked) != 0 {
			continue
		}
		h.flags |= hitProtChecked
		norm := s.norm(h)
		protected := s.protects(AllCategories[h.cat], 0, norm)
		if !protected {
			// a value read as another category (a mobile after a QQ label,
			// an ID under a phone key) is still the protected number
			if c, n := readingOf(norm); c != "" && c != AllCategories[h.cat] {
				protected = s.protects(c, 0, n)
			}
		}
		if protected {
			h.flags = h.flags&^hitWeak | hitProtected
			h.ev |= uint8(EvProtected)
			h.conf = s.confIndex(1)
		}
	}
}
