package caddymodule

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/http/httpguts"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/membudget"
)

// WebSocket connections (websocket inspect, the default) are inspected
// message by message in both directions (wsSide). They reach the
// filter two ways, both handled:
//
//   - HTTP/1.1 Upgrade: reverse_proxy writes the upstream's 101 and
//     hijacks the connection (responseWriter.Hijack). The filter hands it
//     a wsConn instead: reverse_proxy reads the client's frames from it
//     and writes the upstream's to it, and both go through the sides.
//   - An extended CONNECT (RFC 8441 on HTTP/2, RFC 9220 on HTTP/3):
//     reverse_proxy answers 200, reads the client's frames from the
//     request body and writes the upstream's to the response. The filter
//     wraps the body (wsReader) and reads the response's writes
//     (modeWebSocket).
//
// No extension is negotiated: Sec-WebSocket-Extensions is removed from
// the upgrade request (permessage-deflate would hide the text), and an
// upstream that names one in its answer anyway is refused with 502
// before the connection switches.

// wsAction is the value of the websocket option.
type wsAction string

// The values of the websocket option.
const (
	wsInspect wsAction = "inspect"
	wsPass    wsAction = "pass" // frames after the upgrade pass uninspected (a residual risk)
)

func parseWSAction(s string) (wsAction, error) {
	switch a := wsAction(s); a {
	case "":
		return wsInspect, nil
	case wsInspect, wsPass:
		return a, nil
	}
	return "", fmt.Errorf("unknown websocket mode %q (valid: inspect, pass)", s)
}

// isWebSocket reports whether r asks for a WebSocket: an HTTP/1.1
// Upgrade, or an extended CONNECT.
func isWebSocket(r *http.Request) bool {
	return isExtendedConnect(r) ||
		httpguts.HeaderValuesContainsToken(r.Header["Connection"], "upgrade") &&
			httpguts.HeaderValuesContainsToken(r.Header["Upgrade"], "websocket")
}

// isExtendedConnect reports an extended CONNECT for a WebSocket, as
// reverse_proxy recognises it (bodyformat.IsExtendedConnect).
func isExtendedConnect(r *http.Request) bool {
	return bodyformat.IsExtendedConnect(r)
}

// wsSession is one WebSocket connection under inspection: its two sides,
// and the writes towards the client, which the copy from the upstream,
// the hold timer and a close from the client's side share.
type wsSession struct {
	h      *Handler
	r      *http.Request
	status int // of the switch: 101, or 200 for an extended CONNECT

	up   *wsSide // the client's messages, to the upstream
	down *wsSide // the upstream's, to the client

	wmu      sync.Mutex // guards down, the writes to the client, timer and ended
	toClient io.Writer
	flush    func() error // nil: nothing to flush
	// closeClient ends the client's connection after a close frame (a
	// hijacked one); nil for an extended CONNECT, which ends when the
	// handler returns
	closeClient func() error
	timer       *time.Timer
	ended       bool

	reader  *wsReader
	started bool
	lease   *wsLease
}

// wsStart is what a WebSocket connection reserves of the memory budget
// when it switches: the reader's buffers and a first step of what its
// sides hold. A connection the budget cannot hold is refused with 503.
const wsStart = 2*wsReadBuffer + streamStart

// newWSSession prepares the inspection of the WebSocket r asks for.
// fields is what the request's target and header fields held: the
// client's messages count it for the dossier rule.
func newWSSession(h *Handler, r *http.Request, lease *membudget.Lease, fields detect.Summary) *wsSession {
	status := http.StatusSwitchingProtocols
	if isExtendedConnect(r) {
		status = http.StatusOK
	}
	ss := &wsSession{h: h, r: r, status: status, lease: &wsLease{lease: lease}}
	ss.up = newWSSide(h, r, dirRequest, status, ss.lease)
	ss.up.seen = fields
	ss.down = newWSSide(h, r, dirResponse, status, ss.lease)
	return ss
}

// accept is called with the upstream's answer when the connection is
// about to switch: it returns the incident of a refusal when the answer
// names an extension the filter cannot read, or the memory budget cannot
// hold the connection, and otherwise starts the inspection.
func (ss *wsSession) accept(hdr http.Header, lease *membudget.Lease) *incident {
	if len(hdr.Values("Sec-WebSocket-Extensions")) > 0 {
		countUninspected(dirResponse, skipEncoding)
		inc := ss.h.newIncident(ss.r, dirResponse, nil)
		inc.Reason, inc.Cause, inc.Status = reasonUninspectable, skipEncoding, http.StatusBadGateway
		clearUpgrade(hdr)
		return inc
	}
	if lease.Reserve(wsStart) != nil {
		clearUpgrade(hdr)
		return ss.h.busyIncident(ss.r, dirResponse)
	}
	ss.started = true
	ss.up.binaryType = subprotocolType(hdr.Get("Sec-WebSocket-Protocol"))
	ss.down.binaryType = ss.up.binaryType
	metrics().inspected.WithLabelValues(string(dirRequest)).Inc()
	metrics().inspected.WithLabelValues(string(dirResponse)).Inc()
	return nil
}

// subprotocolType returns the media type binary messages are read as
// under a negotiated subprotocol that names a binary encoding of text
// (wamp.2.msgpack, a "…protobuf" protocol), or "" to sniff them as
// untyped bodies are.
func subprotocolType(proto string) string {
	p := strings.ToLower(proto)
	switch {
	case strings.Contains(p, "msgpack"):
		return "application/msgpack"
	case strings.Contains(p, "protobuf"):
		return "application/x-protobuf"
	}
	return ""
}

// clearUpgrade removes the headers of a switch from a refused answer.
func clearUpgrade(hdr http.Header) {
	for _, k := range []string{"Upgrade", "Connection", "Sec-WebSocket-Accept", "Sec-WebSocket-Extensions", "Sec-WebSocket-Protocol"} {
		hdr.Del(k)
	}
}

// write takes bytes the upstream sent: its messages go to the client
// inspected. After a refusal it fails, which ends reverse_proxy's tunnel.
func (ss *wsSession) write(p []byte) (int, error) {
	ss.wmu.Lock()
	defer ss.wmu.Unlock()
	if ss.ended {
		return 0, errRefused
	}
	err := ss.down.take(p)
	if ferr := ss.forward(); err == nil {
		err = ferr
	}
	if err != nil {
		ss.closeLocked(err)
		return 0, errRefused
	}
	if ss.down.waiting() && ss.timer == nil {
		ss.timer = time.AfterFunc(streamHoldDelay, ss.releaseDown)
	}
	return len(p), nil
}

// releaseDown runs on the timer: the upstream's messages still held go
// out as they stand.
func (ss *wsSession) releaseDown() {
	ss.wmu.Lock()
	defer ss.wmu.Unlock()
	ss.timer = nil
	if ss.ended {
		return
	}
	var failed error
	defer func() {
		if failed != nil { // a panic, contained below: nothing more to the client
			ss.ended = true
			if ss.closeClient != nil {
				_ = ss.closeClient()
			}
		}
	}()
	defer ss.down.contain(&failed) // nothing recovers a panic on a timer
	err := ss.down.releaseHeld()
	if ferr := ss.forward(); err == nil {
		err = ferr
	}
	if err != nil {
		ss.closeLocked(err)
	}
}

// forward writes what the upstream's side has ready to the client.
func (ss *wsSession) forward() error {
	out := ss.down.out
	ss.down.out = out[:0]
	if len(out) == 0 {
		return nil
	}
	if _, err := ss.toClient.Write(out); err != nil {
		return err
	}
	if ss.flush != nil {
		return ss.flush()
	}
	return nil
}

// closeClient sends the client a close frame with the code of err (an
// errWSClose; 1011 for any other) and ends its connection; nothing more
// goes to it.
func (ss *wsSession) closeClientWith(err error) {
	ss.wmu.Lock()
	defer ss.wmu.Unlock()
	ss.closeLocked(err)
}

// closeLocked is closeClientWith with wmu held.
func (ss *wsSession) closeLocked(err error) {
	if ss.ended {
		return
	}
	ss.ended = true
	ss.down.cut = true
	if ss.timer != nil {
		ss.timer.Stop()
		ss.timer = nil
	}
	var ce errWSClose
	code := wsCloseInternal
	if errors.As(err, &ce) {
		code = ce.code
	}
	_, _ = ss.toClient.Write(bodyformat.AppendWSClose(nil, code, false, [4]byte{}))
	if ss.flush != nil {
		_ = ss.flush()
	}
	if ss.closeClient != nil {
		_ = ss.closeClient()
	}
}

// flushClient flushes the writes to the client (an extended CONNECT's
// response), in turn with the copy and the timer.
func (ss *wsSession) flushClient() error {
	ss.wmu.Lock()
	defer ss.wmu.Unlock()
	if ss.flush == nil || ss.ended {
		return nil
	}
	return ss.flush()
}

// close ends the session when reverse_proxy is done with it: the
// upstream's messages still held go to the client as they stand (within
// wsCloseWait on a hijacked connection), and the timer and the reader
// stop.
func (ss *wsSession) close() {
	ss.wmu.Lock()
	if !ss.ended && ss.started && ss.down.waiting() {
		if c, ok := ss.toClient.(net.Conn); ok {
			_ = c.SetWriteDeadline(time.Now().Add(wsCloseWait))
		}
		if ss.down.releaseHeld() == nil {
			_ = ss.forward()
		}
	}
	ss.ended = true
	ss.wmu.Unlock()
	ss.end()
}

// end stops the session without a word more to the client: the timer
// (which would write to it) and the reader stop, and the memory goes back.
// close ends with it; a handler that panicked (see abandon) only ends.
func (ss *wsSession) end() {
	ss.wmu.Lock()
	ss.ended = true
	if ss.timer != nil {
		ss.timer.Stop()
		ss.timer = nil
	}
	ss.wmu.Unlock()
	ss.lease.end()
	if ss.reader != nil {
		ss.reader.stopPump()
	}
}

// wsCloseWait bounds how long the last messages may take to reach the
// client when the connection ends.
const wsCloseWait = time.Second

// hijacked wraps the client's hijacked connection: the 101 already
// buffered goes out first, then reverse_proxy reads and writes frames
// through the sides. The bufio.ReadWriter handed back holds nothing
// buffered: what the client sent early is read through the sides too.
func (ss *wsSession) hijacked(conn net.Conn, brw *bufio.ReadWriter) (net.Conn, *bufio.ReadWriter, error) {
	if err := brw.Flush(); err != nil {
		_ = conn.Close()
		return nil, nil, err
	}
	ss.toClient, ss.closeClient = conn, conn.Close
	ss.reader = newWSReader(ss, brw.Reader)
	c := &wsConn{Conn: conn, ss: ss}
	return c, bufio.NewReadWriter(bufio.NewReaderSize(c, 16), bufio.NewWriterSize(c, 16)), nil
}

// wsConn is the hijacked connection reverse_proxy gets: reads give the
// client's inspected frames, writes take the upstream's. It has neither
// ReadFrom nor WriteTo, so io.Copy cannot go around it.
type wsConn struct {
	net.Conn
	ss *wsSession
}

// Read returns the client's frames, inspected.
func (c *wsConn) Read(p []byte) (int, error) { return c.ss.reader.Read(p) }

// Write takes the upstream's frames.
func (c *wsConn) Write(p []byte) (int, error) { return c.ss.write(p) }

// Close ends the session and the connection.
func (c *wsConn) Close() error {
	c.ss.close()
	return c.Conn.Close()
}

// wsBody is an extended CONNECT's request body as reverse_proxy reads
// it: the client's frames, inspected.
type wsBody struct {
	ss   *wsSession
	orig io.ReadCloser
}

// Read returns the client's frames, inspected.
func (b *wsBody) Read(p []byte) (int, error) { return b.ss.reader.Read(p) }

// Close ends the session and closes the original body.
func (b *wsBody) Close() error {
	b.ss.close()
	return b.orig.Close()
}

// extendedConnect sets the session up for an extended CONNECT whose
// upstream request is r2 and whose answer goes to w: the body is read
// through the client's side, the answer's writes through the upstream's.
func (ss *wsSession) extendedConnect(r2 *http.Request, w http.ResponseWriter) {
	ss.toClient = w
	ss.flush = http.NewResponseController(w).Flush
	if r2.Body != nil && r2.Body != http.NoBody {
		ss.reader = newWSReader(ss, r2.Body)
		r2.Body = &wsBody{ss: ss, orig: r2.Body}
	}
}
