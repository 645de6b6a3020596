package bodyformat

// A stream runs as long as its peer sends: a bound on the work of its
// readings as a whole would cut an honest long stream, and none lets a
// peer that sends what costs the most to read (tiny events that each
// open a reading) hold a core as long as it sends. StreamOptions.WorkRate
// bounds it as a rate, with the rule of a buffered body (work_budget per
// max_body, each event charged eventWork beside its text): the work
// allowed grows with the bytes written, each event counted eventWork
// bytes more (a one-byte message is a frame, and is charged as an
// event), so the stream's work stays within WorkRate times that, plus a
// start. An honest stream reads a few times its bytes; one whose
// readings outrun WorkRate (16 by default) fails with ErrWork.

// workStart is how many bytes of stream the work allowed before the
// first byte stands for: a first event read with its context costs more
// than its own bytes allow.
const workStart = DefaultMaxEvent

// startWork gives the stream a meter of the work its readings may do,
// when opt.WorkRate bounds it.
func (s *Stream) startWork() {
	if s.opt.WorkRate > 0 {
		s.meter = &meter{work: s.opt.WorkRate * workStart, momentary: s.opt.Memory}
		s.meter.capDecoding(maxBlobInflation) // (again at each event: join.go)
	}
}

// creditWork allows the work that n more bytes of stream stand for
// (written, or eventWork for each event).
func (s *Stream) creditWork(n int) {
	if s.opt.WorkRate > 0 && s.meter != nil {
		s.meter.credit(s.opt.WorkRate * int64(n))
	}
}

// credit allows n more units of work (a stream's rate: Stream.creditWork).
func (m *meter) credit(n int64) {
	if m.err == nil {
		m.work = min(m.work+n, maxWorkBank)
	}
}

// maxWorkBank bounds the work a stream banks: it cannot overflow, and a
// stream idle in reading for long does not bank an unbounded burst.
const maxWorkBank = 1 << 40
