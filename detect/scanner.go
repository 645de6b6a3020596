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
)

// hit is a finding under construction: the public fields plus the
// normalised value (kept in the scanner's arena, never exported).
type hit struct {
	Finding
	normOff, normLen int
	weak             bool        // still needs label, key or proximity evidence
	needs            CategorySet // which label categories confirm a weak hit
}

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
	// lastAddrPart is where the pass last saw an administrative or street
	// character (省, 市, 区, 路 …), or -1: addresses are looked for only
	// after one.
	lastAddrPart int
	mac          hash.Hash // keyed HMAC of macE's key, reused across findings
	macE         *Engine
	macBuf       []byte
	lastHitEnd   int // end of the last hit added: an address never reaches back into it
}

var scannerPool = sync.Pool{New: func() any { return new(scanner) }}

// scan runs every detector over text and returns the confirmed findings.
func (e *Engine) scan(text []byte, hint CategorySet) []Finding {
	s := scannerPool.Get().(*scanner)
	s.e, s.text, s.hint = e, text, hint
	s.hits, s.arena, s.labelFloor, s.lastAddrPart, s.lastHitEnd = s.hits[:0], s.arena[:0], 0, -1, 0
	s.pass()
	out := s.finish()
	s.text = nil
	scannerPool.Put(s)
	return out
}

// pass is the single pass over the bytes.
func (s *scanner) pass() {
	text := s.text
	n := len(text)
	i := 0
	if s.hint&NewCategorySet(CNName, CNAddress) != 0 {
		i = s.hinted()
	}
	for i < n {
		// the two tight loops where ordinary text spends its time: quiet
		// ASCII eight bytes at a time, and CJK characters without an action
		for i+8 <= n && asciiQuiet8(binary.LittleEndian.Uint64(text[i:])) {
			i += 8
		}
		i = skipQuietCJK(text, i)
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
			r, size = utf8.DecodeRune(text[i:])
		}
		act := runeAction(r)
		switch {
		case act == 0:
			i += size
		case act == actAddrPart:
			s.lastAddrPart = i
			i += size
		case act == actColon:
			s.englishLabel(i)
			i += size
		default:
			i = s.dispatch(i, act, r, size)
		}
	}
	if s.e.enabled.Has(Email) {
		s.spelledEmails()
	}
}

// skipQuietCJK skips, from text[i], the three-byte characters that have no
// action and returns where the first other byte is. Surrogate forms are
// skipped too: invalid, but they hide no ASCII byte.
func skipQuietCJK(text []byte, i int) int {
	for i+2 < len(text) {
		b, b1, b2 := text[i], text[i+1], text[i+2]
		if b&0xF0 != 0xE0 || (b1^0x80)|(b2^0x80) >= 0x40 {
			return i
		}
		r := rune(b&0x0F)<<12 | rune(b1&0x3F)<<6 | rune(b2&0x3F)
		if r < 0x800 || bmpActive[r>>6]&(1<<(r&63)) != 0 {
			return i
		}
		i += 3
	}
	return i
}

// ascii handles a trigger byte below 0x80 and returns where to go on.
func (s *scanner) ascii(i int, b byte) int {
	switch {
	case b >= '0' && b <= '9':
		return s.digits(i)
	case b == '@':
		s.email(i, i+1)
	case b == '&':
		u := decodeUnit(s.text, i)
		switch u.kind {
		case uDigit:
			return s.digits(i)
		case uAt:
			s.email(i, i+u.size)
		}
		return i + u.size
	case b == '[' || b == '(':
		s.bracketAt(i)
	case b == ':' || b == '=':
		s.englishLabel(i)
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
	if act&actLabel != 0 && labels.mayStartAt(s.text, i, r, size) {
		if next := s.chineseLabel(i); next > i {
			return next
		}
	}
	if act&actAt != 0 {
		s.spelledAt(i)
	}
	return i + size
}

// add records a hit with its normalised value.
func (s *scanner) add(h hit, norm []byte) {
	s.lastHitEnd = max(s.lastHitEnd, h.End)
	h.normOff = len(s.arena)
	h.normLen = len(norm)
	s.arena = append(s.arena, norm...)
	s.hits = append(s.hits, h)
}

func (s *scanner) norm(h *hit) []byte { return s.arena[h.normOff : h.normOff+h.normLen] }

// labelsBefore returns the label categories in the context window before
// byte offset start (but after the previous number), together with the
// caller's hint.
func (s *scanner) labelsBefore(start int) CategorySet {
	lo := max(0, start-s.e.ctxWindow, s.labelFloor)
	if lo >= start {
		return s.hint
	}
	return labels.labelsIn(s.text, lo, start) | s.hint
}

// finish confirms weak hits by proximity, adds names found next to other
// findings, drops overlaps and fills in masks and fingerprints.
func (s *scanner) finish() []Finding {
	if len(s.hits) == 0 {
		return nil
	}
	s.sortHits()
	s.confirmByProximity()
	if s.e.enabled.Has(CNName) && s.namesNearFindings() {
		s.sortHits()
		s.confirmByProximity()
	}
	hits := s.hits[:0]
	for _, h := range s.hits {
		if !h.weak && s.e.enabled.Has(h.Category) {
			hits = append(hits, h)
		}
	}
	if len(hits) == 0 {
		return nil
	}
	slices.SortStableFunc(hits, func(a, b hit) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	out := make([]Finding, 0, len(hits))
	var last *hit
	for k := range hits {
		h := &hits[k]
		if last != nil && h.Start < last.End {
			if h.Confidence <= last.Confidence || h.End-h.Start <= last.End-last.Start {
				continue
			}
			out = out[:len(out)-1]
		}
		last = h
		norm := s.norm(h)
		h.Fingerprint = s.fingerprint(h.Category, norm)
		h.Masked = s.e.maskFor(h.Category, norm, h.Fingerprint)
		out = append(out, h.Finding)
	}
	return out
}

// sortHits orders the hits by start (they mostly come in order already).
func (s *scanner) sortHits() {
	if !slices.IsSortedFunc(s.hits, byStart) {
		slices.SortStableFunc(s.hits, byStart)
	}
}

func byStart(a, b hit) int { return a.Start - b.Start }

// confirmByProximity confirms weak hits that sit within the proximity
// window of a confirmed hit. Hits must be sorted by start.
func (s *scanner) confirmByProximity() {
	for changed := true; changed; {
		changed = false
		for k := range s.hits {
			h := &s.hits[k]
			if h.weak && s.confirmedNear(k) {
				h.weak = false
				h.Evidence |= EvProximity
				h.Confidence = max(h.Confidence, 0.6)
				changed = true
			}
		}
	}
}

// confirmedNear reports whether a confirmed hit lies within the proximity
// window of hit k, looking outwards from k in start order.
func (s *scanner) confirmedNear(k int) bool {
	h := &s.hits[k]
	for j := k - 1; j >= 0 && h.Start-s.hits[j].Start <= s.e.proxWin+maxSpan; j-- {
		if o := &s.hits[j]; !o.weak && h.Start-o.End <= s.e.proxWin {
			return true
		}
	}
	for j := k + 1; j < len(s.hits) && s.hits[j].Start-h.End <= s.e.proxWin; j++ {
		if !s.hits[j].weak {
			return true
		}
	}
	return false
}

// maxSpan bounds the bytes one finding can cover (an address with
// character references), for searches by start.
const maxSpan = 2048

// fingerprint computes a finding's fingerprint with the scanner's reusable
// HMAC state and buffers.
func (s *scanner) fingerprint(c Category, norm []byte) string {
	if s.macE != s.e {
		s.mac, s.macE = hmac.New(sha256.New, s.e.key), s.e
	}
	return fingerprintWith(s.mac, &s.macBuf, c, norm)
}

// fingerprintWith computes the fingerprint of a normalised value with a
// keyed HMAC: 16 hex digits of HMAC-SHA256 over the category, a zero byte
// and the value. buf is scratch space, reused between calls.
func fingerprintWith(m hash.Hash, buf *[]byte, c Category, norm []byte) string {
	b := append(append(append((*buf)[:0], c...), 0), norm...)
	m.Reset()
	m.Write(b)
	b = m.Sum(b[:0])
	var out [16]byte
	hex.Encode(out[:], b[:8])
	*buf = b
	return string(out[:])
}

// hitFloor returns the end of the last hit that ends at or before pos, or 0.
func (s *scanner) hitFloor(pos int) int {
	floor := 0
	for k := len(s.hits) - 1; k >= 0; k-- {
		if e := s.hits[k].End; e <= pos && e > floor {
			floor = e
		}
	}
	return floor
}
