package bodyformat

import "unicode/utf8"

// triggers counts its two runs (a base64 token's, a hex text's) with two
// small automata rather than branches a byte: each byte picks the next
// state of each from a table (b64Next, hexNext), and the last state of
// each tells whether its run occurred. Their states are what the counting
// needs to remember: for the base64 run its length so far (to
// minBase64Token, the accepting state past it), the white space since its
// last piece (gap), whether a piece looked like base64 (digit) and
// whether the byte before was a small letter; for the hex run its length
// (to minHexText, accepting). Both accepting states are absorbing. The
// tables have a row for every state a uint8 can name, so no look-up is
// bounds checked; the rows past the accepting states are never reached.

// b64Accept is the base64 automaton's accepting state; its other states
// number the (run, gap, digit, after a small letter) tuples b64State packs.
const b64Accept = minBase64Token * 3 * 2 * 2

// b64State packs a state of the base64 run for b64Next.
func b64State(run, gap int, digit, lower bool) uint8 {
	s := (run*3 + gap) * 4
	if digit {
		s += 2
	}
	if lower {
		s++
	}
	return uint8(s)
}

// b64Step is the base64 run's counting as triggersEveryByte does it, for
// the byte c after the state (run, gap, digit, lower): the state after it,
// b64Accept once the run is minBase64Token long.
func b64Step(run, gap int, digit, lower bool, c byte) uint8 {
	k := triggerOf[c]
	switch {
	case k&base64Run != 0:
		// a digit, or a capital after a small letter (dGVs): no word's
		digit = digit || k&trigDigit != 0 || k&upperByte != 0 && lower
		if run++; run == minBase64Token {
			return b64Accept
		}
		return b64State(run, 0, digit, k&lowerByte != 0)
	case k&base64Gap != 0 && run > 0 && digit && gap < 2:
		return b64State(run, gap+1, digit, false) // pieces readBase64 joins (MTM4 MTIz …)
	}
	return b64State(0, 0, false, false)
}

// b64Next is the base64 automaton: the state after a state and a byte.
var b64Next = func() (t [256][256]uint8) {
	for c := range 256 {
		t[b64Accept][c] = b64Accept
		for run := range minBase64Token {
			for gap := range 3 {
				for _, digit := range []bool{false, true} {
					for _, lower := range []bool{false, true} {
						t[b64State(run, gap, digit, lower)][c] = b64Step(run, gap, digit, lower, byte(c))
					}
				}
			}
		}
	}
	return t
}()

// hexNext is the hex automaton: the state after a state (the run's
// length, minHexText once found) and a byte: a hex digit counts, what a
// dump sets bytes apart with (hexSep) keeps the count, any other byte
// ends the run.
var hexNext = func() (t [256][256]uint8) {
	for c := range 256 {
		k := triggerOf[c]
		t[minHexText][c] = minHexText
		for run := range minHexText {
			switch {
			case k&hexByte != 0:
				t[run][c] = uint8(run + 1)
			case k&hexSep != 0:
				t[run][c] = uint8(run)
			}
		}
	}
	return t
}()

// lookalikeShift moves a byte's trigDigit onto the next byte's
// lookalikeByte: a look-alike right after a digit.
const lookalikeShift = 18

// The index is 0 only when the shift puts trigDigit on lookalikeByte.
var _ = [1]struct{}{}[trigDigit<<lookalikeShift^lookalikeByte]

// triggerRuns is triggers' pass over text, before trigNoDigit and with
// the byte marks.
func triggerRuns(text []byte) trigger {
	var t, lk, prev trigger
	var b, h uint8 // the states of the two automata
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c >= utf8.RuneSelf {
			// a run of bytes outside ASCII (Chinese text): each ends both
			// runs (TestTriggersWideBytesUnmarked) and adds its trigger
			j := i
			for ; j < len(text) && text[j] >= utf8.RuneSelf; j++ {
				t |= triggerOf[text[j]]
			}
			prev = triggerOf[text[j-1]]
			b, h = b64Next[b][c], hexNext[h][c]
			i = j - 1
			continue
		}
		k := triggerOf[c]
		t |= k
		lk |= k & (prev << lookalikeShift) // a look-alike after a digit
		prev = k
		b, h = b64Next[b][c], hexNext[h][c]
	}
	if lk&lookalikeByte != 0 {
		t |= trigLookalike
	}
	if b == b64Accept {
		t |= trigBase64
	}
	if h == minHexText {
		t |= trigHexRun
	}
	return t
}
