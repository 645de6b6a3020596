package bodyformat

import "github.com/piifilter/caddy-pii-filter/detect"

// Two readings of one piece may find one value over one span and mask it
// differently: the engine masks a value whole when the characters its mask
// keeps would join what follows (detect/maskglue.go), and whether they
// would depends on how the reading shows the byte between them (a lone
// \xad read as U+FFFD, a separator, or as a byte of its own). The merge
// of the readings keeps, for such a span, the mask that keeps fewer of the
// value's characters: the one that keeps more leaves digits a second
// redaction reads as a new number (170****0700\xad2000 0000 read again
// as the landline 0700-****0000).

// absorb merges f into last, the finding of a merge that f overlaps (f
// starts at or after last does): the merged finding spans both; it keeps
// last's category and fingerprint, and takes f's mask when f spans just
// what last does and its mask keeps fewer characters (hidesMore).
//
// A mask that copies markup as written (a value read across cells keeps
// the tags between its parts: cellsFinding) is to mask f where it stands
// when f is another value (overlapsOther): f may stand in that markup (an
// e-mail in a title= between the cells), which the mask would write out.
// f's span is noted in h, which masks it in last's mask when the merge is
// done with last (markupHoles.fill, markupcopied.go).
func absorb(last *detect.Finding, f *detect.Finding, h *markupHoles) {
	if f.Start == last.Start && f.End == last.End && hidesMore(f.Masked, last.Masked) {
		last.Masked = f.Masked
		h.newMask(last)
	}
	if overlapsOther(*last, *f) {
		h.add(last, f)
	}
	last.End = max(last.End, f.End)
}

// hidesMore reports whether mask x keeps fewer of a value's characters
// than mask y does (keptChars).
func hidesMore(x, y string) bool { return keptChars(x) < keptChars(y) }

// keptChars counts the characters of a mask that can be a value's own: ASCII
// letters and digits and every character above ASCII (a name's kept 张, a
// full-width digit, each counted by its first byte). Stars, separators and
// punctuation are the mask's.
func keptChars(mask string) int {
	n := 0
	for k := 0; k < len(mask); k++ {
		c := mask[k]
		l := c | 0x20
		if '0' <= c && c <= '9' || 'a' <= l && l <= 'z' || c >= 0xC0 {
			n++
		}
	}
	return n
}
