package bodyformat

import (
	"bytes"
	"unicode/utf8"
)

// A field's pieces are read with their backslash escapes decoded over the
// joined text: a model that writes a tool call's arguments as
// {"id": "\u0031\u0031…"} and an event stream that cuts them every few
// bytes cut inside escapes ("\u00" in one event, "31\u0" in the next),
// and the client that joins the pieces and parses them reads digits. An
// escape a piece leaves unfinished is held back from it and read at the
// start of the next piece of its field (the carry). Each piece goes out
// as it came while nothing masks the escape cut in two; a mask, mapped
// back through the escape map, replaces whole escapes, the half of one
// the piece before holds included: the joined text still parses.

// maxCarriedEscape bounds the unfinished escape held back from the end of
// a piece: the longest escape decodeEscapes reads in bounded length, a
// surrogate pair (\ud83d\ude00).
const maxCarriedEscape = 12

// maxCarriedBraced bounds the unfinished \u{…} escape held back from the
// end of a piece: JavaScript reads any number of leading zeros in one
// (\u{0000000000000031} is 1), and decodeEscapes does, so one cut across
// pieces is held back whole up to this many bytes. A longer one cut in
// two is read as two halves, neither an escape: the carry, copied in
// front of every piece that takes it, stays a bounded cost a piece.
const maxCarriedBraced = 64

// readEscapes gives the piece its text with its escapes decoded, the
// unfinished escape carry held back from the piece before it read in
// front: a text payload that holds a backslash, a JSON string that holds
// an escape of a character (\u, \U, \x, octal), and any piece that takes
// a carry. The escape that more bytes may still change at its end is held
// back as its own carry. A piece read so keeps what it was written as
// (src) and where each byte of its text came from (from), which render
// follows. giver is the piece the carry came from.
func (p *piece) readEscapes(carry []byte, giver *piece) {
	raw := p.text
	if carry != nil {
		raw = append(bytes.Clone(carry), raw...)
	} else if bytes.IndexByte(raw, '\\') < 0 || p.ev.json && !charEscapes(raw) {
		return
	}
	cut := unfinishedEscape(raw)
	dec, offs, ok := decodeEscapes(raw[:cut], nil, nil)
	if !ok && carry == nil && cut == len(raw) {
		return
	}
	p.src, p.from, p.text, p.escaped = raw[:cut], offs[:len(offs)-1], dec, true
	if cut < len(raw) {
		p.carry = raw[cut:]
	}
	if carry != nil {
		p.carriedIn, p.giver = len(carry), giver
		if giver != nil {
			giver.takenBy = p
		} else {
			p.carrySent = true
		}
	}
}

// carryReleased records, as a piece goes out, that the part of an escape
// it holds back went out with it: the piece that completes the escape
// writes the rest, masked or not. Its taker no longer points back to it,
// so no chain of released pieces is kept alive.
func (p *piece) carryReleased() {
	switch t := p.takenBy; {
	case p.heldCarry() && p.field != nil:
		p.field.sentCarry = p.carry
	case t != nil:
		if t.keepsCarry() {
			t.markCarrySent()
		}
		t.giver = nil
	}
}

// markCarrySent marks the piece's carried part written, and that of the
// piece it passes it on to.
func (p *piece) markCarrySent() {
	p.carrySent = true
	if len(p.src) == 0 && p.takenBy != nil {
		p.takenBy.markCarrySent()
	}
}

// takeCarry returns the unfinished escape the last held piece of f holds
// back, and that piece: the piece that joins f next starts with it. A
// released piece's carry went out with it.
func (f *fieldText) takeCarry() ([]byte, *piece) {
	if c := f.sentCarry; c != nil {
		// released with its piece: the next piece still completes it
		f.sentCarry = nil
		return c, nil
	}
	if len(f.pieces) == 0 {
		return nil, nil
	}
	q := f.pieces[len(f.pieces)-1]
	if q.carry == nil || q.takenBy != nil || q.ev == nil {
		return nil, nil
	}
	return q.carry, q
}

// heldCarry reports whether the piece holds back an unfinished escape no
// next piece took yet: it waits for the rest of it.
func (p *piece) heldCarry() bool { return p.carry != nil && p.takenBy == nil }

// keepsCarry reports whether the escape the piece completes with the
// carry it took stands in its text as it was written (no mask replaced
// it), or is still unfinished and passed on whole to a piece that keeps
// it: the piece before writes its part.
func (p *piece) keepsCarry() bool {
	if p.carrySent {
		return true
	}
	if len(p.src) == 0 && p.carry != nil {
		return p.takenBy == nil || p.takenBy.keepsCarry()
	}
	return len(p.from) > 0 && p.from[0] == 0
}

// carryGone marks the pieces that gave p its carry changed when a mask of
// p replaced the escape they share: their parts no longer go out.
func (p *piece) carryGone() {
	for q := p; q.giver != nil && !q.keepsCarry(); q = q.giver {
		q.giver.changed = true
	}
}

// charEscapes reports a backslash escape of a character in b: \u, \U, \x
// or octal, or a backslash at its end.
func charEscapes(b []byte) bool {
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' {
			continue
		}
		if i+1 == len(b) {
			return true
		}
		if c := b[i+1]; c == 'u' || c == 'U' || c == 'x' || c >= '0' && c <= '7' {
			return true
		}
		i++ // the character it escapes (\\ is one escape)
	}
	return false
}

// unfinishedEscape returns where the escape at the end of b starts when
// more bytes may still make it another escape (\u00 of \u0031, \ud83d of
// a surrogate pair, a lone backslash), or len(b). Only the last
// maxCarriedEscape bytes are looked at, or maxCarriedBraced for a \u{
// and the hex digits after it (unfinishedBraced).
func unfinishedEscape(b []byte) int {
	if k := unfinishedBraced(b); k >= 0 {
		return k
	}
	for k := max(0, len(b)-maxCarriedEscape); k < len(b); k++ {
		if b[k] == '\\' && escapeStarts(b, k) && escapeMayGoOn(b[k:]) {
			return k
		}
	}
	return len(b)
}

// unfinishedBraced returns where the \u{ starts whose hex digits run to
// the end of b, within its last maxCarriedBraced bytes, or -1.
func unfinishedBraced(b []byte) int {
	k := len(b)
	for k > max(0, len(b)-maxCarriedBraced+3) && unhex(b[k-1]) >= 0 {
		k--
	}
	if k < 3 || string(b[k-3:k]) != `\u{` || !escapeStarts(b, k-3) {
		return -1
	}
	return k - 3
}

// escapeStarts reports whether the backslash at b[k] starts an escape:
// an even number of backslashes stands before it.
func escapeStarts(b []byte, k int) bool {
	n := 0
	for k-n > 0 && b[k-n-1] == '\\' {
		n++
	}
	return n%2 == 0
}

// escapeMayGoOn reports whether the escape t (t[0] is a backslash), at
// the end of a piece, may read otherwise once more bytes follow.
func escapeMayGoOn(t []byte) bool {
	if len(t) == 1 {
		return true
	}
	body := t[2:]
	switch t[1] {
	case 'u':
		if len(body) > 0 && body[0] == '{' {
			return allHex(body[1:]) // no closing brace yet
		}
		if len(body) < 4 {
			return allHex(body)
		}
		// a high surrogate, and what may start its low half
		r := hex4(body[:4])
		rest := t[6:]
		if r < 0xD800 || r > 0xDBFF || len(rest) > 5 {
			return false
		}
		return len(rest) == 0 || rest[0] == '\\' && (len(rest) == 1 || rest[1] == 'u' && allHex(rest[2:]))
	case 'x':
		return len(body) < 2 && allHex(body)
	case 'U':
		return len(body) < 8 && allHex(body)
	case '\r':
		return len(body) == 0 // \ CR LF is one line continuation
	case '0', '1', '2', '3', '4', '5', '6', '7':
		r, n := decodeOctal(t)
		return n == len(t) && n < 4 && r <= 037 // a third digit may follow
	}
	return false
}

// allHex reports whether b holds hex digits only.
func allHex(b []byte) bool {
	for _, c := range b {
		if unhex(c) < 0 {
			return false
		}
	}
	return true
}

// realign returns where each byte of t, the masked text that replaces
// old, came from in the piece's src: the bytes t shares with old at its
// start and its end keep their place, the ones between stand for
// themselves (-1), written by render as characters, not escapes.
func realign(old, t []byte, from []int32) []int32 {
	pre := 0
	for pre < len(old) && pre < len(t) && old[pre] == t[pre] {
		pre++
	}
	for pre > 0 && pre < len(t) && !utf8.RuneStart(t[pre]) {
		pre--
	}
	suf := 0
	for suf < len(old)-pre && suf < len(t)-pre && old[len(old)-1-suf] == t[len(t)-1-suf] {
		suf++
	}
	for suf > 0 && !utf8.RuneStart(t[len(t)-suf]) {
		suf--
	}
	out := make([]int32, 0, len(t))
	out = append(out, from[:pre]...)
	for range len(t) - pre - suf {
		out = append(out, -1)
	}
	return append(out, from[len(old)-suf:]...)
}

// fromWritten marks, in a piece's from, a byte a mask wrote as the
// piece's text is written, not as a string's content: the quotes of a
// number masked as a string in a tool call's arguments (maskQuoting),
// which render writes as they are, not escaped as the bytes of a mask
// within a string are (\"187****9625" would no longer parse).
const fromWritten = -2

// markWritten marks the n bytes of the piece's text at i, which a mask
// just wrote, as written (fromWritten), in the piece and its twin, which
// shares its text; in a piece not read with its escapes the text is
// written as it is already.
func (p *piece) markWritten(i, n int) {
	for _, q := range []*piece{p, p.twin} {
		if q == nil || q.from == nil {
			continue
		}
		for k := i; k < i+n && k < len(q.from); k++ {
			if q.from[k] < 0 {
				q.from[k] = fromWritten
			}
		}
	}
}

// rendered returns what a piece read with its escapes (readEscapes)
// stands for as it is written: each byte of its text that came from src
// as the escape or byte it came from (but the carry it took), a mask's
// bytes escaped by escape (but the syntax it wrote: fromWritten), and
// the carry held back, unless the piece that took it masked the escape
// they share.
func (p *piece) rendered(escape func(dst, s []byte) []byte) []byte {
	if p.from == nil {
		return p.text
	}
	out := make([]byte, 0, len(p.src)+len(p.carry))
	if p.carrySent && len(p.src) > 0 && (len(p.from) == 0 || p.from[0] != 0) {
		// a mask replaced the escape whose first part went out: the
		// rest of it makes that a star
		out = append(out, starCompletion(p.src[:p.carriedIn])...)
	}
	for i := 0; i < len(p.text); {
		s := p.from[i]
		if s < 0 {
			j := i
			for j < len(p.text) && p.from[j] == s {
				j++
			}
			if s == fromWritten {
				out = append(out, p.text[i:j]...)
			} else {
				out = escape(out, p.text[i:j])
			}
			i = j
			continue
		}
		n := 1
		if p.src[s] == '\\' {
			if _, m := decodeEscape(p.src[s:]); m > 0 {
				n = m
			}
		}
		// of the escape it completes with the carry, the piece before
		// holds the first part
		if from, end := max(int(s), p.carriedIn), int(s)+n; end > from {
			out = append(out, p.src[from:end]...)
		}
		for i < len(p.text) && p.from[i] == s {
			i++
		}
	}
	if p.carry != nil && (p.takenBy == nil || p.takenBy.keepsCarry()) {
		carry := p.carry
		if len(p.src) == 0 {
			carry = carry[p.carriedIn:] // passed on whole: the piece before writes its part
		}
		out = append(out, carry...)
	}
	return out
}

// starCompletion returns what completes the unfinished escape c, already
// written, as an escape of '*' (\u00 with 2a), so that the text stays
// well formed where a mask replaced the rest; a lone high surrogate is
// left as it is (a JSON parser reads U+FFFD).
func starCompletion(c []byte) string {
	t := c[bytes.LastIndexByte(c, '\\'):]
	if len(t) == 1 {
		return "u002a"
	}
	switch t[1] {
	case 'u':
		if len(t) > 2 && t[2] == '{' {
			return "2a}"
		}
		return "002a"[min(len(t)-2, 4):]
	case 'x':
		return "2a"[min(len(t)-2, 2):]
	case 'U':
		return "0000002a"[min(len(t)-2, 8):]
	}
	return "" // \ CR, octal: no JSON escape
}
