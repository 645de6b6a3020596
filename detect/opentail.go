package detect

// A stream of tokens (an LLM's answer sent as many small events) reaches
// its reader piece by piece, and the reader joins the pieces: "1101" then
// "0519…" is one resident ID on the screen. A filter that releases each
// piece as soon as it has looked at it has released "1101" before it can
// know what follows. OpenTail tells a stream how much of the end of what
// it has seen may still be the beginning of an identifier, so that it
// holds that back until the next piece settles it.

// maxOpenTail bounds how far back OpenTail looks, and so how much text a
// stream holds back: more than the longest identifier in its most spread
// spelling that still fits a display line.
const maxOpenTail = 128

// maxTailPunct is the longest run of brackets and '#' an open tail reads
// back across: an identifier's spelling holds two at most ([at]), and a
// tail of brackets one a piece ("[" lines) is not held nor read again
// with every piece. A local part's punctuation (_ % +) is read back
// across up to maxLocalPunct in a row (zhang___san@qq.com split after its
// underscores): a tail of underscores one a piece is not held past it.
const (
	maxTailPunct  = 2
	maxLocalPunct = 8
)

// labelLook is how far back from the end a label still opens a value
// that may follow it (姓名： then the name in the next piece).
const labelLook = 48

// OpenTail returns where, in text, an identifier that the following text
// could complete may start: the start of a trailing token of digits,
// letters, separators, '@' and the like (a number, an e-mail address
// being spelled) with the digit groups before it, or of a label near the
// end whose value may still come. A trailing plain word (letters only) is
// not held: holding every word of a text stream would hold every event.
// An e-mail address split right before its first '.' or '@' may so show
// the first word of its local part.
// It returns len(text) when the end of text settles everything. It looks
// at no more than the last maxOpenTail bytes.
func (e *Engine) OpenTail(text []byte) int {
	end := len(text)
	floor := max(0, end-maxOpenTail)
	open, marked, digits := end, false, 0
	core := end            // where the last digit, letter or '@' read starts (end: none)
	punct, runAt := 0, end // the run of punctuation (uOther) read last, and where it ends
	local := false         // the run is a local part's punctuation only
	for p := end; p > floor; {
		step()
		u, at, ok := unitBefore(text, p)
		if !ok || at < floor || !continuesToken(u) {
			break
		}
		if u.kind == uOther {
			if punct == 0 {
				runAt, local = p, true
			}
			local = local && localPunct(u.val)
			if punct++; punct > maxTailPunct && (!local || punct > maxLocalPunct) {
				// "[[[" or "###": no identifier holds such a run, one
				// the next piece completes starts after it
				open = runAt
				break
			}
		} else {
			punct = 0
		}
		if u.kind == uDigit || u.kind == uLetter || u.kind == uAt {
			core = at
		}
		if u.kind == uDigit {
			if digits++; digits >= maxWindowDigits {
				// no identifier has more digits: one the next piece
				// completes starts after these (1 1 1 1 … held whole
				// would be read again with every piece)
				break
			}
		}
		// (a '.' or '-' inside: a local part, a.b.c.d@, a-b-c-d@, is spelled)
		marked = marked || u.kind == uDigit || u.kind == uAt || u.kind == uOther || u.val == '.' || u.val == '-'
		if !marked && end-at > maxLocalPart {
			// more letters than a local part or a domain's label holds:
			// nothing before them is read with them, and a plain word is
			// not held (one-letter pieces walked 128 bytes each)
			break
		}

		if u.kind == uSep && spaceSep(u.val) {
			// white space joins the groups of a number, not words
			if v, _, ok := unitBefore(text, at); !ok || v.kind != uDigit {
				break
			}
		}
		p, open = at, at
	}
	if !marked {
		open = end // a plain word: words are not held, the next piece may well be another
	}
	if core >= end || core < open {
		// separators and punctuation alone ("[", "{", "..."): no
		// identifier starts in them; one the next piece brings is read
		// with them as context
		open = end
	}
	if end-open <= maxKeptDigits && open < end && starsEndAt(text, open) && allASCIIDigits(text[open:end]) {
		// what a mask kept (138****5678): whatever the next piece brings,
		// the reader sees these few digits and the piece, and the piece is
		// read with them; a number they would start shows no more of
		// itself than a partial mask does
		open = end
	}
	// a label near the end: what follows it may be its value
	for i := max(floor, end-labelLook); i < end; i++ {
		step()
		if b := text[i]; b < 0x80 && len(labels.ascii[b|asciiLowerBit(b)]) == 0 || b >= 0x80 && b < 0xC0 {
			continue
		}
		if _, ok := labels.matchAt(text, i); ok {
			return min(open, i)
		}
	}
	return open
}

// localPunct reports the punctuation of an e-mail address's local part
// that continuesToken reads.
func localPunct(v byte) bool { return v == '_' || v == '%' || v == '+' }

// continuesToken reports the units an identifier, or an e-mail address,
// may run on with: digits, letters and separators in any spelling, '@',
// invisible characters, and the punctuation of local parts and domains.
func continuesToken(u unit) bool {
	switch u.kind {
	case uDigit, uLetter, uSep, uIgnore, uAt:
		return true
	case uOther:
		switch u.val {
		case '_', '%', '+', '#', '[', ']':
			return true
		}
	}
	return false
}

// maxKeptDigits is the most digits a partial mask keeps at either end.
const maxKeptDigits = 4

// starsEndAt reports whether a run of three or more stars, as a mask
// writes, ends right before text[i].
func starsEndAt(text []byte, i int) bool {
	n := 0
	for i > 0 && text[i-1] == '*' && n < 3 {
		i--
		n++
	}
	return n == 3
}

// allASCIIDigits reports whether b is made of ASCII digits only.
func allASCIIDigits(b []byte) bool {
	for _, c := range b {
		if !isASCIIDigit(c) {
			return false
		}
	}
	return true
}
