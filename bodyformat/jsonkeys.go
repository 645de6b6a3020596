package bodyformat

// The keys of an array of records repeat on every record, and a key is
// read as text like a value (personal data used as a key is masked too).
// A key read once and found clean is not read again in the same
// document: its reading is a function of its bytes alone (a key is read
// under no key's denial: object), so the second reading would find
// nothing again. What the first reading cost in work
// is spent again, so that Limits.MaxWork runs out where it would have.

// readKey reads key, the raw content of the key string that starts at
// src[start] (without escapes), as inspectText does, or, when the same
// key was read in this document and found clean, only spends the work
// that reading cost. s is the key's slot in the walk's hint cache.
func (w *jsonWalker) readKey(start int, key []byte, s *hintSlot) {
	if len(key) < minTextLen || w.forced[start] != nil {
		w.inspectText(start, key, false, 0)
		return
	}
	in := w.in
	if s.clean {
		if in.meter != nil {
			if in.meter.err != nil {
				return // find finds nothing
			}
			_ = in.meter.spend(s.work)
		}
		in.account(nil)
		return
	}
	var work int64
	var reserves int
	if in.meter != nil {
		work, reserves = in.meter.work, in.meter.reserves
	}
	found, kept, counted, denials, owed := len(w.lastFound), len(in.findings), in.summary.Categories, in.denials, int64(0)
	if in.meter != nil {
		owed = in.meter.owed
	}
	w.inspectText(start, key, false, 0)
	if len(w.lastFound) != found || len(in.findings) != kept || in.summary.Categories != counted || in.denials != denials {
		// found something (or a reading inside it did), or a denial
		// dropped something that another key's value would keep: read
		// again next time
		return
	}
	if in.meter != nil {
		if in.meter.err != nil || in.meter.reserves != reserves || in.meter.owed != owed {
			return
		}
		work -= in.meter.work
	}
	s.clean, s.work = true, work
}
