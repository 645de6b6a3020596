package caddymodule

import (
	"crypto/rand"
	"errors"
	"net/http"
	"sync"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/membudget"
	"github.com/piifilter/caddy-pii-filter/internal/panics"
)

// wsSide inspects one direction of a WebSocket connection, message by
// message: the client's frames (masked) as the request direction, the
// upstream's as the response direction, each under that direction's
// action. Its bodyformat.WSDecoder reassembles each message from its
// fragments, at most max_body bytes (a longer one closes the connection
// with 1009). A text message goes through a bodyformat.Stream as one
// event: read as JSON when it is JSON, else as text, and joined with the
// messages before it, so a number a chat sends a few digits a message is
// found, and a message is held back while it may end with the start of
// one (bounded, and released by a timer: wsConn, wsReader). A binary
// message that is UTF-8 text (and no binary encoding the subprotocol
// names), a character cut at its edges by the messages before and after
// allowed (bodyformat.UTF8Carry), is read and joined as a text message
// is, and goes out binary; so is a JSON document after a 4-byte length
// (bodyformat.SniffLengthPrefix), which goes out after its new length,
// and text but for NULs after it and a short binary head
// (bodyformat.SniffFramedText), which goes out in its framing, masked in
// place; another is judged as an untyped body (read when it is text, passed
// when it is not). Control frames pass as they came; a close frame
// first releases what is held.
//
// redact sends messages re-framed with their findings masked; reject, the
// dossier rule (over the handshake's fields and, from the client, every
// message so far: seen) and a protected identifier close the connection
// with 1008 (policy violation); log passes the messages and logs incidents.
// One incident is logged for each message with findings. A direction that
// is off is read for protected identifiers only.
//
// A wsSide is used by one goroutine at a time (its owner serialises the
// copy and the timer).
type wsSide struct {
	h      *Handler
	r      *http.Request
	dir    direction
	act    action
	status int  // of the upgrade (101, or 200 for an extended CONNECT)
	masked bool // frames of this side are masked (the client's)
	// binaryType is the media type binary messages are read as: a binary
	// encoding the subprotocol names, or "" (sniffed)
	binaryType string

	dec  *bodyformat.WSDecoder
	text streamInspector
	// ops are how the messages in the stream not yet released go out,
	// oldest first: text sent in a binary frame goes out in one, after
	// the length prefix it came with
	ops []wsTextOut
	// carry: the incomplete character the last binary message read as
	// text ended with, which the next one may complete
	carry bodyformat.UTF8Carry
	// original: the messages go out as they came (log, off), the stream
	// only finds
	original bool

	out   []byte    // framed bytes ready to forward
	inc   *incident // the findings not yet judged
	fresh int
	cut   bool
	// badText: a released text message was not UTF-8 (settle fails)
	badText bool
	// seen is what this direction held so far, categories and counts
	// only, no text: the handshake's fields (the request's target and
	// header fields, the answer's header fields) and, from the client,
	// every message settled before. Each message counts it for the
	// dossier rule, as an HTTP body counts its fields: a dossier a client
	// sends a category a message (a name, then an ID, then a mobile) is
	// one. The upstream's messages are not added up: a relay's messages
	// are many senders' (a group chat), and one member's posts would close
	// every viewer's connection
	seen detect.Summary
	// badFrame: a released binary message read as framed text was
	// longer once masked than its framing holds (settle fails)
	badFrame bool

	lease   *wsLease // the exchange's share of the memory budget
	charged int64    // what the side has reserved of it
	bound   int64    // the most the side may hold
}

// errWSClose ends a side: the connection is closed with its code.
type errWSClose struct{ code uint16 }

// Error names the close code.
func (e errWSClose) Error() string { return "pii_filter: websocket closed by the filter" }

// newWSSide starts the inspection of direction dir of r's connection.
func newWSSide(h *Handler, r *http.Request, dir direction, status int, lease *wsLease) *wsSide {
	s := &wsSide{h: h, r: r, dir: dir, act: h.cfg.actionFor(dir), status: status, masked: dir == dirRequest, lease: lease}
	s.original = s.act == actLog || s.act == actOff
	limit := int(min(h.cfg.maxBody, int64(maxWSMessage)))
	s.dec = bodyformat.NewWSDecoder(s.masked, limit)
	mode := bodyformat.Redact
	if s.original {
		mode = bodyformat.Scan
	}
	opt := bodyformat.StreamOptions{Mode: mode, OnFinding: s.found, MaxEvent: limit, WorkRate: h.workRate(), Memory: lease}
	s.text = newStream(h.engine, writerFunc(s.emitText), bodyformat.StreamLines, opt)
	// the message being reassembled, its copy held by the stream and its
	// framed output, and what the stream holds of earlier messages
	s.bound = int64(3*limit + opt.HoldBound())
	return s
}

// maxWSMessage bounds a WebSocket message whatever max_body says: a
// message is held whole, in each direction of every connection.
const maxWSMessage = 1 << 20

// writerFunc adapts a function to io.Writer.
type writerFunc func([]byte)

// Write calls f.
func (f writerFunc) Write(p []byte) (int, error) {
	f(p)
	return len(p), nil
}

// take reads the next bytes of the side and adds what is to go on to
// s.out. An error of type errWSClose says the connection is to be closed
// with its code: the incident is logged already.
func (s *wsSide) take(p []byte) (err error) {
	if s.cut {
		return errWSClose{bodyformat.WSClosePolicyViolation}
	}
	defer s.contain(&err)
	if err := s.charge(len(p)); err != nil {
		if errors.Is(err, errWSEnded) {
			s.cut = true // reverse_proxy is done with the connection
			return errWSClose{wsCloseGoingAway}
		}
		return s.fail(err)
	}
	err = s.dec.Feed(p, s.frame)
	metrics().scannedBytes.WithLabelValues(string(s.dir)).Add(float64(len(p)))
	var ce errWSClose
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ce):
		return err
	}
	return s.fail(err)
}

// wsLease is the exchange's memory lease as a connection's two sides
// share it: once the session ends no more is reserved, so that nothing
// is taken after the handler gave the lease back.
type wsLease struct {
	mu    sync.Mutex
	lease *membudget.Lease
	done  bool
}

// errWSEnded: a reservation after the session ended.
var errWSEnded = errors.New("pii_filter: websocket session ended")

// Reserve reserves n bytes, unless the session ended.
func (l *wsLease) Reserve(n int64) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.done {
		return errWSEnded
	}
	return l.lease.Reserve(n)
}

// Release gives back n bytes reserved before (a blob a reading inflated
// and dropped); after the session ended the lease holds nothing more.
func (l *wsLease) Release(n int64) { l.lease.Release(n) }

// end stops every later reservation.
func (l *wsLease) end() {
	l.mu.Lock()
	l.done = true
	l.mu.Unlock()
}

// charge makes sure the side has reserved what it may hold once it has
// taken n more bytes (within its bound), in steps of streamStart.
func (s *wsSide) charge(n int) error {
	need := min(int64(2*s.held()+3*n), s.bound)
	if need <= s.charged {
		return nil
	}
	step := max(need-s.charged, streamStart)
	if err := s.lease.Reserve(step); err != nil {
		return err
	}
	s.charged += step
	return nil
}

// releaseHeld sends the text messages held back as they stand (a pause
// after what may be the start of an identifier: its open tail is masked).
func (s *wsSide) releaseHeld() (err error) {
	if s.cut {
		return nil
	}
	defer s.contain(&err)
	if err := s.text.ReleaseHeld(); err != nil {
		return s.fail(err)
	}
	return s.settle()
}

// waiting reports whether text messages are held back.
func (s *wsSide) waiting() bool { return !s.cut && s.text.Waiting() }

// held returns the bytes the side holds.
func (s *wsSide) held() int { return s.dec.Held() + s.text.Held() + len(s.out) }

// frame handles a message or a control frame handed over by the decoder.
func (s *wsSide) frame(f bodyformat.WSFrame) error {
	switch f.Op {
	case bodyformat.WSText:
		return s.textMessage(wsTextOut{op: bodyformat.WSText}, f.Payload)
	case bodyformat.WSBinary:
		if s.binaryType == "" && s.carry.Take(f.Payload) {
			// text in a binary frame (a client that decodes each
			// ArrayBuffer and appends it, with a streaming decoder that
			// completes a character cut across messages): joined with
			// the messages around it as text is, and sent on as binary
			return s.textMessage(wsTextOut{op: bodyformat.WSBinary}, f.Payload)
		}
		if lp, ok := bodyformat.SniffLengthPrefix(f.Payload); s.binaryType == "" && ok {
			// a JSON document after its length: read and joined as a
			// JSON message is, and sent on after its new length
			return s.textMessage(wsTextOut{op: bodyformat.WSBinary, prefix: lp}, f.Payload[lp.Width():])
		}
		if ft, ok := bodyformat.SniffFramedText(f.Payload); s.binaryType == "" && ok {
			// text but for NULs after it (a STOMP frame, padding) and a
			// short binary head (a length before text): read and joined
			// as a text message is, masked in place, head and NULs as
			// they came
			return s.textMessage(wsTextOut{op: bodyformat.WSBinary, framed: ft}, ft.Text(f.Payload))
		}
		if err := s.releaseHeld(); err != nil {
			return err
		}
		return s.binary(f.Payload)
	case bodyformat.WSClose:
		if err := s.releaseHeld(); err != nil {
			return err
		}
		if len(f.Payload) > 2 && s.reasonHasFindings(f.Payload[2:]) {
			f.Payload = f.Payload[:2] // the reason is dropped, the code kept
		}
	case bodyformat.WSPing, bodyformat.WSPong:
		// up to 125 bytes an application may read (Node's ws emits them)
		if len(f.Payload) > 0 && s.reasonHasFindings(f.Payload) {
			f.Payload = nil
		}
	}
	s.append(f.Op, f.Payload)
	return nil
}

// wsTextOut is how a message read as text goes out: in a frame of
// opcode op, after its length prefix (none: zero), or in its framing
// (framed: a binary head and NULs around the text; none: zero).
type wsTextOut struct {
	op     byte
	prefix bodyformat.LengthPrefix
	framed bodyformat.FramedText
}

// textMessage reads a message of text, sent as out says, through the
// side's stream; in redact it goes out so when the stream releases it.
func (s *wsSide) textMessage(out wsTextOut, payload []byte) error {
	if !s.original {
		s.ops = append(s.ops, out) // the stream writes each event once, in order
	}
	if err := s.text.WriteEvent(payload); err != nil {
		return s.fail(err)
	}
	if err := s.settle(); err != nil {
		return err
	}
	if s.original {
		p := out.prefix.Append(nil, payload)
		if out.framed.Framed() {
			p, _ = out.framed.Append(nil, payload) // (its own text fits)
		}
		s.append(out.op, p)
	}
	return nil
}

// reasonHasFindings reports whether a close frame's reason, or a ping's
// or pong's payload, holds personal information (or a protected
// identifier): it is then dropped.
func (s *wsSide) reasonHasFindings(reason []byte) bool {
	res, err := bodyformat.Inspect(s.h.engine, reason, "text/plain", "", bodyformat.Scan, s.h.limits(s.r.Context(), nil))
	return err != nil || res.Summary.Categories != 0
}

// binary judges a binary message as a body of the subprotocol's binary
// encoding (MessagePack, protobuf), or else as an untyped body: text is
// read, other bytes pass.
func (s *wsSide) binary(payload []byte) error {
	// uncharged: the side's charge covers a message and its readings
	// (a charge for each message would add up over a long connection)
	j, err := s.h.judge(s.dir, payload, s.binaryType, "", s.h.limits(s.r.Context(), nil))
	if err != nil {
		return s.fail(err)
	}
	if j.kind == verdictClean {
		s.append(bodyformat.WSBinary, payload)
		return nil
	}
	if s.dir == dirRequest {
		s.h.observe(s.r, j.samples)
	}
	inc := s.h.incidentFor(s.r, s.dir, j)
	inc.Status = s.status
	switch j.kind {
	case verdictRefused:
		return s.refuse(inc)
	case verdictRedacted:
		inc.Outcome = outRedacted
		s.h.report(s.r, inc)
		s.append(bodyformat.WSBinary, j.body)
		return nil
	}
	inc.Outcome = outLogged
	s.h.report(s.r, inc)
	s.append(bodyformat.WSBinary, payload)
	return nil
}

// emitText frames a text message the stream released. A text message
// must stay UTF-8 (its receiver fails the connection otherwise): one that
// would not is not sent, and the side fails at its next settle. A binary
// message read as text may begin or end inside a character (UTF8Carry).
func (s *wsSide) emitText(p []byte) {
	out := wsTextOut{op: bodyformat.WSText}
	if len(s.ops) > 0 {
		out = s.ops[0]
		s.ops = s.ops[1:]
		if len(s.ops) == 0 {
			s.ops = s.ops[:0:0] // let the backing array go once drained
		}
	}
	if s.cut || s.badText || s.badFrame {
		return
	}
	if out.op == bodyformat.WSText && !utf8.Valid(p) {
		s.badText = true
		return
	}
	if out.framed.Framed() {
		var ok bool
		if p, ok = out.framed.Append(nil, p); !ok {
			s.badFrame = true // longer masked: no longer fits its framing
			return
		}
	} else if out.prefix.Width() > 0 {
		p = out.prefix.Append(nil, p)
	}
	s.append(out.op, p)
}

// errRedactedNotUTF8: a redacted text message is not UTF-8 (a bug of the
// redaction, contained: the connection closes with 1011).
var errRedactedNotUTF8 = errors.New("pii_filter: redacted websocket text is not UTF-8")

// errRedactedUnframed: the masked text of a binary message read as
// framed text (bodyformat.FramedText) is longer than the text it stands
// for, and its framing (a length in its head) would no longer count it:
// the connection closes with 1011 rather than send it.
var errRedactedUnframed = errors.New("pii_filter: redacted websocket text no longer fits its framing")

// append frames a payload as one final frame, masked with a fresh key
// on the client's side.
func (s *wsSide) append(op byte, payload []byte) {
	var key [4]byte
	if s.masked {
		_, _ = rand.Read(key[:])
	}
	s.out = bodyformat.AppendWSFrame(s.out, op, payload, s.masked, key)
}

// found records a finding of a text message. With the off action (read
// only for protected identifiers) the others are not recorded.
func (s *wsSide) found(f detect.Finding) {
	protected := f.Evidence&detect.EvProtected != 0
	if !protected && s.act == actOff {
		return
	}
	if s.inc == nil {
		s.inc = s.h.newIncident(s.r, s.dir, nil)
		s.inc.Status = s.status
	}
	s.inc.add(f)
	if protected {
		s.inc.Reason = reasonProtected
	}
	s.fresh++
}

// settle judges the findings of the last message: it is refused (the
// connection closed) for a protected identifier, a dossier or the reject
// action, else its incident is logged as redacted or logged.
func (s *wsSide) settle() error {
	if s.badText {
		return s.fail(errRedactedNotUTF8)
	}
	if s.badFrame {
		return s.fail(errRedactedUnframed)
	}
	if s.fresh == 0 {
		return nil
	}
	inc := s.inc
	s.inc, s.fresh = nil, 0
	if s.dir == dirRequest {
		s.h.observe(s.r, inc.Samples) // a client's message is a post: it counts for campaigns
	}
	inc.Dossier = s.h.isDossier(inc.Summary)
	s.h.dossierWith(inc, s.seen) // a dossier split over the handshake and the messages
	if inc.Reason == reasonProtected || inc.Dossier || s.act == actReject {
		if inc.Dossier && inc.Reason != reasonProtected {
			inc.Reason = reasonDossier
		}
		return s.refuse(inc)
	}
	if s.dir == dirRequest {
		// one client's own messages add up; what an upstream relays to a
		// viewer is many senders' posts (a group chat, a room's history),
		// each judged with the answer's fields alone
		s.seen = joinSummaries(s.seen, inc.Summary)
	}
	inc.Outcome = outRedacted
	if s.original {
		inc.Outcome = outLogged
	}
	s.h.report(s.r, inc)
	return nil
}

// refuse cuts the side: nothing more goes on, the incident is logged as
// a refusal, and the connection is to be closed with 1008.
func (s *wsSide) refuse(inc *incident) error {
	s.cut = true
	s.out = s.out[:0]
	inc.Outcome = outRefused
	s.h.report(s.r, inc)
	return errWSClose{bodyformat.WSClosePolicyViolation}
}

// fail cuts the side on a message it cannot inspect: a framing error
// (1002, or 1007 for text that is not UTF-8), a message over the bound
// (1009), or an inspection that failed (1011). The incident is a refusal;
// a WebSocket is never passed uninspected once inspection started.
func (s *wsSide) fail(err error) error {
	inc := s.h.newIncident(s.r, s.dir, nil)
	inc.Status = s.status
	code := bodyformat.WSCloseCode(err)
	switch {
	case errors.Is(err, bodyformat.ErrWSTooBig):
		inc.Reason = reasonTooLarge
		countUninspected(s.dir, skipOversize)
	case errors.Is(err, bodyformat.ErrWSProtocol), errors.Is(err, bodyformat.ErrWSNotUTF8):
		inc.Reason = reasonUninspectable
		countUninspected(s.dir, skipMalformed)
	case outOfMemory(err):
		inc = s.h.busyIncident(s.r, s.dir)
		code = wsCloseTryLater
	default:
		inc.Reason, inc.Cause = reasonUninspectable, errorClass(err)
		countUninspected(s.dir, uninspectedReason(err))
		code = wsCloseInternal
	}
	_ = s.refuse(inc)
	return errWSClose{code}
}

// The close codes of RFC 6455 (section 7.4.1) and the IANA registry the
// filter sends besides bodyformat's.
const (
	wsCloseGoingAway uint16 = 1001 // the connection ended
	wsCloseInternal  uint16 = 1011 // the inspection failed
	wsCloseTryLater  uint16 = 1013 // the memory budget could not hold the message
)

// contain is deferred by the calls that inspect: a panic cuts the side,
// logged as an incident of reason uninspectable.
func (s *wsSide) contain(err *error) {
	if recover() == nil {
		return
	}
	pe := panics.Recovered()
	s.cut = true
	s.out = s.out[:0]
	countUninspected(s.dir, skipPanic)
	inc := s.h.newIncident(s.r, s.dir, nil)
	inc.Status = s.status
	inc.Reason, inc.Outcome = reasonUninspectable, outRefused
	inc.Cause, inc.Stack = skipPanic, pe.Stack
	s.h.report(s.r, inc)
	*err = errWSClose{wsCloseInternal}
}
