package detect

import "unicode/utf8"

// When two confirmed hits overlap, one stays (confirmed) and the other is
// dropped; what the dropped one covered beyond the kept one's span would
// go out raw, and a second reading would find it (京A00000京@0.AA: the
// plate stayed, 京@0.AA of the address showed). The kept hit covers that
// part too: its finding spans both, and under a star mask a star stands
// for each character of it; a label or a pseudonym stands for the whole.
// The hit keeps its own span, from which its value and mask come.

// hitPad is the span a kept hit covers beyond its own, and the characters
// of text before and after its own span in it.
type hitPad struct {
	k          int // the kept hit's index
	start, end int // the span it covers
	pre, post  int // characters of text[start:hit.Start] and text[hit.End:end]
}

// keptStart and keptEnd return the span the last of kept covers.
func (s *scanner) keptStart(kept []hit) int {
	k := len(kept) - 1
	if n := len(s.pads); n > 0 && s.pads[n-1].k == k {
		return s.pads[n-1].start
	}
	return kept[k].Start
}

func (s *scanner) keptEnd(kept []hit) int {
	k := len(kept) - 1
	if n := len(s.pads); n > 0 && s.pads[n-1].k == k {
		return s.pads[n-1].end
	}
	return kept[k].End
}

// cover records that kept hit k, h, covers start..end.
func (s *scanner) cover(k, start, end int, h *hit) {
	n := len(s.pads)
	has := n > 0 && s.pads[n-1].k == k
	switch {
	case start >= h.Start && end <= h.End:
		if has {
			s.pads = s.pads[:n-1]
		}
	case has:
		s.pads[n-1].start, s.pads[n-1].end = start, end
	default:
		s.pads = append(s.pads, hitPad{k: k, start: start, end: end})
	}
}

// measurePads counts the characters each pad adds before and after its
// hit. The pads cover disjoint spans, so this reads the text once at most.
func (s *scanner) measurePads(kept []hit) {
	for i := range s.pads {
		p := &s.pads[i]
		h := &kept[p.k]
		p.pre = utf8.RuneCount(s.text[p.start:h.Start])
		p.post = utf8.RuneCount(s.text[h.End:p.end])
		step()
	}
}

// padOf returns the pad of kept hit k, h: its recorded one, or its own
// span. next is the index in s.pads to look from; calls come in order of k.
func (s *scanner) padOf(k int, h *hit, next *int) hitPad {
	for *next < len(s.pads) && s.pads[*next].k < k {
		*next++
	}
	if *next < len(s.pads) && s.pads[*next].k == k {
		return s.pads[*next]
	}
	return hitPad{k: k, start: h.Start, end: h.End}
}

// padStars returns the stars that stand before and after a hit's mask for
// its pad: none under a label or a pseudonym mask.
func (s *scanner) padStars(p hitPad) (pre, post int) {
	if s.e.mask == MaskLabel || s.e.mask == MaskHash {
		return 0, 0
	}
	return p.pre, p.post
}
