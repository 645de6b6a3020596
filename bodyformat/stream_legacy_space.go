package bodyformat

// A page shows a run of white space, line ends included, as one space,
// so 电话 １３８, 300 spaces, a line end and １２３４５６７８ is one
// number on the screen (attack pass 29 F3), however far apart the bytes
// stand. A legacyGuard reads each window with such runs collapsed
// (collapseSpace), as the markup view of a buffered page does
// (markupReader.emit), and keeps its context collapsed as well
// (collapseSpaceIn): the context holds the last legacyContext bytes of
// what a page shows, not of white space. An open digit run a line ends
// in is held with the white space after it when the two take no more than
// legacyContext bytes (openTail, measured from the run's start to the line
// end); past that bound it goes out, and the collapsed context carries
// it: a value the next lines complete runs into what went out, and the
// stream fails closed (errLegacyMask) rather than release its rest.

// collapseSpace returns text with every run of white space (isSpaceByte)
// as one space, and offs (the offset of each of its bytes, as
// decodeCharsMapped maps them; nil: none) with the offsets of the bytes
// kept. text is returned as it is when it has no run to collapse.
func collapseSpace(text []byte, offs []int32) ([]byte, []int32) {
	if !hasSpaceRun(text) {
		return text, offs
	}
	t := make([]byte, 0, len(text))
	var o []int32
	if offs != nil {
		o = make([]int32, 0, len(offs))
	}
	for i, c := range text {
		countReadingSteps(1)
		if isSpaceByte(c) {
			if i > 0 && isSpaceByte(text[i-1]) {
				continue
			}
			c = ' '
		}
		t = append(t, c)
		if offs != nil {
			o = append(o, offs[i])
		}
	}
	if offs != nil {
		o = append(o, offs[len(text)])
	}
	return t, o
}

// hasSpaceRun reports whether text holds two white space bytes in a row,
// or a white space byte that is not a space.
func hasSpaceRun(text []byte) bool {
	for i, c := range text {
		if isSpaceByte(c) && (c != ' ' || i > 0 && isSpaceByte(text[i-1])) {
			return true
		}
	}
	return false
}

// collapseSpaceIn drops from b[from:], in place, every white space byte
// that follows one (b[from-1] included), and returns the length of what
// is left. White space is a character of its own in every fallback
// charset, never a trail byte: what is left reads in the same characters.
func collapseSpaceIn(b []byte, from int) int {
	w := from
	for i := from; i < len(b); i++ {
		countReadingSteps(1)
		if isSpaceByte(b[i]) && w > 0 && isSpaceByte(b[w-1]) {
			continue
		}
		b[w] = b[i]
		w++
	}
	return w
}
