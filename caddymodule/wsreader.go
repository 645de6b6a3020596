package caddymodule

import (
	"errors"
	"io"
	"net"
	"sync"
	"time"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/internal/panics"
)

// wsReadBuffer is the size of each of a wsReader's two buffers.
const wsReadBuffer = 32 << 10

// wsReader gives reverse_proxy the client's frames of a WebSocket,
// inspected by the session's client side. A goroutine (pump) reads the
// client's bytes into two buffers in turn and hands them over; Read
// waits for them, or, while the side holds a message back (it may end
// with the start of an identifier the next completes), at most
// streamHoldDelay before it sends it on as it stands: a client that
// pauses is not kept waiting for ever. Its memory is the two buffers and
// what the side holds.
type wsReader struct {
	ss  *wsSession
	src io.Reader

	ch       chan wsChunk
	stop     chan struct{}
	stopOnce sync.Once
	started  bool
	bufs     [2][]byte
	timer    *time.Timer

	pending []byte // inspected bytes not yet read (in the side's out)
	err     error  // once pending is read, every Read's error
}

// wsChunk is what the pump read: bytes, and the error that ended them.
type wsChunk struct {
	b   []byte
	err error
}

// newWSReader returns the reader of the client's frames from src.
func newWSReader(ss *wsSession, src io.Reader) *wsReader {
	return &wsReader{ss: ss, src: src, ch: make(chan wsChunk), stop: make(chan struct{})}
}

// Read returns inspected bytes for the upstream.
func (rd *wsReader) Read(p []byte) (int, error) {
	for len(rd.pending) == 0 {
		if rd.err != nil {
			return 0, rd.err
		}
		rd.fill()
	}
	n := copy(p, rd.pending)
	rd.pending = rd.pending[n:]
	return n, nil
}

// fill reads the next bytes of the client, or releases what the side
// held once it waited long enough, and sets pending.
func (rd *wsReader) fill() {
	if !rd.started {
		rd.started = true
		rd.bufs = [2][]byte{make([]byte, wsReadBuffer), make([]byte, wsReadBuffer)}
		rd.timer = time.NewTimer(time.Hour)
		rd.timer.Stop()
		go rd.pump()
	}
	up := rd.ss.up
	up.out = up.out[:0]
	var c wsChunk
	var hold <-chan time.Time // nil: no wait for a held message
	if up.waiting() {
		rd.timer.Reset(streamHoldDelay)
		hold = rd.timer.C
	}
	select {
	case c = <-rd.ch:
		rd.timer.Stop()
	case <-hold:
		rd.settle(up.releaseHeld())
		return
	case <-rd.stop:
		// the session ended while Read waited: the pump may have
		// stopped without handing over its last read
		rd.timer.Stop()
		rd.err = net.ErrClosed
		return
	}
	var err error
	if len(c.b) > 0 {
		err = up.take(c.b)
	}
	if err == nil && c.err != nil {
		// the client's side ended: what was held goes out
		err = up.releaseHeld()
		if err == nil {
			rd.err = c.err
		}
	}
	rd.settle(err)
}

// settle sets pending to what the side has ready and, on a refusal,
// ends the connection: a close frame goes to the upstream (then the end
// of the stream) and to the client.
func (rd *wsReader) settle(err error) {
	up := rd.ss.up
	if err != nil {
		var ce errWSClose
		code := wsCloseInternal
		if errors.As(err, &ce) {
			code = ce.code
		}
		up.out = bodyformat.AppendWSClose(up.out[:0], code, true, [4]byte{})
		rd.err = io.EOF
		rd.ss.closeClientWith(err)
	}
	rd.pending = up.out
}

// pump reads the client's bytes and hands them to Read, a buffer at a
// time: the unbuffered channel makes sure Read is done with one buffer
// before it is read into again.
//
// A panic here (nothing above the goroutine would recover it) is logged
// and counted, and Read gets the end of the client's bytes.
func (rd *wsReader) pump() {
	defer func() {
		if recover() != nil {
			ss := rd.ss
			ss.h.goroutinePanic(ss.r, dirRequest, panics.Recovered())
			select {
			case rd.ch <- wsChunk{err: errRefused}:
			case <-rd.stop:
			}
		}
	}()
	for i := 0; ; i ^= 1 {
		n, err := rd.src.Read(rd.bufs[i])
		select {
		case rd.ch <- wsChunk{rd.bufs[i][:n], err}:
		case <-rd.stop:
			return
		}
		if err != nil {
			return
		}
	}
}

// stopPump stops the pump once the source is closed.
func (rd *wsReader) stopPump() { rd.stopOnce.Do(func() { close(rd.stop) }) }
