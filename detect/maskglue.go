package detect

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
// groups says the value is read in alphanumeric groups (an IBAN: GB33
// IZCR…), where a separator joins letters too.
func keptGlued(text []byte, start, end int, mask []byte, groups bool) bool {
	if len(mask) == 0 {
		return false
	}
	return isASCIIAlnum(mask[0]) && gluedBefore(text, start, groups) ||
		isASCIIAlnum(mask[len(mask)-1]) && gluedAfter(text, end, groups)
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
// behind one separator.
func gluedBefore(text []byte, i int, groups bool) bool {
	u, at, ok := unitBeforeSkipping(text, i)
	if !ok {
		return false
	}
	if u.kind == uSep {
		u, _, ok = unitBeforeSkipping(text, at)
		return ok && joinsAcrossSeparator(u, groups)
	}
	return gluesKept(u)
}

// gluedAfter reports whether a gluing unit starts at text[i], directly or
// behind one separator.
func gluedAfter(text []byte, i int, groups bool) bool {
	u, next, ok := unitAfterSkipping(text, i)
	if !ok {
		return false
	}
	if u.kind == uSep {
		u, _, ok = unitAfterSkipping(text, next)
		return ok && joinsAcrossSeparator(u, groups)
	}
	return gluesKept(u)
}

// unitAfterSkipping returns the unit at text[i], passing over ignorable
// units (zero-width characters), and the offset after it.
func unitAfterSkipping(text []byte, i int) (u unit, next int, ok bool) {
	for i < len(text) {
		step()
		u = decodeUnit(text, i)
		if u.kind != uIgnore {
			return u, i + u.size, true
		}
		i += u.size
	}
	return unit{}, i, false
}
