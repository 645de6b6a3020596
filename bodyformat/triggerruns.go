package bodyformat

import "unicode/utf8"

// triggers counts its two runs (a base64 token's, a hex text's) with two
// small automata rather than branches a byte: each byte picks the next
// state of each from a table (b64Next, hexNext), and the last state of
// each tells whether its run occurred. The hex automaton's state is the
// run's length (to minHexText, accepting); the base64 automaton's states
// are the b64Run values reachable from the empty run (numbered by
// b64States). Both accepting states are absorbing. The tables have a row
// for every state a uint8 can name, so no look-up is bounds checked; the
// rows past the states are never reached.

// b64Run is what the base64 automaton remembers of the run of base64
// bytes (and the white space readBase64 joins pieces across) that ends at
// the byte read last. It accepts where readBase64 may decode a token: a
// token it decodes is minBase64Token bytes long at least and of mixed
// alphabets (each segment, piece or stripped token it decodes is:
// mixedAlphabet; a run of digits alone, a domain name are not), and
// base64Token joins two pieces across white space only when the first is
// as long as a token (wrapped over lines) or when both are of mixed
// alphabets and four bytes long (after that first join, pieces of one
// width). The automaton joins pieces where base64Token may, or more
// often, never less (TestBase64TriggerCoversTokens): after a piece as
// long as a token it joins every piece, and it accepts the first join of
// two pieces of mixed alphabets at once, and a wrapped token's first
// join whatever the lengths of its lines.
type b64Run struct {
	mode b64Mode
	run  int  // the bytes of the piece (to minBase64Token, where it stops counting)
	gap  int  // the white space since the last piece (to 2)
	nl   bool // the last of it is a line break (b64WrapGap)
	// the letters and digits of the piece (b64Piece, b64Probe), or of the
	// pieces joined (b64WrapGap, b64Joining)
	upper, lower, digit bool
}

// b64Mode is the part of a token a b64Run is in.
type b64Mode uint8

// The modes of a b64Run.
const (
	b64Piece    b64Mode = iota // a piece
	b64WrapGap                 // white space after a piece as long as a token, not of mixed alphabets
	b64Joining                 // pieces joined to it across a line break (a wrapped token)
	b64ProbeGap                // white space after a piece of mixed alphabets
	b64Probe                   // the piece after it: joined to it if of mixed alphabets too
	b64Accepted                // a token readBase64 may decode occurred
)

// mixed reports whether the piece's letters and digits are of mixed
// alphabets (mixedAlphabet's answer for it).
func (s b64Run) mixed() bool {
	return s.upper && s.lower || (s.upper || s.lower) && s.digit
}

// b64Step is the base64 run's counting for the byte c after the state s.
func b64Step(s b64Run, c byte) b64Run {
	k := triggerOf[c]
	upper, lower, digit := k&upperByte != 0, k&lowerByte != 0, k&trigDigit != 0
	switch {
	case s.mode == b64Accepted:
		return s
	case k&base64Run != 0:
		switch s.mode {
		case b64WrapGap, b64Joining:
			if s.mode == b64WrapGap && !s.nl {
				s = b64Run{} // (a piece of its own)
				break
			}
			// a line of a token wrapped, and the pieces after it
			s.mode, s.gap, s.nl = b64Joining, 0, false
			s.upper, s.lower, s.digit = s.upper || upper, s.lower || lower, s.digit || digit
			if s.mixed() {
				return b64Run{mode: b64Accepted} // a token's length of mixed alphabets
			}
			return s
		case b64ProbeGap:
			s = b64Run{mode: b64Probe}
		}
		s.run++
		s.upper, s.lower, s.digit = s.upper || upper, s.lower || lower, s.digit || digit
		switch {
		case s.mode == b64Probe && s.mixed():
			return b64Run{mode: b64Accepted} // two pieces base64Token joins
		case s.run < minBase64Token:
			return s
		case s.mixed():
			return b64Run{mode: b64Accepted} // a token's length of mixed alphabets
		}
		s.run = minBase64Token // (as long as a token, not of mixed alphabets: no more to count)
		return s
	case k&base64Gap != 0:
		switch {
		case s.mode >= b64WrapGap && s.mode <= b64ProbeGap && s.gap < 2:
			s.gap++
			s.nl = s.mode == b64WrapGap && c == '\n'
			return s
		case s.mode >= b64WrapGap && s.mode <= b64ProbeGap:
		case s.run >= minBase64Token:
			return b64Run{mode: b64WrapGap, gap: 1, nl: c == '\n', upper: s.upper, lower: s.lower, digit: s.digit}
		case s.mode == b64Piece && s.run >= 4 && s.mixed():
			return b64Run{mode: b64ProbeGap, gap: 1}
		}
	}
	return b64Run{}
}

// b64States numbers the states of the base64 automaton reachable from the
// empty run, the accepting one b64Accept.
var b64States = func() map[b64Run]uint8 {
	ids := map[b64Run]uint8{{mode: b64Accepted}: b64Accept, {}: 0}
	todo := []b64Run{{}}
	for len(todo) > 0 {
		s := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		for c := range 256 {
			n := b64Step(s, byte(c))
			if _, ok := ids[n]; !ok {
				if len(ids) > b64Accept {
					panic("bodyformat: the base64 automaton has more states than a uint8 names")
				}
				ids[n] = uint8(len(ids) - 1) // (0 and b64Accept taken: ids 1 to len-1)
				todo = append(todo, n)
			}
		}
	}
	return ids
}()

// b64Accept is the base64 automaton's accepting state.
const b64Accept = 255

// b64Next is the base64 automaton: the state after a state and a byte.
var b64Next = func() (t [256][256]uint8) {
	for s, id := range b64States {
		for c := range 256 {
			t[id][c] = b64States[b64Step(s, byte(c))]
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
// lookalikeByte: a look-alike right after a digit; and its
// numberMarkLead onto the next byte's numberMarkByte: a fraction's
// point, an exponent's e or a hex literal's x right after a digit.
const lookalikeShift = 19

// The indexes are 0 only when the shift puts trigDigit on lookalikeByte
// and numberMarkLead on numberMarkByte.
var (
	_ = [1]struct{}{}[trigDigit<<lookalikeShift^lookalikeByte]
	_ = [1]struct{}{}[numberMarkLead<<lookalikeShift^numberMarkByte]
)

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
				if text[j] == 0xC2 && j+1 < len(text) && text[j+1]>>5 == 0x80>>5 {
					t |= trigControl // a C1 control (U+0080–U+009F), not a nbsp or a '·' (C2 A0, C2 B7)
				}
			}
			prev = triggerOf[text[j-1]]
			b, h = b64Next[b][c], hexNext[h][c]
			i = j - 1
			continue
		}
		k := triggerOf[c]
		t |= k
		lk |= k & (prev << lookalikeShift) // a look-alike, a number's mark after a digit
		prev = k
		b, h = b64Next[b][c], hexNext[h][c]
	}
	t &^= numberMarkLead // (the digits' mark, no trigger)
	if lk&lookalikeByte != 0 {
		t |= trigLookalike
	}
	if lk&numberMarkByte != 0 {
		t |= trigNumberMark
	}
	if b == b64Accept {
		t |= trigBase64
	}
	if h == minHexText {
		t |= trigHexRun
	}
	return t
}
