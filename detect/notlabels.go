package detect

// deniedBefore reports whether a word naming an identifier of another
// kind (CategoryInfo.NotLabels) for category ci stands in the context
// window before candidate c, and c is written whole: one group of digits,
// as an order's or a transaction's number is, never spaced or spelled
// otherwise. Only categories with such words are looked up.
func (s *scanner) deniedBefore(c cand, ci catIndex) bool {
	if !notLabelled.has(ci) || c.ev&EvObfuscated != 0 || c.end-c.start != len(c.norm) {
		return false
	}
	lo := max(0, c.start-s.e.ctxWindow, s.labelFloor)
	return lo < c.start && notLabels.labelsIn(s.text, lo, c.start).has(ci)
}

// notLabelled is the set of categories that have words in NotLabels.
var notLabelled = func() (set CategorySet) {
	for i := range registry {
		step()
		if len(registry[i].NotLabels) > 0 {
			set |= CategorySet(1) << uint(i)
		}
	}
	return set
}()
