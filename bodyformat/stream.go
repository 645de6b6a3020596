package bodyformat

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A stream (server-sent events, JSON lines, incremental text) is read one
// event at a time, by the same formats as a whole body: an event whose
// data is JSON is walked as JSON (escapes, keys, numbers), any other is
// text. Its reader joins events too: an LLM client appends each event's
// delta.content to what it shows, so "1101" and "0519…" in two events are
// one resident ID on its screen. So the text of each field (each JSON
// path, or the data of a text event) is also read across events (join.go),
// and an event is held back while the end of one of its fields may be
// the beginning of an identifier that the next event completes.

// StreamKind says how a stream is framed into events.
type StreamKind uint8

// The stream kinds.
const (
	StreamLines  StreamKind = iota // one event a line: JSON lines, incremental text
	StreamEvents                   // text/event-stream: events end with a blank line
)

// StreamOptions tune a Stream. A zero field takes its default.
type StreamOptions struct {
	// Mode is Redact to write the redacted stream, Scan to only find.
	Mode Mode
	// OnFinding, when set, is called for each finding (its offsets are in
	// the piece of text it was found in).
	OnFinding func(detect.Finding)
	// MaxEvent bounds the bytes of an event buffered before it is
	// complete (default 64 KiB). The rest of a longer event is redacted as
	// plain text in pieces, holding back only a bounded tail.
	MaxEvent int
	// MaxHeld bounds the bytes of complete events held back while an
	// identifier may be unfinished (default 16 KiB); past it the oldest
	// are released.
	MaxHeld int
	// Unlabelled says the stream declares no charset: a browser may show
	// it in GBK, Big5 or Shift_JIS, and it is read in those too
	// (stream_legacy.go).
	Unlabelled bool
	// MediaType is the stream's media type without parameters: the lines
	// of an unlabelled stream that are valid UTF-8 are read in the
	// fallback charsets only when browsers show the type through their
	// charset detector (detectorShown: text/plain, text/html, none).
	MediaType string
	// WorkRate, when above zero, bounds the work of the stream's readings
	// (bytes of text the engine reads, as Limits.MaxWork counts them) to
	// WorkRate for each byte written and for each of the 32 bytes an
	// event counts beside them, plus a start (streamwork.go); past it the
	// stream fails with ErrWork. Zero: unbounded.
	WorkRate int64
	// Memory, when set with WorkRate, is charged for what a reading of an
	// event holds for a moment and gives back: the compressed blobs it
	// inflates (base64blob.go), which yield at most 1 MiB an event (past
	// it the stream fails with ErrTooLarge); a charge refused fails the
	// stream with ErrMemory. Inflating is work, counted at WorkRate as
	// every reading's. What the stream holds from event to event is
	// HoldBound, for its owner to charge.
	Memory Memory
}

// The defaults of StreamOptions.
const (
	DefaultMaxEvent = 64 << 10
	DefaultMaxHeld  = 16 << 10
)

// Stream inspects a stream written to it and writes the inspected stream
// to its writer. It holds a partial event (at most MaxEvent bytes) and
// the complete events held back (at most MaxHeld bytes), so its memory is
// bounded however long the stream runs.
type Stream struct {
	eng    *detect.Engine
	w      io.Writer
	kind   StreamKind
	opt    StreamOptions
	buf    []byte       // the start of an event not yet complete
	held   []*heldEvent // complete events not yet written, in order
	heldN  int          // their bytes
	joins  joiner       // the text of each field across events
	long   *detect.StreamRedactor
	last   [2]byte // the last bytes of an over-long event, for its end
	err    error
	closed bool
	events bool // fed by WriteEvent: an event emptied by redaction still goes out
	// head holds the first bytes written, headN of them, for sniffHead
	head  [4]byte
	headN int
	// meter, when set, is the account of the buffered body the stream
	// reads (framed.go): its work, memory and context bound every reading
	meter *meter
	// in reads each event in turn (event)
	in *inspector
	// lines is where the search for the end of a line stands (StreamLines)
	lines lineScan
	// table is the table header its text lines carry (streamlinetable.go)
	table lineTable
	// legacy reads what goes out in the fallback charsets (Unlabelled)
	legacy *legacyGuard
	// pausing: ReleaseHeld is releasing, which a tool call's arguments
	// held for their whole document outlast (release)
	pausing bool
}

// withDefaults returns opt with every unset bound at its default.
func (opt StreamOptions) withDefaults() StreamOptions {
	if opt.MaxEvent <= 0 {
		opt.MaxEvent = DefaultMaxEvent
	}
	if opt.MaxHeld <= 0 {
		opt.MaxHeld = DefaultMaxHeld
	}
	return opt
}

// longEventWindow is what the engine's stream redactor holds of an
// over-long event: it scans 64 KiB at a time and holds back a few KiB.
const longEventWindow = 72 << 10

// HoldBound returns the most bytes a Stream with these options holds at
// once besides the bytes of the Write in progress: the partial event (or
// an over-long event's window), the events held back with their decoded
// payloads, the text of every field followed across events and the
// paths of forgotten fields whose number was open (pausedPaths) and the
// tool-call arguments held as written (joinargs.go). A caller
// that accounts memory (a memory budget) charges it when the stream
// starts.
func (opt StreamOptions) HoldBound() int {
	opt = opt.withDefaults()
	// (a tool call's arguments held whole, as written: at most what the
	// held events hold, twice (a block's twin field), joinargs.go; each
	// field's window state, and the document a window reads while it is
	// read, with its openers, joinargs_window.go)
	return 2*max(opt.MaxEvent, longEventWindow) + 2*opt.MaxHeld + maxFields*(joinWindow+joinContext+compactSlack) + maxPausedPaths*16 + pausedLostBits/8 + legacyHold +
		2*(opt.MaxHeld+maxArgDoc) + maxFields*(argDocKeep+argWindowHold) + 2*(maxArgDoc+argWindowHold)
}

// NewStream returns a Stream of the given kind writing to w.
func NewStream(eng *detect.Engine, w io.Writer, kind StreamKind, opt StreamOptions) *Stream {
	opt = opt.withDefaults()
	s := &Stream{eng: eng, w: w, kind: kind, opt: opt}
	s.joins.init(s)
	s.startWork()
	if opt.Unlabelled {
		s.legacy = newLegacyGuard(s, detectorShown(opt.MediaType))
	}
	return s
}

// errStreamClosed is returned by writes after Close.
var errStreamClosed = errors.New("bodyformat: write to a closed stream")

// Write takes the next bytes of the stream. Complete events are inspected
// at once and written unless held back.
func (s *Stream) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.closed {
		return 0, errStreamClosed
	}
	n := len(p)
	s.creditWork(n)
	if s.headN < len(s.head) {
		s.sniffHead(p)
		if s.err != nil {
			return 0, s.err
		}
	}
	for len(p) > 0 && s.err == nil {
		if s.long != nil {
			p = s.writeLong(p)
			continue
		}
		end := s.eventEnd(p)
		if end < 0 {
			s.buf = append(s.buf, p...)
			if len(s.buf) > s.opt.MaxEvent {
				s.startLong()
			}
			break
		}
		ev := append(s.buf, p[:end]...)
		p = p[end:]
		s.event(ev)
		// its buffer serves the next event (event keeps a copy of what it
		// holds): one allocation a line was most of a short line's cost
		s.buf = ev[:0]
	}
	return n, s.err
}

// errWideStream: a stream whose first bytes show UTF-16 or UTF-32 text
// (a NUL byte, or the byte-order mark of either). Its events cannot be
// read line by line as bytes: a NUL after each letter hides an e-mail
// from the engine, and a mask would break the text's code units.
var errWideStream = fmt.Errorf("%w: a stream in UTF-16 or UTF-32", ErrMalformed)

// sniffHead looks at the first bytes of the stream for UTF-16 or UTF-32
// text: a NUL byte (in ASCII text of either, one of the first four bytes
// is one) or a mark (FF FE, FE FF). Such a stream is errWideStream.
func (s *Stream) sniffHead(p []byte) {
	s.headN += copy(s.head[s.headN:], p)
	head := s.head[:s.headN]
	if bytes.IndexByte(head, 0) >= 0 || bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		s.err = errWideStream
	}
}

// WriteEvent takes one whole event of a stream framed by its protocol (a
// WebSocket text message) and reads it as an event of StreamLines is,
// without looking for line ends inside it: as JSON when it is JSON, else as
// text, its fields joined with those of the events before it. Each event
// goes out, when released, in one Write of the stream's writer, as it came
// or redacted (empty when redaction moved all of it into an earlier event's
// mask: a message is never dropped). A stream fed by WriteEvent takes no
// Write.
func (s *Stream) WriteEvent(ev []byte) error {
	if s.err != nil {
		return s.err
	}
	if s.closed {
		return errStreamClosed
	}
	s.events = true
	s.creditWork(len(ev))
	s.event(ev)
	return s.err
}

// Close inspects what is left, releases every held event and writes it.
func (s *Stream) Close() error {
	if s.closed {
		return s.err
	}
	s.closed = true
	if s.long != nil {
		s.endLong()
	}
	if len(s.buf) > 0 && s.err == nil {
		s.event(s.buf)
		s.buf = nil
	}
	s.release(true, true)
	s.flushLegacy()
	return s.err
}

// flushLegacy writes what the legacy guard holds of a line not ended.
func (s *Stream) flushLegacy() {
	if s.legacy != nil && s.err == nil {
		if err := s.legacy.flush(s.emit); err != nil {
			s.err = err
		}
	}
}

// Waiting reports whether complete events are held back, waiting for the
// next event to settle whether an identifier runs on into it.
func (s *Stream) Waiting() bool {
	return len(s.held) > 0 || s.legacy != nil && len(s.legacy.pending) > 0
}

// ReleaseHeld writes the complete events held back as they stand: the
// caller's bound on how long an event waits (a stream that pauses after a
// number must not hold it for ever). A value the next event completes is
// then masked only in the part not yet written. A tool call's arguments
// still wait for the end of their JSON document (joinargs.go), and the
// events after them, within MaxHeld.
func (s *Stream) ReleaseHeld() error {
	s.pausing = true
	s.release(true, false)
	s.pausing = false
	s.flushLegacy()
	return s.err
}

// Held returns how many bytes the stream holds: a partial event, held
// events and an over-long event's tail.
func (s *Stream) Held() int {
	n := len(s.buf) + s.heldN
	if s.legacy != nil {
		n += len(s.legacy.pending) + len(s.legacy.context)
	}
	if s.long != nil {
		n += s.long.Buffered()
	}
	return n
}

// eventEnd returns the length of the prefix of p that completes the
// current event (with what s.buf holds), or -1.
func (s *Stream) eventEnd(p []byte) int {
	if s.kind == StreamLines {
		return s.lines.end(p)
	}
	// an event ends with an empty line; a line ends with "\r\n", "\n" or
	// a lone "\r" (the WHATWG parser, and SDKs that follow it, read
	// "data: a\r\rdata: b\r\r" as two events)
	if len(s.buf) > 0 && s.buf[len(s.buf)-1] == '\r' && len(p) > 0 && p[0] != '\n' && isLineEnd(s.byteBefore(p, -1)) {
		return 0 // a lone '\r' ended the last write, and an empty line
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c != '\n' && c != '\r' {
			continue
		}
		if c == '\r' && (i+1 == len(p) || p[i+1] == '\n') {
			continue // the '\n' ends this line, or the next write tells
		}
		prev := s.byteBefore(p, i)
		if c == '\n' && prev == '\r' {
			prev = s.byteBefore(p, i-1)
		}
		if isLineEnd(prev) {
			return i + 1
		}
	}
	return -1
}

// isLineEnd reports a byte that ends a line of an event stream.
func isLineEnd(c byte) bool { return c == '\n' || c == '\r' }

// byteBefore returns the byte before p[i], reaching into s.buf.
func (s *Stream) byteBefore(p []byte, i int) byte {
	if i > 0 {
		return p[i-1]
	}
	if j := len(s.buf) + i - 1; j >= 0 && i <= 0 {
		return s.buf[j]
	}
	return 0
}

// write writes inspected bytes to the stream's writer, through the
// legacy guard of an unlabelled stream.
func (s *Stream) write(b []byte) {
	if s.err != nil || len(b) == 0 && !s.events {
		return
	}
	if s.legacy != nil {
		if err := s.legacy.write(b, s.emit); err != nil && s.err == nil {
			s.err = err
		}
		return
	}
	s.emit(b)
}

// emit writes bytes that go out to the stream's writer.
func (s *Stream) emit(b []byte) {
	if s.err != nil || s.opt.Mode != Redact {
		return
	}
	diffStreamWrite(s, b)
	if _, err := s.w.Write(b); err != nil {
		s.err = err
	}
}

// found reports findings.
func (s *Stream) found(fs []detect.Finding) {
	if s.opt.OnFinding == nil {
		return
	}
	for _, f := range fs {
		s.opt.OnFinding(f)
	}
}

// startLong switches an event too long to buffer to plain-text redaction
// in pieces: the held events go out first, then what was buffered.
func (s *Stream) startLong() {
	s.release(true, false)
	s.lines = lineScan{} // the next line starts when this event ends
	// read as text is, in every reading (textstream.go)
	s.long = newTextStream(s.eng, writerFunc(s.write), s.meter, s.opt.MediaType, s.opt.OnFinding)
	buf := s.buf
	s.buf = nil
	s.last = [2]byte{}
	s.writeLong(buf)
}

// writeLong passes the bytes of an over-long event to the text redactor up
// to the end of the event, and returns the rest.
func (s *Stream) writeLong(p []byte) []byte {
	end, done := len(p), false
	for i := range p {
		// an over-long line is text: it ends at an LF (linebreaks.go)
		if p[i] == '\n' && (s.kind == StreamLines || s.longBoundary(p, i)) {
			end, done = i+1, true
			break
		}
	}
	if _, err := s.long.Write(p[:end]); err != nil && s.err == nil {
		s.err = err
	}
	for _, c := range p[max(0, end-2):end] {
		s.last[0], s.last[1] = s.last[1], c
	}
	if done {
		s.endLong()
	}
	return p[end:]
}

// longBoundary reports whether the '\n' at p[i] ends an event: a line
// end right after another.
func (s *Stream) longBoundary(p []byte, i int) bool {
	prev := func(k int) byte {
		if k >= 0 {
			return p[k]
		}
		if j := 2 + k; j >= 0 {
			return s.last[j]
		}
		return 0
	}
	b := prev(i - 1)
	if b == '\r' {
		b = prev(i - 2)
	}
	return b == '\n'
}

// endLong ends the text redaction of an over-long event.
func (s *Stream) endLong() {
	if err := s.long.Close(); err != nil && s.err == nil {
		s.err = err
	}
	s.long = nil
}

// writerFunc adapts a function to io.Writer.
type writerFunc func([]byte)

func (f writerFunc) Write(p []byte) (int, error) {
	f(p)
	return len(p), nil
}
