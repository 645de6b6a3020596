package bodyformat

import (
	"slices"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// sniffedWide reports whether cs (after bom bytes of a byte-order mark)
// is UTF-16 or UTF-32 only by the NUL bytes of the body (sniffWide): no
// mark and no label of either. A browser never reads such a body so
// (fetch's Response.json() and EventSource decode UTF-8, a page its label
// or UTF-8): there the NUL bytes are drawn as nothing, and
// 3\x001\x000\x00… after a few other bytes is an ID.
func sniffedWide(cs *charset, bom int, params map[string]string) bool {
	if cs.unit <= 1 || bom > 0 {
		return false
	}
	decl := labelCharset(params["charset"])
	return decl == nil || decl.unit <= 1
}

// sniffedWideBody is charsetBody for a body that is UTF-16 or UTF-32 only
// by its NUL bytes (sniffedWide): read in that charset, then its bytes,
// as redacted so far, read again as UTF-8 text, as a browser reads them.
// A value either reading finds is masked; one the UTF-8 reading finds
// again (a UTF-16 body's ASCII digits with a NUL between each, which the
// engine reads through) is counted once.
func (in *inspector) sniffedWideBody(b []byte, cs *charset, mt string, params map[string]string, hint detect.CategorySet, nest int) ([]byte, string, error) {
	return in.wideThenUTF8(b, cs, 0, mt, params, hint, nest)
}

// wideThenUTF8 reads b, in cs (UTF-16 or UTF-32) after a byte-order mark
// of bom bytes, in cs (decodedBody), then its bytes as UTF-8 (thenUTF8);
// what the second reading finds is starred byte for byte, keeping a body
// valid in cs valid (starBytes).
func (in *inspector) wideThenUTF8(b []byte, cs *charset, bom int, mt string, params map[string]string, hint detect.CategorySet, nest int) ([]byte, string, error) {
	return in.thenUTF8(b, hint, func() ([]byte, string, error) {
		return in.decodedBody(b, cs, bom, mt, params, hint, nest)
	}, func(cur []byte, fs []detect.Finding) ([]byte, error) {
		return starBytes(cur, fs, cs), nil
	})
}

// thenUTF8 is the one road of a body read in its charset and then as
// UTF-8 (a receiver that ignores the charset): first reads b in its
// charset; its output, or b when nothing changed, is then read as UTF-8
// text (each invalid sequence a U+FFFD, as a UTF-8 decoder shows it). A
// value both readings find is counted once, and starred wherever the
// second finds it: star writes the second reading's findings into the
// body in a way that keeps it valid in its charset. It returns nil when
// nothing changed. The copy star makes, as long as b, is charged to the
// memory budget before either reading, whichever road (a label's, a
// sniffed UTF-16 body's), and given back when none is made (the UTF-8
// reading finds nothing, or the mode writes nothing) or the body fails.
func (in *inspector) thenUTF8(b []byte, hint detect.CategorySet, first func() ([]byte, string, error), star func(cur []byte, fs []detect.Finding) ([]byte, error)) ([]byte, string, error) {
	if err := in.reserve(int64(len(b))); err != nil {
		return nil, "", err
	}
	giveBack := func() {
		if in.meter != nil {
			in.meter.release(int64(len(b)))
		}
	}
	n := len(in.findings)
	out, format, err := first()
	if err != nil {
		giveBack()
		return nil, format, err
	}
	cur := b
	if out != nil {
		cur = out
	}
	fs := in.read(cur, hint)
	if in.failed() {
		giveBack()
		return nil, format, nil
	}
	in.account(dropFoundBefore(slices.Clone(fs), in.findings[n:]))
	if len(fs) == 0 || in.mode != Redact {
		giveBack()
		return out, format, nil
	}
	starred, err := star(cur, fs)
	if err != nil {
		giveBack()
		return nil, "", err
	}
	return starred, format, nil
}

// starBytes returns b, a body read in cs (UTF-16 or UTF-32) whose bytes
// read as UTF-8 hold fs, with every byte of fs but its NUL bytes a star:
// the body keeps its length, and read as UTF-8 it shows stars where the
// value stood. Should that leave a body valid in cs invalid in it (a
// surrogate's byte starred), the code units fs fall in are written as
// stars in cs instead, a surrogate pair whole (starUnits). The spans are
// merged first (mergedSpans): each byte is starred at most once, however
// the findings overlap.
func starBytes(b []byte, fs []detect.Finding, cs *charset) []byte {
	spans := mergedSpans(fs, len(b))
	out := slices.Clone(b)
	for _, sp := range spans {
		for k := sp[0]; k < sp[1]; k++ {
			countReadingSteps(1)
			if out[k] != 0 {
				out[k] = '*'
			}
		}
	}
	if wideValid(b, cs) && !wideValid(out, cs) {
		return starUnits(b, spans, cs)
	}
	return out
}

// mergedSpans returns the spans of fs clipped to [0, n), sorted, and
// merged where they overlap or touch, so that a walk over them visits
// each byte at most once.
func mergedSpans(fs []detect.Finding, n int) [][2]int {
	spans := make([][2]int, 0, len(fs))
	for _, f := range fs {
		if s, e := max(f.Start, 0), min(f.End, n); s < e {
			spans = append(spans, [2]int{s, e})
		}
	}
	slices.SortFunc(spans, func(x, y [2]int) int { return x[0] - y[0] })
	merged := spans[:0]
	for _, sp := range spans {
		if k := len(merged) - 1; k >= 0 && sp[0] <= merged[k][1] {
			merged[k][1] = max(merged[k][1], sp[1])
			continue
		}
		merged = append(merged, sp)
	}
	return merged
}

// starUnits returns b, a body in cs (UTF-16 or UTF-32), with the code
// units each of spans (merged byte spans found reading b's bytes as UTF-8,
// mergedSpans) falls in written as stars in cs, a surrogate pair whole:
// the body stays valid in its charset.
func starUnits(b []byte, spans [][2]int, cs *charset) []byte {
	out := slices.Clone(b)
	u := cs.unit
	for _, sp := range spans {
		s, e := sp[0]-sp[0]%u, min(sp[1]+(u-sp[1]%u)%u, len(out)-len(out)%u)
		if u == 2 && s >= 2 && isHighSurrogate(out[s-2:], cs) {
			s -= 2 // the pair's first half stands before the span
		}
		if u == 2 && e >= s+2 && e+2 <= len(out) && isHighSurrogate(out[e-2:], cs) {
			e += 2 // and its second half after it
		}
		for k := s; k+u <= e; k += u {
			countReadingSteps(1)
			clear(out[k : k+u])
			if cs.big {
				out[k+u-1] = '*'
			} else {
				out[k] = '*'
			}
		}
	}
	return out
}

// wideValid reports whether b is valid UTF-16 or UTF-32 text in cs: whole
// code units, surrogates paired, characters within Unicode.
func wideValid(b []byte, cs *charset) bool {
	u := cs.unit
	if len(b)%u != 0 {
		return false
	}
	for i := 0; i < len(b); i += u {
		countReadingSteps(1)
		r := codeUnit(b[i:], cs)
		switch {
		case u == 4:
			if r < 0 || r > 0x10ffff || r >= 0xd800 && r < 0xe000 {
				return false
			}
		case r >= 0xd800 && r < 0xdc00:
			if i+4 > len(b) {
				return false
			}
			if lo := codeUnit(b[i+2:], cs); lo < 0xdc00 || lo >= 0xe000 {
				return false
			}
			i += 2
		case r >= 0xdc00 && r < 0xe000:
			return false
		}
	}
	return true
}

// isHighSurrogate reports whether the UTF-16 code unit b starts with is
// the first half of a surrogate pair.
func isHighSurrogate(b []byte, cs *charset) bool {
	r := codeUnit(b, cs)
	return r >= 0xd800 && r < 0xdc00
}

// dropFoundBefore returns fs without the findings of a value among
// before (the same category and mask): the same value found in another
// reading of the same bytes. Each finding is looked up once.
func dropFoundBefore(fs, before []detect.Finding) []detect.Finding {
	if len(before) == 0 {
		return fs
	}
	type value struct {
		cat    detect.Category
		masked string
	}
	seen := make(map[value]bool, len(before))
	for _, g := range before {
		seen[value{g.Category, g.Masked}] = true
	}
	return slices.DeleteFunc(fs, func(f detect.Finding) bool { return seen[value{f.Category, f.Masked}] })
}
