package bodyformat

import "unicode/utf8"

// UTF8Carry is the incomplete UTF-8 sequence, at most three bytes, the
// last binary WebSocket message read as text ended with. A receiver that
// decodes binary messages with a streaming decoder (TextDecoder with
// {stream: true}, Node's StringDecoder, Buffer.concat(…).toString())
// completes it with the next message's first bytes, so text cut inside a
// character, "手机\xe5" | "\x8f\xb7 13812", is text to it (attack pass
// 34, F1). The zero value carries nothing.
type UTF8Carry struct {
	b [utf8.UTFMax - 1]byte
	n uint8
}

// Take reports whether p is UTF-8 text once the carried bytes go before
// it, an incomplete sequence at its end allowed, and carries that
// sequence to the next call. When p is not (a carried sequence it does
// not complete, a byte no UTF-8 decoder reads, bytes that are no text),
// the carry is dropped: a decoder shows U+FFFD there and starts afresh.
// An empty p is no text and leaves the carry as it was. Without a carry
// and an incomplete end, p is text as IsText("", p) and utf8.Valid say.
func (c *UTF8Carry) Take(p []byte) bool {
	if len(p) == 0 {
		return false
	}
	var r [utf8.UTFMax]byte
	n := copy(r[:], c.b[:c.n])
	c.n = 0
	head := 0
	if n > 0 {
		for n < len(r) && head < len(p) && !utf8.FullRune(r[:n]) {
			r[n] = p[head]
			n, head = n+1, head+1
		}
		if !utf8.FullRune(r[:n]) { // p ends inside the carried character
			c.n = uint8(copy(c.b[:], r[:n]))
			return true
		}
		if ch, size := utf8.DecodeRune(r[:n]); ch == utf8.RuneError && size <= 1 {
			return false
		}
	}
	body := p[head:]
	whole := trimPartialRune(body)
	if !utf8.Valid(whole) || len(whole) > 0 && !isText("", whole) {
		return false
	}
	c.n = uint8(copy(c.b[:], body[len(whole):]))
	return true
}

// Len returns how many bytes are carried.
func (c *UTF8Carry) Len() int { return int(c.n) }
