package detect

// What the partial mask of an address keeps (keepDistrict) is known when
// the address is emitted, which needs it to decide; it is remembered then,
// so that the mask made in finish does not read the address again.

// addrKeep is what keepDistrict keeps of the address text[start:start+size]:
// its first kept bytes.
type addrKeep struct {
	start int
	size  uint16
	kept  uint8
}

// rememberKept records that keepDistrict keeps kept bytes of the address
// text[start:end], when the sizes fit.
func (s *scanner) rememberKept(start, end, kept int) {
	if end-start <= 0xFFFF && kept <= 0xFF {
		s.addrKept = append(s.addrKept, addrKeep{start: start, size: uint16(end - start), kept: uint8(kept)})
	}
}

// keptOf returns how many bytes the partial mask of h keeps, when h is an
// address masked in part whose value is its very span of the text and
// whose keepDistrict was remembered. It is asked of the hits in the order
// of their starts, and passes the remembered addresses in the same order:
// one walk over them in all. An address it misses (remembered out of
// order) is masked by maskAddress, which reads it again to the same end.
func (s *scanner) keptOf(h *hit) (int, bool) {
	if h.cat != addressIndex || int(h.normOff) >= len(s.arena) || s.arena[h.normOff] != 0 {
		return 0, false // not an address, or its value is not its span as written
	}
	switch s.e.mask {
	case MaskLabel, MaskHash, MaskFull:
		return 0, false
	}
	for s.addrNext < len(s.addrKept) && s.addrKept[s.addrNext].start < h.Start {
		step()
		s.addrNext++
	}
	if s.addrNext < len(s.addrKept) {
		if k := s.addrKept[s.addrNext]; k.start == h.Start && int(k.size) == h.End-h.Start {
			return int(k.kept), true
		}
	}
	return 0, false
}
