package matcher

import (
	"context"
	"errors"
	"io"
	"net/http"
	"slices"
	"sync"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/membudget"
)

// budget is the memory budget the matcher charges: the process's. It is a
// variable only so that tests can give the matcher a budget of its own.
var budget = membudget.Process

// stateVar is the key of the request var that holds the body state. The
// value prints as a fixed string, so a {vars.…} placeholder cannot leak
// the body.
const stateVar = "github.com/piifilter/caddy-pii-filter/matcher.body"

// errConsumed: a handler read the body past what earlier matchers had
// read, before a pii matcher that needed more of it.
var errConsumed = errors.New("pii matcher: request body already consumed by a handler")

// bodyState is a request body as the pii matchers of one request have read
// it. Every pii matcher (and every pii() call in a CEL expression) of the
// request finds it in the request's vars: the body is read from the client
// once, however many routes and not blocks ask, and each verdict is
// computed once per engine and limit.
//
// While the state is current, r.Body is its replay, which yields the bytes
// read so far and then the rest of the original body: the handlers after
// the matchers see the body the client sent, with ContentLength unchanged.
// A handler that replaces r.Body (pii_filter redacting, say) makes the
// state stale, and the next matcher starts afresh on the new body.
type bodyState struct {
	mu       sync.Mutex
	src      io.ReadCloser // the body as the matchers found it
	buf      []byte        // what has been read of src
	eof      bool          // buf holds all of src
	err      error         // the error that ended reading src, if not EOF
	consumed bool          // the replay has read past buf, straight from src
	replay   *replayBody
	verdicts map[verdictKey]verdict
	// lease holds buf's memory in the process's budget, from the first
	// read until the request ends
	lease *membudget.Lease
}

// verdictKey identifies what a verdict depends on besides the body: the
// categories the engine reports and the matcher's max_body.
type verdictKey struct {
	cats    detect.CategorySet
	maxBody int64
}

// verdict is the outcome of inspecting the body for one verdictKey.
type verdict struct {
	found found
	err   error
}

// String keeps the body out of placeholders and debug output.
func (*bodyState) String() string { return "[pii matcher body state]" }

// stateFor returns the body state of r, creating it (and making its
// replay the body of r) when there is none or r.Body is no longer its
// replay.
func stateFor(r *http.Request) *bodyState {
	if s, ok := caddyhttp.GetVar(r.Context(), stateVar).(*bodyState); ok && s.replay == r.Body {
		return s
	}
	s := &bodyState{src: r.Body, verdicts: make(map[verdictKey]verdict), lease: budget.Lease(r.Context(), budget.Wait())}
	context.AfterFunc(r.Context(), s.lease.Close) // a request's context ends when its handling does
	s.replay = &replayBody{s: s}
	r.Body = s.replay
	caddyhttp.SetVar(r.Context(), stateVar, s)
	return s
}

// fill reads src until buf holds at least n bytes, src ends or reading
// fails. sizeHint, when positive, is the body's declared length. It
// returns the reading error, if any, or the memory budget's refusal to
// hold more; the end of the body is not one.
// Callers hold s.mu.
func (s *bodyState) fill(n, sizeHint int64) error {
	for int64(len(s.buf)) < n && !s.eof && s.err == nil {
		if s.consumed {
			return errConsumed
		}
		if len(s.buf) == cap(s.buf) {
			// doubling as bytes arrive: a client that declares a large
			// body and sends it slowly holds what it sent, not what it
			// announced
			grow := max(int64(len(s.buf)), 512)
			if sizeHint >= int64(len(s.buf)) {
				grow = min(grow, sizeHint+1-int64(len(s.buf)))
			}
			grow = min(grow, n-int64(len(s.buf)))
			// charged before it is made, the old array staying charged
			// until the request ends; a refusal leaves the state as it is
			if err := s.lease.Reserve(int64(len(s.buf)) + grow); err != nil {
				return err
			}
			s.buf = slices.Grow(s.buf, int(grow))
		}
		end := min(int64(cap(s.buf)), n)
		k, err := s.src.Read(s.buf[len(s.buf):end])
		s.buf = s.buf[:len(s.buf)+k]
		switch {
		case errors.Is(err, io.EOF):
			s.eof = true
		case err != nil:
			s.err = err
		}
	}
	return s.err
}

// replayBody is r.Body while a body state is current: the bytes the
// matchers read, then the rest of the original body.
type replayBody struct {
	s   *bodyState
	pos int
}

// Read yields the buffered bytes, then reads on from the original body.
func (b *replayBody) Read(p []byte) (int, error) {
	s := b.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if b.pos < len(s.buf) {
		n := copy(p, s.buf[b.pos:])
		b.pos += n
		return n, nil
	}
	switch {
	case s.eof:
		return 0, io.EOF
	case s.err != nil:
		return 0, s.err
	}
	s.consumed = true
	return s.src.Read(p)
}

// Close closes the original body.
func (b *replayBody) Close() error { return b.s.src.Close() }
