package detect

// RedactSampled returns text with every finding replaced by its mask, as
// Apply(text, FindSampled(text, hint, samples)) does, for a caller that
// keeps only a summary of the findings and a few samples (an incident
// entry): the masks are written straight into the result, and no Finding
// is made for the findings that are not samples, so a dense body costs no
// memory for each of its findings beyond the scan's own. It also returns
// the Summary of every finding, and as samples the first findings with a
// value none before them had (at most samples of them), each with its
// fingerprint. When nothing is found it returns text itself, not a copy.
func (e *Engine) RedactSampled(text []byte, hint CategorySet, samples int) ([]byte, Summary, []Finding) {
	s := e.newScanner(text, hint)
	s.pass()
	out, sum, found := s.redact(max(0, samples))
	s.release()
	return out, sum, found
}

// redact is RedactSampled after the pass.
func (s *scanner) redact(samples int) ([]byte, Summary, []Finding) {
	kept := s.confirmed()
	sum := Summary{Counts: make(map[Category]int)}
	if len(kept) == 0 {
		return s.text, sum, nil
	}
	out := make([]byte, 0, len(s.text)-s.keptBytes(kept)+s.maskBytes(kept))
	var counts [len(registry)]int
	var found []Finding
	sampled := s.sampled[:0]
	var fpBuf [fingerprintHex]byte
	prev, next := 0, 0
	for k := range kept {
		step()
		h := &kept[k]
		pad := s.padOf(k, h, &next)
		counts[h.cat]++
		out = append(out, s.text[prev:pad.start]...)
		prev = pad.end
		sample := len(sampled) < samples && s.newSample(kept, sampled, k)
		var fp []byte
		if sample || s.e.mask == MaskHash {
			fp = s.appendFingerprint(fpBuf[:0], h.cat, s.norm(h))
		}
		ms := len(out)
		out = s.appendKeptMask(out, h, pad, fp)
		if sample {
			sampled = append(sampled, k)
			found = append(found, Finding{
				Category:    AllCategories[h.cat],
				Start:       pad.start,
				End:         pad.end,
				Confidence:  s.confidence(h),
				Evidence:    h.evidence(),
				Masked:      string(out[ms:]),
				Fingerprint: string(fp),
			})
		}
	}
	s.sampled = sampled
	for i, c := range counts {
		if c > 0 {
			sum.Categories |= 1 << uint(i)
			sum.Counts[AllCategories[i]] = c
		}
	}
	return append(out, s.text[prev:]...), sum, found
}
