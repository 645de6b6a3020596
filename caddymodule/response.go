package caddymodule

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"
	"golang.org/x/net/http/httpguts"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/membudget"
)

// bufPool holds response buffers; buffers that grew past maxPooledBuffer
// are left to the garbage collector rather than kept.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const maxPooledBuffer = 1 << 20

// filterResponse runs the next handler with a writer that inspects the
// response body, asking it for a whole, identity-encoded representation.
// fields is what the request's target and header fields held: a
// WebSocket's client messages count it for the dossier rule.
func (h *Handler) filterResponse(w http.ResponseWriter, r *http.Request, next caddyhttp.Handler, lease *membudget.Lease, fields detect.Summary) error {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= maxPooledBuffer {
			bufPool.Put(buf)
		}
	}()
	rw := newResponseWriter(h, w, r, buf, lease)
	rw.requestFields = fields
	r2 := upstreamRequest(r)
	if h.cfg.websocket == wsInspect && isWebSocket(r) {
		// no extension is negotiated: permessage-deflate would hide the text
		r2.Header.Del("Sec-WebSocket-Extensions")
		rw.ws = newWSSession(h, r, lease, fields)
		if isExtendedConnect(r) {
			rw.ws.extendedConnect(r2, w)
		}
	}
	finished := false
	defer func() {
		if !finished {
			rw.abandon() // next panicked (http.ErrAbortHandler on a cut copy): the panic goes on
		}
	}()
	err := rw.finish(next.ServeHTTP(rw, r2))
	finished = true
	return err
}

// responseMode is how the body of a response is handled, decided when its
// header is written.
type responseMode int

const (
	modeUndecided responseMode = iota // no final header yet
	modeBuffer                        // buffered (at most max_body bytes), inspected when the handler returns
	modePass                          // written through untouched
	modeStream                        // written through a stream redactor (stream.go)
	modeRefused                       // a refusal was written; further writes fail with errRefused
	modeWebSocket                     // an extended CONNECT's frames, written through rw.ws
)

// responseWriter is the writer the next handler sees when responses are
// inspected. A caddyhttp.ResponseRecorder decides at WriteHeader, through
// decide, whether the body is buffered; this writer caps the buffer at
// max_body, sends untyped bodies that turn out not to be text on
// untouched, and routes event streams through streamFilter. It has its
// own ReadFrom, so io.Copy from reverse_proxy or file_server cannot go
// around it, and reaches the underlying writer only through
// http.ResponseController and Unwrap.
type responseWriter struct {
	h   *Handler
	w   http.ResponseWriter // towards the client
	r   *http.Request       // as the client sent it
	rec caddyhttp.ResponseRecorder
	buf *bytes.Buffer // the recorder's buffer

	lease   *membudget.Lease // what the exchange holds of the memory budget
	charged int64            // what buf has been charged to lease

	mode       responseMode
	fieldsRead bool           // the final header's fields were read (screenFields)
	seen       detect.Summary // what the fields and the body read so far held, for the dossier rule
	sniff      bool           // untyped: text or not is decided on the first bytes
	binary     bool           // sniffed, its head no text, and held (passesBinary)
	early      *incident      // refusal decided by decide, written by WriteHeader
	stream     *streamFilter  // in modeStream
	ws         *wsSession     // a WebSocket to inspect (websocket.go); nil otherwise
	hijacked   bool
	// requestFields is what the request's target and header fields
	// held, for the dossier rule over a WebSocket's client messages
	requestFields detect.Summary
}

// newResponseWriter wraps w for a request r, buffering into buf and
// charging what it holds to lease.
func newResponseWriter(h *Handler, w http.ResponseWriter, r *http.Request, buf *bytes.Buffer, lease *membudget.Lease) *responseWriter {
	rw := &responseWriter{h: h, w: w, r: r, buf: buf, lease: lease}
	rw.rec = caddyhttp.NewResponseRecorder(w, buf, rw.decide)
	return rw
}

// Header returns the response header map, shared with the underlying
// writer.
func (rw *responseWriter) Header() http.Header { return rw.w.Header() }

// WriteHeader records the status and decides how the body is handled.
// Informational responses go straight through.
func (rw *responseWriter) WriteHeader(status int) {
	if rw.mode != modeUndecided || rw.hijacked {
		return
	}
	if rw.ws == nil && status == http.StatusSwitchingProtocols && rw.h.cfg.websocket == wsInspect &&
		httpguts.HeaderValuesContainsToken(rw.Header()["Upgrade"], "websocket") {
		// a handler switching to a WebSocket the request did not name
		// as one: inspected all the same
		rw.ws = newWSSession(rw.h, rw.r, rw.lease, rw.requestFields)
	}
	if rw.ws != nil && !rw.ws.started && rw.switching(status) {
		if inc := rw.ws.accept(rw.Header(), rw.lease); inc != nil {
			rw.refuse(inc)
			return
		}
	}
	rw.rec.WriteHeader(status)
	if inc := rw.early; inc != nil {
		rw.early = nil
		rw.refuse(inc)
		return
	}
	if rw.ws != nil && rw.ws.started {
		// the upstream's messages count what its answer's fields held
		// (read as it went out) for the dossier rule
		rw.ws.down.seen = rw.seen
	}
}

// decide is the recorder's ShouldBufferFunc: it sets the mode for a final
// status and reports whether the recorder buffers. A refusal decided here
// also buffers (so the upstream's header is not written) and is written
// by WriteHeader.
func (rw *responseWriter) decide(status int, hdr http.Header) bool {
	buffer := rw.decideBody(status, hdr)
	if rw.mode == modeBuffer || rw.mode == modeRefused {
		return buffer // fields read when the body or the refusal goes out
	}
	if inc := rw.screenFields(status, true); inc != nil {
		rw.stream = nil
		rw.early = inc
		rw.mode = modeRefused
		return true
	}
	return buffer
}

// decideBody sets the mode for a response's body from its status and
// header, as decide's doc says.
func (rw *responseWriter) decideBody(status int, hdr http.Header) bool {
	if status >= 100 && status <= 199 {
		if status == http.StatusSwitchingProtocols {
			rw.mode = modePass // hijacked next: a websocket is inspected there (Hijack)
		}
		return false
	}
	if rw.ws != nil && rw.ws.started && rw.switching(status) {
		rw.mode = modeWebSocket // an extended CONNECT's frames follow
		return false
	}
	if !bodyAllowed(rw.r, status) {
		rw.mode = modePass
		return false
	}
	ct := bodyformat.ContentType(hdr)
	class := rw.h.classify(ct)
	if class == notText {
		rw.mode = modePass
		return false
	}
	coded := bodyformat.ContentCoding(hdr) != ""
	if passedCompressed(class, ct, bodyformat.ContentCoding(hdr)) {
		rw.mode = modePass
		return false
	}
	cfg := &rw.h.cfg

	// Range and If-Range were removed from the request: a slice of a
	// text representation cannot be inspected reliably.
	if status == http.StatusPartialContent {
		return rw.decideUninspectable(skipPartial)
	}

	if (isEventStream(ct) || (isLineStream(ct) || isDataStream(hdr)) && declaredLength(hdr) < 0) && utf8Charset(ct) || caddyhttp.IsIncremental(hdr) && streamable(hdr) {
		if coded {
			return rw.decideUninspectable(skipStream) // a compressed stream cannot be redacted incrementally
		}
		if cfg.response != actLog && cfg.response != actOff {
			rewrittenHeaders(hdr, "")
			hdr.Del("Content-Length")
		}
		if rw.lease.Reserve(streamStart) != nil {
			rw.early = rw.h.busyIncident(rw.r, dirResponse)
			rw.mode = modeRefused
			return true
		}
		rw.mode = modeStream
		rw.stream = newStreamFilter(rw, isEventStream(ct))
		rw.stream.charged = streamStart
		return false
	}

	rw.sniff = class == sniffText && !coded
	if !rw.sniff && declaredLength(hdr) > cfg.maxBody {
		countUninspected(dirResponse, skipOversize)
		if cfg.oversizeFor(dirResponse) == failPass {
			rw.h.logger.Debug("response body larger than max_body passed uninspected",
				zap.Int64("max_body", cfg.maxBody))
			rw.mode = modePass
			return false
		}
		rw.early = rw.failure(reasonTooLarge)
		rw.mode = modeRefused
		return true
	}
	rw.mode = modeBuffer
	return true
}

// decideUninspectable applies on_error at WriteHeader time to a response
// that cannot be inspected for the reason why.
func (rw *responseWriter) decideUninspectable(why string) bool {
	countUninspected(dirResponse, why)
	if rw.h.cfg.onErrorFor(dirResponse) == failPass {
		rw.h.logger.Debug("response body that cannot be inspected passed uninspected")
		rw.mode = modePass
		return false
	}
	rw.early = rw.failure(reasonUninspectable)
	rw.mode = modeRefused
	return true
}

// Write buffers, streams or passes p according to the mode.
func (rw *responseWriter) Write(p []byte) (int, error) {
	if rw.mode == modeUndecided {
		rw.WriteHeader(http.StatusOK)
	}
	switch rw.mode {
	case modeBuffer:
		return rw.bufferWrite(p)
	case modeStream:
		return rw.stream.Write(p)
	case modeRefused:
		return 0, errRefused
	case modeWebSocket:
		return rw.ws.write(p)
	}
	return rw.w.Write(p)
}

// switching reports whether status switches r's connection to the
// WebSocket it asked for: 101, or a 2xx to an extended CONNECT.
func (rw *responseWriter) switching(status int) bool {
	if isExtendedConnect(rw.r) {
		return status >= 200 && status <= 299
	}
	return status == http.StatusSwitchingProtocols
}

// ReadFrom copies src through Write, or with the underlying writer's own
// ReadFrom once the body is passed through untouched.
func (rw *responseWriter) ReadFrom(src io.Reader) (int64, error) {
	if rw.mode == modeUndecided {
		rw.WriteHeader(http.StatusOK)
	}
	if rw.mode == modePass {
		return (&caddyhttp.ResponseWriterWrapper{ResponseWriter: rw.w}).ReadFrom(src)
	}
	return io.Copy(writerOnly{rw}, src)
}

// writerOnly hides ReadFrom, so io.Copy uses Write.
type writerOnly struct{ io.Writer }

// FlushError flushes what may be flushed: nothing while the body is
// buffered (that would commit the header early), the redacted part of a
// stream, or the underlying writer when passing through.
func (rw *responseWriter) FlushError() error {
	if ct := bodyformat.ContentType(rw.Header()); rw.mode == modeUndecided && (caddyhttp.IsIncremental(rw.Header()) && streamable(rw.Header()) || isEventStream(ct) && utf8Charset(ct)) {
		rw.WriteHeader(http.StatusOK) // a stream's header goes out on its first flush
	}
	switch rw.mode {
	case modePass:
		return http.NewResponseController(rw.w).Flush()
	case modeStream:
		return rw.stream.flush()
	case modeWebSocket:
		return rw.ws.flushClient()
	case modeRefused:
		// the refusal is written already: push it out before reverse_proxy,
		// seeing its next write fail, aborts the connection
		return http.NewResponseController(rw.w).Flush()
	}
	return nil
}

// Flush implements http.Flusher for handlers that still assert it.
func (rw *responseWriter) Flush() { _ = rw.FlushError() }

// Hijack hands the connection over (a websocket after its 101). A
// WebSocket under inspection gets a connection whose frames go through
// the filter (wsSession.hijacked), and only once its 101 went out; with
// websocket pass, or a connection that is no WebSocket, the filter does
// nothing more with the response.
func (rw *responseWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	if rw.ws != nil && (!rw.ws.started || rw.mode != modePass) {
		return nil, nil, errRefused // refused, or hijacked without switching
	}
	conn, brw, err := http.NewResponseController(rw.w).Hijack()
	if err != nil {
		return conn, brw, err
	}
	rw.hijacked = true
	if rw.ws != nil {
		return rw.ws.hijacked(conn, brw)
	}
	return conn, brw, nil
}

// Unwrap returns the underlying writer, for http.ResponseController.
func (rw *responseWriter) Unwrap() http.ResponseWriter { return rw.w }

// bufferWrite adds p to the buffer, applying the oversize policy when it
// would grow past max_body, and settles a body not text by its type on its
// first bytes: one whose head is no text goes on untouched when
// passesBinary says so (a Content-Type names its type); one with no
// Content-Type at all stays buffered, inspected as Inspect reads binary
// bodies, and past max_body streams when a known signature opens it,
// else follows the oversize policy (overflow).
func (rw *responseWriter) bufferWrite(p []byte) (int, error) {
	if int64(rw.buf.Len())+int64(len(p)) > rw.h.cfg.maxBody {
		return rw.overflow(p)
	}
	if rw.charge(len(p)) != nil {
		rw.refuse(rw.h.busyIncident(rw.r, dirResponse))
		return 0, errRefused
	}
	n, err := rw.rec.Write(p)
	if err != nil || !rw.sniff || rw.buf.Len() < sniffLen {
		return n, err
	}
	rw.sniff = false
	past := declaredLength(rw.Header()) > rw.h.cfg.maxBody
	if !rw.sniffsText(rw.buf.Bytes(), nil) {
		rw.binary = true
		if rw.passesBinary(rw.buf.Bytes(), past) {
			return n, rw.release() // a download
		}
	}
	if past {
		return n, rw.oversized()
	}
	return n, nil
}

// charge reserves what the buffer needs to take n more bytes, before it
// grows: when it must grow, the new array (at least twice the old one, as
// bytes.Buffer grows), the old one staying charged as garbage; within a
// pooled buffer's capacity, the bytes used, charged by doubling.
func (rw *responseWriter) charge(n int) error {
	need := int64(rw.buf.Len() + n)
	if c := int64(rw.buf.Cap()); need > c {
		size := max(need, 2*c)
		if err := rw.lease.Reserve(size); err != nil {
			return err
		}
		rw.charged += size
		rw.buf.Grow(n)
		return nil
	}
	if need > rw.charged {
		step := min(max(need, 2*rw.charged), int64(rw.buf.Cap())) - rw.charged
		if err := rw.lease.Reserve(step); err != nil {
			return err
		}
		rw.charged += step
	}
	return nil
}

// overflow handles a write that would take the buffer past max_body: a
// body whose head is no text goes on untouched when passesBinary; any
// other follows the oversize policy, as text does.
func (rw *responseWriter) overflow(p []byte) (int, error) {
	head := rw.head(rw.buf.Bytes(), p)
	if rw.sniff {
		rw.sniff = false
		rw.binary = !bodyformat.IsText(bodyformat.ContentType(rw.Header()), head)
	}
	if rw.binary && rw.passesBinary(head, true) {
		if err := rw.release(); err != nil {
			return 0, err
		}
		return rw.w.Write(p)
	}
	if err := rw.oversized(); err != nil {
		return 0, err
	}
	return rw.w.Write(p)
}

// passesBinary reports whether a body whose head is no text goes on unread:
// one whose Content-Type names a type, whatever it names
// (application/octet-stream, application/x-7z-compressed): an operator's
// downloads of any size stream through as they did, unbuffered. A body with
// no Content-Type, or one that names none (empty, blank, parameters only:
// `; charset=utf-8`, attack pass 50 F4), the shape a legacy service's raw
// records take (NULs before a form's fields), is held and inspected up to
// max_body whatever its first bytes (issue #9, fix49frames finding 5;
// attack pass 49a, F5: a 2-byte signature, "BM" or "ID3", forged before a
// form's fields had passed it unread); past max_body (past) it goes on when
// a known signature opens it (SignedBinary: an image, an archive, a font),
// else follows the oversize policy.
func (rw *responseWriter) passesBinary(head []byte, past bool) bool {
	return namesType(bodyformat.ContentType(rw.Header())) || past && bodyformat.SignedBinary(head)
}

// sniffsText reports whether the first sniffLen bytes of a then b are
// text.
func (rw *responseWriter) sniffsText(a, b []byte) bool {
	return bodyformat.IsText(bodyformat.ContentType(rw.Header()), rw.head(a, b))
}

// head returns the first sniffLen bytes of a then b.
func (rw *responseWriter) head(a, b []byte) []byte {
	head := a[:min(len(a), sniffLen)]
	if len(head) < sniffLen && len(b) > 0 {
		head = append(head[:len(head):len(head)], b[:min(len(b), sniffLen-len(head))]...)
	}
	return head
}

// oversized applies the oversize policy to a buffered body that exceeds
// max_body: pass sends what was buffered and streams the rest untouched,
// reject refuses (nothing has been written yet).
func (rw *responseWriter) oversized() error {
	countUninspected(dirResponse, skipOversize)
	if rw.h.cfg.oversizeFor(dirResponse) == failPass {
		rw.h.logger.Debug("response body larger than max_body passed uninspected",
			zap.Int64("max_body", rw.h.cfg.maxBody))
		return rw.release()
	}
	rw.refuse(rw.failure(reasonTooLarge))
	return errRefused
}

// release gives up buffering: the recorded status and the buffered bytes
// are written, and the rest of the body passes through untouched.
func (rw *responseWriter) release() error {
	rw.mode = modePass
	rw.w.WriteHeader(rw.status())
	if rw.buf.Len() == 0 {
		return nil
	}
	_, err := rw.w.Write(rw.buf.Bytes())
	rw.buf.Reset()
	return err
}

// status returns the recorded status.
func (rw *responseWriter) status() int {
	if s := rw.rec.Status(); s != 0 {
		return s
	}
	return http.StatusOK
}

// failure returns the incident of a response refused without findings.
func (rw *responseWriter) failure(why reason) *incident {
	inc := rw.h.newIncident(rw.r, dirResponse, nil)
	inc.Reason = why
	inc.Status = rw.h.cfg.status
	return inc
}

// refuse discards the response and writes the refusal of inc instead.
func (rw *responseWriter) refuse(inc *incident) {
	rw.screenFields(inc.Status, false) // the upstream's fields that stay with the refusal
	rw.mode = modeRefused
	rw.buf.Reset()
	inc.Outcome = outRefused
	rw.h.report(rw.r, inc)
	if err := writeProblem(rw.w, inc); err != nil {
		rw.h.logger.Debug("writing refusal", zap.Error(err))
	}
}

// abandon ends what the response started when the next handler did not
// return: reverse_proxy panics with http.ErrAbortHandler when its copy
// fails (an upstream cut short, a client gone, an HTTP/2 stream reset).
// Nothing more is written, and no timer of the stream or the WebSocket
// may fire on the finished response.
func (rw *responseWriter) abandon() {
	if rw.ws != nil {
		rw.ws.end()
	}
	if rw.stream != nil {
		rw.stream.abandon()
	}
}

// finish completes the response once the next handler returned err.
func (rw *responseWriter) finish(err error) error {
	if rw.ws != nil {
		rw.ws.close()
	}
	if !rw.hijacked && (rw.mode == modeStream || rw.mode == modePass) {
		rw.filterTrailers() // a buffered response's are read with its fields when it is sent
	}
	switch {
	case rw.hijacked, rw.mode == modeWebSocket:
		return err
	case rw.mode == modeUndecided && err == nil:
		// nothing written: the server answers 200 with the fields set
		if inc := rw.screenFields(http.StatusOK, true); inc != nil {
			rw.refuse(inc)
		}
		return nil
	case rw.mode == modeUndecided:
		rw.screenFields(http.StatusOK, false) // the error's answer goes out with them
		return err
	case rw.mode == modeStream:
		cerr := rw.stream.close()
		if err == nil && !errors.Is(cerr, errRefused) {
			err = cerr
		}
		return err
	case rw.mode == modeRefused:
		return nil // the refusal is written; the handler's own error no longer matters
	case rw.mode != modeBuffer:
		return err
	}
	if err != nil {
		// handle_errors answers instead: drop the body and its headers.
		rw.buf.Reset()
		clearBodyHeaders(rw.Header())
		rw.screenFields(rw.status(), false)
		return err
	}
	return rw.inspect()
}

// inspect inspects the buffered body and writes the response the action
// calls for.
func (rw *responseWriter) inspect() error {
	hdr := rw.Header()
	body := rw.buf.Bytes()
	ct := bodyformat.ContentType(hdr)
	if rw.sniff {
		rw.sniff = false
		if !rw.sniffsText(body, nil) && rw.passesBinary(body, false) {
			return rw.send(body, false, "") // a download (bufferWrite)
		}
	}
	if len(body) == 0 {
		return rw.send(body, false, "")
	}
	cfg := &rw.h.cfg
	j, err := rw.h.judge(dirResponse, body, ct, bodyformat.ContentCoding(hdr), rw.h.limits(rw.r.Context(), rw.lease))
	switch {
	case err == nil:
	case outOfMemory(err):
		rw.refuse(rw.h.busyIncident(rw.r, dirResponse))
		return nil
	case canceled(err):
		rw.buf.Reset()
		return rw.h.abandoned(dirResponse, err)
	default:
		countUninspected(dirResponse, uninspectedReason(err))
		policy, why := cfg.onErrorFor(dirResponse), reasonUninspectable
		if errors.Is(err, bodyformat.ErrTooLarge) {
			policy, why = cfg.oversizeFor(dirResponse), reasonTooLarge
		}
		if policy == failPass {
			rw.h.passUninspected(rw.r, dirResponse, err)
			return rw.send(body, false, "")
		}
		inc := rw.h.uninspectable(rw.r, dirResponse, err)
		inc.Reason, inc.Status = why, cfg.status
		rw.refuse(inc)
		return nil
	}
	if j.kind == verdictClean {
		return rw.send(body, false, "")
	}

	inc := rw.h.incidentFor(rw.r, dirResponse, j)
	inc.Status = rw.status()
	seen := joinSummaries(rw.seen, j.summary)
	// a dossier split between the fields read so far and the body
	refused := j.kind == verdictRefused || rw.h.dossierWith(inc, rw.seen)
	rw.seen = seen // the fields read when the body is sent count it
	switch {
	case refused:
		inc.Status = cfg.status
		rw.refuse(inc)
		return nil
	case j.kind == verdictRedacted:
		inc.Outcome = outRedacted
		rw.h.report(rw.r, inc)
		return rw.send(j.body, true, j.encoding)
	}
	inc.Outcome = outLogged
	rw.h.report(rw.r, inc)
	return rw.send(body, false, "")
}

// send writes the recorded status and body. A rewritten body gets its
// representation headers fixed; any inspected body gets its exact length
// and loses Accept-Ranges (Range requests are answered whole).
func (rw *responseWriter) send(body []byte, rewritten bool, encoding string) error {
	hdr := rw.Header()
	if rewritten {
		rewrittenHeaders(hdr, encoding)
	}
	hdr.Del("Accept-Ranges")
	hdr.Set("Content-Length", strconv.Itoa(len(body)))
	if inc := rw.screenFields(rw.status(), true); inc != nil {
		rw.refuse(inc)
		return nil
	}
	rw.w.WriteHeader(rw.status())
	_, err := rw.w.Write(body)
	return err
}

// Interface guards
var (
	_ http.ResponseWriter = (*responseWriter)(nil)
	_ io.ReaderFrom       = (*responseWriter)(nil)
	_ http.Flusher        = (*responseWriter)(nil)
	_ http.Hijacker       = (*responseWriter)(nil)
)
