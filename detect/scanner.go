package detect

import (
	"sort"
	"sync"
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
}

var scannerPool = sync.Pool{New: func() any { return new(scanner) }}

// scan runs every detector over text and returns the confirmed findings.
func (e *Engine) scan(text []byte, hint CategorySet) []Finding {
	s := scannerPool.Get().(*scanner)
	s.e, s.text, s.hint = e, text, hint
	s.hits, s.arena = s.hits[:0], s.arena[:0]
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
	for i := 0; i < n; {
		b := text[i]
		if !byteTrigger[b] {
			i++
			continue
		}
		if b >= 0xE3 && b <= 0xE9 && i+2 < n {
			// CJK fast path: decode the rune by hand and look up its actions
			r := rune(b&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F)
			if text[i+1]&0xC0 != 0x80 || text[i+2]&0xC0 != 0x80 {
				i++
				continue
			}
			act := cjkAction[r-cjkLo]
			if act == 0 {
				i += 3
				continue
			}
			i = s.dispatch(i, act, 3)
			continue
		}
		if b < 0x80 {
			i = s.ascii(i, b)
			continue
		}
		u := decodeUnit(text, i)
		var act uint8
		switch u.kind {
		case uDigit:
			act = actDigit
		case uAt:
			act = actAt
		case uOther:
			if b == 0xEF && i+2 < n && text[i+1] == 0xBC && text[i+2] == 0x9A { // '：'
				s.englishLabel(i)
			}
		}
		if act == 0 {
			i += u.size
			continue
		}
		i = s.dispatch(i, act, u.size)
	}
	if s.e.enabled.Has(Email) {
		s.spelledEmails()
	}
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
func (s *scanner) dispatch(i int, act uint8, size int) int {
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
	h.normOff = len(s.arena)
	h.normLen = len(norm)
	s.arena = append(s.arena, norm...)
	s.hits = append(s.hits, h)
}

func (s *scanner) norm(h *hit) []byte { return s.arena[h.normOff : h.normOff+h.normLen] }

// labelsBefore returns the label categories in the context window before
// byte offset start, together with the caller's hint.
func (s *scanner) labelsBefore(start int) CategorySet {
	lo := start - s.e.ctxWindow
	if lo < 0 {
		lo = 0
	}
	return labels.labelsIn(s.text, lo, start) | s.hint
}

// finish confirms weak hits by proximity, adds names found next to other
// findings, drops overlaps and fills in masks and fingerprints.
func (s *scanner) finish() []Finding {
	if len(s.hits) == 0 {
		return nil
	}
	s.confirmByProximity()
	if s.e.enabled.Has(CNName) {
		s.namesNearFindings()
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
	sort.SliceStable(hits, func(a, b int) bool {
		if hits[a].Start != hits[b].Start {
			return hits[a].Start < hits[b].Start
		}
		return hits[a].End > hits[b].End
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
		h.Fingerprint = s.e.fingerprint(h.Category, norm)
		h.Masked = s.e.maskFor(h.Category, norm, h.Fingerprint)
		out = append(out, h.Finding)
	}
	return out
}

// confirmByProximity confirms weak hits that sit within the proximity
// window of a confirmed hit.
func (s *scanner) confirmByProximity() {
	for changed := true; changed; {
		changed = false
		for k := range s.hits {
			h := &s.hits[k]
			if !h.weak {
				continue
			}
			for j := range s.hits {
				o := &s.hits[j]
				if o.weak || j == k || !s.near(h, o) {
					continue
				}
				h.weak = false
				h.Evidence |= EvProximity
				if h.Confidence < 0.6 {
					h.Confidence = 0.6
				}
				changed = true
				break
			}
		}
	}
}

// near reports whether two hits are close enough to be one record.
func (s *scanner) near(a, b *hit) bool {
	gap := a.Start - b.End
	if b.Start > a.Start {
		gap = b.Start - a.End
	}
	return gap <= s.e.proxWin
}
