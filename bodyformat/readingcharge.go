package bodyformat

// A reading built whole (a piece with its escapes decoded, a first stage,
// a decoder's output, the offsets composed through both) holds its bytes
// and an offset (int32) for each: five bytes a byte of the piece. So the
// readings of a long piece are charged to the meter before they are
// built, and given back once read: a single '%31' in an 8 MiB body costs
// the budget what its readings hold, not only the body. The readings of a
// short piece are not charged: what they hold at once is a small
// constant, and charging them would make a charge per value of a JSON
// body.

// minChargedPiece is the shortest piece whose readings are charged.
const minChargedPiece = 16 << 10

// readingCost is what a reading of n bytes built whole holds: its bytes
// and their offsets, closed by one more.
func readingCost(n int) int64 { return 5*int64(n) + 4 }

// readingCharge is what has been charged for one reading of a piece (or
// the part of a buffer built so far, for groups of edits): given back by
// done once the reading is read.
type readingCharge struct {
	in *inspector
	n  int64
}

// chargeReading charges cost for a reading of text before it is built,
// when text is long enough to be charged. It reports false once the
// charge is refused: the reading is not built, and the inspection fails
// with ErrMemory.
func (in *inspector) chargeReading(text []byte, cost int64) (readingCharge, bool) {
	if in.meter == nil || len(text) < minChargedPiece {
		return readingCharge{}, true
	}
	c := readingCharge{in: in}
	return c, c.more(cost)
}

// more charges n more bytes for the reading (none when it is not
// charged: a short piece's).
func (c *readingCharge) more(n int64) bool {
	if c.in == nil {
		return true
	}
	if n <= 0 {
		return c.in.meter.err == nil
	}
	if c.in.meter.reserve(n) != nil {
		return false
	}
	c.n += n
	return true
}

// chargeBuilt charges a reading a decoder has built of text (dec and its
// offsets offs), long enough to be charged: a decoder returns a reading
// only when the piece holds what it decodes, which it finds as it
// decodes, so the reading is charged once built, what it holds exactly,
// rather than every decoder's reading of every long piece beforehand.
// It reports false when the charge is refused: the reading is dropped
// unread, and the inspection fails with ErrMemory.
func (in *inspector) chargeBuilt(text, dec []byte, offs []int32) (readingCharge, bool) {
	c, ok := in.chargeReading(text, 0)
	if ok {
		c.atLeast(dec, offs)
	}
	return c, ok && !in.failed()
}

// atLeast charges what the reading built holds (its arrays, as grown) past
// what was charged for it (a decoder whose output outgrew its input: U+FFFD
// for an invalid byte, a number's exponent written out), once it is built.
func (c *readingCharge) atLeast(dec []byte, offs []int32) {
	if c.in != nil {
		c.more(int64(cap(dec)) + 4*int64(cap(offs)) - c.n)
	}
}

// done gives back what was charged for the reading.
func (c *readingCharge) done() {
	if c.n > 0 {
		c.in.meter.release(c.n)
		c.n = 0
	}
}
