package detect

import (
	"bytes"
	"unicode/utf8"
)

// A partial mask keeps a few characters of a value (138****5678,
// ***-**-0700). Kept characters that touch other digits or letters, or
// are joined to them by one separator, would be read again together with
// them: ***-**-0700 2000000 reads as a landline. Letters glue only when
// they touch; a separator joins digits to digits. Such a value is masked
// whole instead, so that redacting twice changes nothing and no mask ever
// lends its kept digits to a neighbour. Digits next to a mask's stars are
// read like any others: "**** 13812345678" is a mobile.

// keptGlued reports whether the partial mask of the value at
// text[start:end] would leave a kept character glued to its neighbours.
// An IBAN is read in alphanumeric groups (GB33 IZCR…), where a separator
// joins letters too; an address's kept first character also glues to the
// last label of a domain before it, in any script (x@妕.冀a***@…: 冀a is
// that domain's TLD on a second reading).
func keptGlued(text []byte, start, end int, mask []byte, cat Category) bool {
	if len(mask) == 0 {
		return false
	}
	groups := cat == IBAN
	first, last := mask[0], mask[len(mask)-1]
	return isASCIIAlnum(first) && (gluedBefore(text, start, spansSeparator(first, groups), groups) || charRefBefore(text, start) || escapeBefore(text, start) || cat == Email && domainLabelBefore(text, start)) ||
		(isASCIIAlnum(last) || cat == Email && keptDomainLetterAtEnd(mask)) && gluedAfter(text, end, spansSeparator(last, groups), groups)
}

// keptDomainLetterAtEnd reports whether an address's mask ends in a letter
// of its domain in any script: it glues to what follows as an ASCII one
// does (0@ϡ0.Aϡ@0.ϊA kept aϡ, the local part of the next address on a
// second reading).
func keptDomainLetterAtEnd(mask []byte) bool {
	r, _ := utf8.DecodeLastRune(mask)
	return intlLetter(r)
}

// spansSeparator reports whether a kept character k is read together
// with what lies behind a separator: a digit is (a number's groups), a
// letter only in a value read in groups. z***@qq.com 1… keeps its m.
func spansSeparator(k byte, groups bool) bool {
	return isASCIIDigit(k) || groups
}

// joinsAcrossSeparator reports whether u, behind a separator, is read
// together with a kept character: a digit, or any letter or digit in a
// value read in groups.
func joinsAcrossSeparator(u unit, groups bool) bool {
	return u.kind == uDigit || groups && u.kind == uLetter
}

// gluesKept reports whether a unit next to a kept character joins it into
// a longer token: a digit, a letter, an '@' or an '_'.
func gluesKept(u unit) bool {
	return isWordUnit(u) || u.kind == uAt || u.val == '_'
}

// gluedBefore reports whether a gluing unit ends at text[i], directly or
// behind a gap of separators as a number's groups may have (gap).
func gluedBefore(text []byte, i int, acrossSep, groups bool) bool {
	u, at, ok := unitBeforeSkipping(text, i)
	if !ok || u.kind != uSep && !gapMark(u, acrossSep) {
		return ok && gluesKept(u)
	}
	if !acrossSep {
		return false
	}
	for units, ignored := 1, 0; ; {
		step()
		u, at, ok = unitBefore(text, at)
		switch {
		case !ok:
			return false
		case u.kind == uSep || gapMark(u, acrossSep):
			if units++; units > maxGapUnits {
				return false
			}
		case u.kind == uIgnore:
			if ignored++; ignored > maxGapIgnored {
				return false
			}
		default:
			return joinsAcrossSeparator(u, groups)
		}
	}
}

// gapMark reports a '#' between a kept digit and the digits before it:
// a reading of the body drops it ("…461# 6***@…" is read "…461 6***",
// an ID on a second reading), so it is a gap a number spans.
func gapMark(u unit, acrossSep bool) bool { return acrossSep && u.kind != uSep && u.val == '#' }

// gluedAfter reports whether a gluing unit starts at text[i], directly or
// behind a gap of separators as a number's groups may have (gap).
func gluedAfter(text []byte, i int, acrossSep, groups bool) bool {
	for i < len(text) {
		if spelledAtAhead(text, i) {
			// 138****5678 at qq dot com, P*****67[at]qq.com, 00艾特qq.com:
			// the kept characters would be the local part of a spelled
			// address on a second reading
			return true
		}
		u := decodeUnit(text, i)
		if u.kind == uIgnore {
			step()
			i += u.size
			continue
		}
		// a local part that runs into an '@' (1000%@0.AA, +20010000-@0.AA):
		// the kept digits would join it on a second reading
		if isLocalPartUnit(u) && localPartAhead(text, i) || intlLocalPartAhead(text, i) {
			return true
		}
		if u.kind != uSep {
			return gluesKept(u)
		}
		if !acrossSep {
			return false
		}
		_, _, after, ok := gap(text, i)
		return ok && joinsAcrossSeparator(after, groups)
	}
	return false
}

// domainLabelBefore reports whether text[:i] ends with a domain's label:
// letters of any script, digits or '-' (at most maxDomainLabel bytes)
// after a '.' that follows another such character.
func domainLabelBefore(text []byte, i int) bool {
	j := i
	for j > 0 && i-j <= maxDomainLabel {
		step()
		r, size := lastRune(text, j)
		if !(intlLetter(r) || r < utf8.RuneSelf && (isASCIIAlnum(byte(r)) || r == '-')) {
			break
		}
		j -= size
	}
	if j == i || j < 2 || text[j-1] != '.' {
		return false
	}
	r, _ := lastRune(text, j-1)
	return intlLetter(r) || r < utf8.RuneSelf && isASCIIAlnum(byte(r))
}

// maxDomainLabel is the longest label of a domain, in bytes.
const maxDomainLabel = 63

// charRefBefore reports whether text[:i] ends with the opening of a
// numeric character reference ("&#", "&#x"): kept digits after it would
// be read as the reference (1700000000&#178****0000 shows ², a digit that
// completes the number before it).
func charRefBefore(text []byte, i int) bool {
	if i == 0 || text[i-1] != '#' && text[i-1] != 'x' && text[i-1] != 'X' {
		return false // asked before every kept mask, which almost never follows one
	}
	head := text[:i]
	return bytes.HasSuffix(head, []byte("&#")) || bytes.HasSuffix(head, []byte("&#x")) || bytes.HasSuffix(head, []byte("&#X"))
}

// escapeBefore reports whether text[:i] ends with a '%' or a backslash:
// kept digits after it would be read as a percent escape or an octal
// one by the readings that decode them (%170****0000 is the control
// 0x17, then 0****0000: the 0 joins the digits before the '%' once the
// control between is read as nothing, an ID on a second redaction that
// the digits after it hid on the first).
func escapeBefore(text []byte, i int) bool {
	return i > 0 && (text[i-1] == '%' || text[i-1] == '\\')
}

// spelledAtAhead reports whether text[i:] starts with an '@' spelled as the
// scanner reads one after a local part: " at " (or " AT ") and a word,
// perhaps empty, then " dot ", as spelledEmails reads it; or "[at]", "(at)"
// in any case, or another of atSpellings, with at most one space before, as
// spelledAtToken reads them; " @ "; a '#' written for an '@'. A kept
// character before it would be that address's local part.
func spelledAtAhead(text []byte, i int) bool {
	if i >= len(text) || !spelledAtLead[text[i]] {
		return false // asked at every character of a local part, which is almost never one
	}
	rest := text[i:min(len(text), i+maxSpelledDomainWord)]
	if bytes.HasPrefix(rest, []byte(" at ")) || bytes.HasPrefix(rest, []byte(" AT ")) {
		rest = rest[len(" at "):]
		// the word may be empty, as spelledEmails reads it: "at  dot dot
		// AA" spells @dot.aa
		k := bytes.IndexByte(rest, ' ')
		return k >= 0 && bytes.HasPrefix(rest[k:], []byte(" dot "))
	}
	if bytes.HasPrefix(rest, []byte(" @ ")) {
		return true // zhang @ qq.com
	}
	if len(rest) > 0 && rest[0] == ' ' {
		rest, i = rest[1:], i+1
	}
	if len(rest) == 0 {
		return false
	}
	// every spelling of atSpellings starts with one of these bytes
	if c := rest[0]; c != '[' && c != '(' && c != '{' && c != 0xE8 && c != 0xE3 && c != 0xEF && c != '#' {
		return false
	}
	if !maySpellAt(rest) {
		// a '#' written for an '@' (zhang#qq.com)
		return bytes.HasPrefix(rest, []byte("#")) || bytes.HasPrefix(rest, []byte("＃"))
	}
	for _, w := range atSpellings {
		step()
		if len(rest) >= len(w) && asciiEqualFold(rest[:len(w)], w) {
			return true
		}
	}
	// a '#' written for an '@' (zhang#qq.com)
	return bytes.HasPrefix(rest, []byte("#")) || bytes.HasPrefix(rest, []byte("＃"))
}

// spelledAtLead holds the bytes a spelled '@' can start with, as
// spelledAtAhead reads it: the space before " at " or " @ " or before
// another spelling, and the first bytes of atSpellings and of '#' and '＃'
// (TestSpelledAtLeads).
var spelledAtLead = func() (t [256]bool) {
	for _, c := range []byte{' ', '[', '(', '{', 0xE8, 0xE3, 0xEF, '#'} {
		t[c] = true
	}
	return t
}()

// maxSpelledDomainWord bounds how far spelledAtAhead looks: spelledEmails
// finds " at " at most 80 bytes before its " dot ".
const maxSpelledDomainWord = 90

// intlLocalPartAhead reports whether letters of any script, starting with
// one that is not ASCII, run from text[i] into an '@' within a local
// part's length: a kept character before them would start that address's
// local part on a second reading (京A****0京@0.AA: 0京@0.AA is an address,
// 京@0.AA alone is not, behind a character that is no delimiter).
func intlLocalPartAhead(text []byte, i int) bool {
	if r, _ := utf8.DecodeRune(text[i:]); r < utf8.RuneSelf || !intlLetter(r) {
		return false
	}
	// an '@' within a local part's bytes, as it may be spelled: '@', a
	// character reference ('&'), a full-width form (lead byte 0xEF); most
	// text has none, and is not walked (plates glued in a row were)
	w := text[i:min(len(text), i+maxLocalBytes+8)]
	if bytes.IndexByte(w, '@') < 0 && bytes.IndexByte(w, '&') < 0 && bytes.IndexByte(w, 0xEF) < 0 {
		return false
	}
	for n := 0; n < maxLocalPart && i < len(text); n++ {
		step()
		u := decodeUnit(text, i)
		if u.kind == uAt {
			return true
		}
		r, size := utf8.DecodeRune(text[i:])
		switch {
		case u.kind == uIgnore || isLocalPartUnit(u):
			i += u.size
		case intlLetter(r):
			i += size
		default:
			return false
		}
	}
	return false
}
