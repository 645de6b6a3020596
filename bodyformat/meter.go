package bodyformat

import (
	"context"
	"errors"
	"fmt"
)

// Memory is charged for what an inspection holds beyond the body it was
// given, before it is allocated: the decompressed body, decoder windows,
// the redacted copy, the findings. A *membudget.Lease is one. The bytes
// stay charged after Inspect returns: the caller gives them back when the
// request ends.
type Memory interface {
	Reserve(n int64) error
}

// The errors of an inspection cut short. Like every Inspect error they mean
// the body was not inspected, never that it is clean.
var (
	// ErrMemory: Limits.Memory refused a charge (the process's memory
	// budget is exhausted). It wraps the refusal.
	ErrMemory = errors.New("bodyformat: no memory left to inspect the body")
	// ErrCanceled: Limits.Context was done (the client went away, the
	// server shuts down). It wraps the context's cause.
	ErrCanceled = errors.New("bodyformat: inspection canceled")
	// ErrWork: inspecting the body took more work than Limits.MaxWork.
	ErrWork = errors.New("bodyformat: body needs more work to inspect than allowed")
)

// meter keeps the account of one inspection: the memory charged, the work
// done, and whether its context is done. It is checked between pieces of
// text and between chunks of decompressed output, never per byte.
type meter struct {
	ctx  context.Context // nil: none
	done <-chan struct{}
	mem  Memory // nil: not charged
	work int64  // what is left of Limits.MaxWork
	owed int64  // small charges not yet made (owe)
	err  error  // the first failure; every later check returns it
	// reserves counts the charges of memory asked for (reserve), so that
	// a reading can tell it charged none (jsonWalker.readKey)
	reserves int
	// charged is what reserve charged and may be given back (settle's
	// charges, held to the end, are not counted): see meterMark
	charged int64
	// stop is what the engine calls during a long piece: it reports
	// whether the context is done (nil without a context)
	stop func() bool
	// decodeLeft is what every decoder of the inspection may still
	// yield, all together (readDecoded): the body's content codings and
	// the compressed files, parts, messages and streams inside it decode
	// no more than one compressed body of its size may (decodedBound),
	// however many of them there are. Unset (decodeCapped false), each
	// decoder has only its own bound.
	decodeLeft, decodeCap int64
	decodeCapped          bool
	// momentary, when mem is nil, is charged for what a reading holds for
	// a moment and gives back once read (an inflated blob: readBlob): the
	// memory of a stream or a binary screen, whose other holdings their
	// owner charges
	momentary Memory
}

// capDecoding bounds what the inspection's decoders yield together.
func (m *meter) capDecoding(n int64) { m.decodeLeft, m.decodeCap, m.decodeCapped = n, n, true }

// oweBatch is how many bytes of small charges (findings) are gathered
// before they are made at once.
const oweBatch = 64 << 10

// owe charges n bytes of memory in batches: many small charges (a
// finding's) become one, at most oweBatch late.
func (m *meter) owe(n int64) {
	m.owed += n
	if m.owed >= oweBatch {
		m.settle()
	}
}

// settle makes the charges owed.
func (m *meter) settle() {
	n := m.owed
	m.owed = 0
	if m.reserve(n) == nil && m.mem != nil && n > 0 {
		m.charged -= n // findings stay held to the end
	}
}

// newMeter starts the account of an inspection under lim (defaults
// filled in).
func newMeter(lim Limits) *meter {
	m := &meter{ctx: lim.Context, mem: lim.Memory, work: lim.MaxWork}
	if m.ctx != nil {
		m.done = m.ctx.Done()
		m.stop = func() bool { return m.canceled() != nil }
	}
	return m
}

// reserve charges n bytes of memory.
func (m *meter) reserve(n int64) error {
	m.reserves++
	if m.err != nil || m.mem == nil || n <= 0 {
		return m.err
	}
	if err := m.mem.Reserve(n); err != nil {
		m.err = fmt.Errorf("%w: %w", ErrMemory, err)
		return m.err
	}
	m.charged += n
	return nil
}

// spend counts n units of work (bytes of text read by the engine) and
// checks the context.
func (m *meter) spend(n int64) error {
	if m.err != nil {
		return m.err
	}
	m.work -= n
	if m.work < 0 {
		m.err = ErrWork
		return m.err
	}
	return m.canceled()
}

// canceled checks the context.
func (m *meter) canceled() error {
	if m.err != nil || m.done == nil {
		return m.err
	}
	select {
	case <-m.done:
		m.err = fmt.Errorf("%w: %w", ErrCanceled, context.Cause(m.ctx))
	default:
	}
	return m.err
}
