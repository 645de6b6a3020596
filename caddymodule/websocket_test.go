package caddymodule

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
)

// wsReadFrames decodes frames from r (masked: a client's) until want
// messages or control frames came, or r ends.
func wsReadFrames(t *testing.T, r io.Reader, masked bool, want int) []bodyformat.WSFrame {
	t.Helper()
	d := bodyformat.NewWSDecoder(masked, 1<<20)
	var got []bodyformat.WSFrame
	buf := make([]byte, 4096)
	for len(got) < want {
		n, err := r.Read(buf)
		if ferr := d.Feed(buf[:n], func(f bodyformat.WSFrame) error {
			got = append(got, bodyformat.WSFrame{Op: f.Op, Payload: bytes.Clone(f.Payload)})
			return nil
		}); ferr != nil {
			t.Fatalf("decoding: %v", ferr)
		}
		if err != nil {
			break
		}
	}
	return got
}

// wsUpstreamFunc is a next handler that switches as reverse_proxy does
// over HTTP/1.1 (101, then hijack) and runs talk over the connection.
func wsUpstreamFunc(extension string, talk func(conn net.Conn, brw *bufio.ReadWriter) error) caddyhttp.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if r.Header.Get("Sec-WebSocket-Extensions") != "" {
			return io.ErrUnexpectedEOF // the offer must not reach the upstream
		}
		w.Header().Set("Upgrade", "websocket")
		w.Header().Set("Connection", "Upgrade")
		if extension != "" {
			w.Header().Set("Sec-WebSocket-Extensions", extension)
		}
		w.WriteHeader(http.StatusSwitchingProtocols)
		conn, brw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return err
		}
		defer conn.Close()
		if brw.Reader.Buffered() != 0 {
			return io.ErrShortBuffer // early bytes would go around the filter
		}
		return talk(conn, brw)
	}
}

// wsServe serves h with next behind a real server and sends the upgrade.
func wsServe(t *testing.T, h *Handler, next caddyhttp.HandlerFunc) (net.Conn, *bufio.Reader, *http.Response, chan error) {
	t.Helper()
	return wsServeUpgrade(t, h, next, "websocket")
}

// wsServeUpgrade is wsServe with the request's Upgrade header.
func wsServeUpgrade(t *testing.T, h *Handler, next caddyhttp.HandlerFunc, upgrade string) (net.Conn, *bufio.Reader, *http.Response, chan error) {
	t.Helper()
	return wsServeTarget(t, h, next, upgrade, "/ws")
}

// wsServeTarget is wsServeUpgrade with the request's target (a path and
// query).
func wsServeTarget(t *testing.T, h *Handler, next caddyhttp.HandlerFunc, upgrade, target string) (net.Conn, *bufio.Reader, *http.Response, chan error) {
	t.Helper()
	done := make(chan error, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		done <- h.ServeHTTP(w, withVars(r), next)
	}))
	t.Cleanup(srv.Close)
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	_, _ = io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: "+upgrade+"\r\n"+
		"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"+
		"Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
	br := bufio.NewReader(conn)
	res, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	return conn, br, res, done
}

var wsKey = [4]byte{0x37, 0xfa, 0x21, 0x3d}

// TestWebSocketHijackInspected: the client's frames (one sent right
// behind the upgrade, fragmented, with a ping between its fragments)
// reach the upstream redacted and the ping untouched; the upstream's
// frames reach the client redacted.
func TestWebSocketHijackInspected(t *testing.T) {
	h, logs := newHandler(t, Handler{})
	upGot := make(chan []bodyformat.WSFrame, 1)
	next := wsUpstreamFunc("", func(conn net.Conn, brw *bufio.ReadWriter) error {
		upGot <- wsReadFrames(t, conn, true, 2)
		_, err := conn.Write(bodyformat.AppendWSFrame(nil, bodyformat.WSText, []byte("客服 "+testMobile), false, [4]byte{}))
		return err
	})
	conn, br, res, done := wsServe(t, h, next)
	if res.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("status %d", res.StatusCode)
	}
	msg := []byte("手机 " + testMobile)
	var wire []byte
	wire = appendFragment(wire, false, bodyformat.WSText, msg[:9])
	wire = bodyformat.AppendWSFrame(wire, bodyformat.WSPing, []byte("hb"), true, wsKey)
	wire = appendFragment(wire, true, bodyformat.WSContinuation, msg[9:])
	if _, err := conn.Write(wire); err != nil {
		t.Fatal(err)
	}
	got := <-upGot
	if len(got) != 2 || got[0].Op != bodyformat.WSPing || string(got[0].Payload) != "hb" || got[1].Op != bodyformat.WSText {
		t.Fatalf("upstream got %v", got)
	}
	if strings.Contains(string(got[1].Payload), testMobile) || !strings.HasPrefix(string(got[1].Payload), "手机 ") {
		t.Errorf("upstream got %q", got[1].Payload)
	}
	back := wsReadFrames(t, br, false, 1)
	if len(back) != 1 || strings.Contains(string(back[0].Payload), testMobile) {
		t.Errorf("client got %v", back)
	}
	conn.Close()
	<-done
	if len(incidents(logs)) < 2 {
		t.Errorf("%d incidents, want one a direction", len(incidents(logs)))
	}
}

// appendFragment appends a masked frame whose FIN bit is fin.
func appendFragment(dst []byte, fin bool, op byte, payload []byte) []byte {
	start := len(dst)
	dst = bodyformat.AppendWSFrame(dst, op, payload, true, wsKey)
	if !fin {
		dst[start] &^= 0x80
	}
	return dst
}

// TestWebSocketRejectCloses: under reject, a message with personal
// information closes the connection with 1008 towards the client, and
// the upstream gets a close frame instead of the message.
func TestWebSocketRejectCloses(t *testing.T) {
	h, logs := newHandler(t, Handler{Request: "reject"})
	upGot := make(chan []bodyformat.WSFrame, 1)
	next := wsUpstreamFunc("", func(conn net.Conn, brw *bufio.ReadWriter) error {
		upGot <- wsReadFrames(t, conn, true, 1)
		return nil
	})
	conn, br, _, done := wsServe(t, h, next)
	if _, err := conn.Write(bodyformat.AppendWSFrame(nil, bodyformat.WSText, []byte("手机 "+testMobile), true, wsKey)); err != nil {
		t.Fatal(err)
	}
	got := <-upGot
	if len(got) != 1 || got[0].Op != bodyformat.WSClose || binary.BigEndian.Uint16(got[0].Payload) != 1008 {
		t.Errorf("upstream got %v", got)
	}
	back := wsReadFrames(t, br, false, 1)
	if len(back) != 1 || back[0].Op != bodyformat.WSClose || binary.BigEndian.Uint16(back[0].Payload) != 1008 {
		t.Errorf("client got %v", back)
	}
	<-done
	if inc := incidents(logs); len(inc) != 1 || inc[0].ContextMap()["outcome"] != "refused" {
		t.Errorf("incidents %v", inc)
	}
}

// TestWebSocketExtensionRefused: an upstream that names an extension the
// filter cannot read (permessage-deflate) is refused with 502 before the
// connection switches, and cannot hijack it.
func TestWebSocketExtensionRefused(t *testing.T) {
	h, logs := newHandler(t, Handler{})
	hijacked := false
	next := wsUpstreamFunc("permessage-deflate", func(net.Conn, *bufio.ReadWriter) error {
		hijacked = true
		return nil
	})
	_, _, res, done := wsServe(t, h, next)
	if res.StatusCode != http.StatusBadGateway || res.Header.Get("Upgrade") != "" {
		t.Errorf("status %d, Upgrade %q", res.StatusCode, res.Header.Get("Upgrade"))
	}
	<-done
	if hijacked {
		t.Error("the connection was hijacked after the refusal")
	}
	if len(incidents(logs)) != 1 {
		t.Errorf("%d incidents", len(incidents(logs)))
	}
}

// TestWebSocketExtendedConnect: a WebSocket over HTTP/2's extended
// CONNECT flows through the request body and the response, as
// reverse_proxy carries it; both directions are inspected there.
func TestWebSocketExtendedConnect(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	r := httptest.NewRequest(http.MethodConnect, "/ws", nil)
	r.ProtoMajor, r.ProtoMinor, r.Proto = 2, 0, "HTTP/2.0"
	r.Header.Set(":protocol", "websocket")
	r.Header.Set("Sec-WebSocket-Extensions", "permessage-deflate")
	client := bodyformat.AppendWSFrame(nil, bodyformat.WSText, []byte("邮箱 "+testEmail), true, wsKey)
	client = bodyformat.AppendWSFrame(client, bodyformat.WSText, []byte("hello"), true, wsKey)
	r.Body = io.NopCloser(bytes.NewReader(client))
	var upGot []bodyformat.WSFrame
	next := func(w http.ResponseWriter, r *http.Request) error {
		if r.Header.Get("Sec-WebSocket-Extensions") != "" {
			t.Error("the extension offer reached the upstream")
		}
		w.WriteHeader(http.StatusOK)
		_, err := w.Write(bodyformat.AppendWSFrame(nil, bodyformat.WSText, []byte("身份证 "+testID), false, [4]byte{}))
		if err != nil {
			return err
		}
		http.NewResponseController(w).Flush()
		upGot = wsReadFrames(t, r.Body, true, 2)
		return nil
	}
	w := serveRecorded(t, h, withVars(r), next)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	if len(upGot) != 2 || strings.Contains(string(upGot[0].Payload), testEmail) || string(upGot[1].Payload) != "hello" {
		t.Errorf("upstream got %v", upGot)
	}
	back := wsReadFrames(t, w.Body, false, 1)
	if len(back) != 1 || strings.Contains(string(back[0].Payload), testID) || !strings.HasPrefix(string(back[0].Payload), "身份证 ") {
		t.Errorf("client got %v", back)
	}
}

// TestWebSocketSideMemoryBounded: a long connection does not add up
// charges: after a thousand messages, text and binary, with findings and
// without, the lease holds no more than the side's bound, and the side
// holds no more than a message and what its stream may keep.
func TestWebSocketSideMemoryBounded(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	b := withBudget(t, 1<<30)
	lease := b.Lease(context.Background(), 0)
	defer lease.Close()
	ss := newWSSession(h, get("/ws"), lease, detect.Summary{})
	up := ss.up
	text := []byte(strings.Repeat("聊天记录，没有个人信息。", 300) + " 手机 " + testMobile)
	bin := append([]byte{0, 1, 2, 0xff}, text...)
	for i := range 1000 {
		msg := bodyformat.AppendWSFrame(nil, bodyformat.WSText, text, true, wsKey)
		if i%2 == 1 {
			msg = bodyformat.AppendWSFrame(nil, bodyformat.WSBinary, bin, true, wsKey)
		}
		up.out = up.out[:0]
		if err := up.take(msg); err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		if bytes.Contains(up.out, []byte(testMobile)) {
			t.Fatalf("message %d: the mobile got through", i)
		}
	}
	t.Logf("lease %d, side %d, bound %d", lease.Held(), up.held(), up.bound)
	if held := lease.Held(); held > up.bound {
		t.Errorf("lease holds %d bytes after 1000 messages, above the side's bound %d", held, up.bound)
	}
	if held := up.held(); held > 2*len(text)+bodyformat.DefaultMaxHeld {
		t.Errorf("side holds %d bytes", held)
	}
	ss.close()
	if err := up.take(bodyformat.AppendWSFrame(nil, bodyformat.WSText, text, true, wsKey)); err == nil {
		t.Error("a side takes bytes after its session ended")
	}
}

// TestWebSocketSideCleanAllocs: a clean message costs a bounded number
// of allocations whatever its length (none per byte).
func TestWebSocketSideCleanAllocs(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	lease := withBudget(t, 1<<30).Lease(context.Background(), 0)
	defer lease.Close()
	for _, n := range []int{1 << 10, 64 << 10} {
		ss := newWSSession(h, get("/ws"), lease, detect.Summary{})
		msg := bodyformat.AppendWSFrame(nil, bodyformat.WSBinary, bytes.Repeat([]byte{0, 0xff, 7, 0x80}, n/4), true, wsKey)
		allocs := testing.AllocsPerRun(5, func() {
			ss.up.out = ss.up.out[:0]
			if err := ss.up.take(msg); err != nil {
				t.Fatal(err)
			}
		})
		t.Logf("%d bytes: %v allocs", n, allocs)
		if allocs > 60 {
			t.Errorf("%d-byte binary message: %v allocations", n, allocs)
		}
	}
}

// TestWebSocketCloseReasonScrubbed: a close frame's reason with personal
// information in it goes on without its reason, its code kept; a clean
// reason passes.
func TestWebSocketCloseReasonScrubbed(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	lease := withBudget(t, 1<<30).Lease(context.Background(), 0)
	defer lease.Close()
	for _, tc := range []struct{ reason, want string }{
		{"bye, call " + testMobile, ""},
		{"going home", "going home"},
	} {
		ss := newWSSession(h, get("/ws"), lease, detect.Summary{})
		payload := append([]byte{0x03, 0xe8}, tc.reason...)
		if err := ss.down.take(bodyformat.AppendWSFrame(nil, bodyformat.WSClose, payload, false, [4]byte{})); err != nil {
			t.Fatal(err)
		}
		got := wsReadFrames(t, bytes.NewReader(ss.down.out), false, 1)
		if len(got) != 1 || got[0].Op != bodyformat.WSClose || string(got[0].Payload) != "\x03\xe8"+tc.want {
			t.Errorf("%q: got %v", tc.reason, got)
		}
	}
}

// TestWebSocketUnnamedUpgradeInspected: a handler that switches to a
// WebSocket although the request named another protocol is inspected
// all the same.
func TestWebSocketUnnamedUpgradeInspected(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	upGot := make(chan []bodyformat.WSFrame, 1)
	next := func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Upgrade", "websocket")
		w.Header().Set("Connection", "Upgrade")
		w.WriteHeader(http.StatusSwitchingProtocols)
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return err
		}
		defer conn.Close()
		upGot <- wsReadFrames(t, conn, true, 1)
		return nil
	}
	conn, _, res, done := wsServeUpgrade(t, h, next, "chat")
	if res.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("status %d", res.StatusCode)
	}
	if _, err := conn.Write(bodyformat.AppendWSFrame(nil, bodyformat.WSText, []byte("手机 "+testMobile), true, wsKey)); err != nil {
		t.Fatal(err)
	}
	if got := <-upGot; len(got) != 1 || strings.Contains(string(got[0].Payload), testMobile) {
		t.Errorf("upstream got %v", got)
	}
	conn.Close()
	<-done
}

// TestWebSocketReaderEndsWithSession: a Read waiting for the client
// returns once the session ends, even when the pump stopped without
// handing over its last read (no goroutine is left waiting).
func TestWebSocketReaderEndsWithSession(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	lease := withBudget(t, 1<<30).Lease(context.Background(), 0)
	defer lease.Close()
	ss := newWSSession(h, get("/ws"), lease, detect.Summary{})
	pr, pw := io.Pipe()
	defer pw.Close()
	ss.reader = newWSReader(ss, pr)
	done := make(chan error, 1)
	go func() {
		_, err := ss.reader.Read(make([]byte, 64))
		done <- err
	}()
	ss.close()
	select {
	case err := <-done:
		if err == nil {
			t.Error("Read returned no error after the session ended")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Read still waits after the session ended")
	}
}

// TestWebSocketSubprotocolBinary: under a subprotocol that names
// MessagePack or protobuf, binary messages are read in that encoding and
// go on redacted, still in it.
func TestWebSocketSubprotocolBinary(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	lease := withBudget(t, 1<<30).Lease(context.Background(), 0)
	defer lease.Close()
	protos := map[string]string{"msgpack": "wamp.2.msgpack", "protobuf": "chat.v1.protobuf"}
	for _, b := range binaryBodies() {
		proto, ok := protos[b.name]
		if !ok {
			continue
		}
		ss := newWSSession(h, get("/ws"), lease, detect.Summary{})
		hdr := http.Header{"Sec-Websocket-Protocol": {proto}}
		if inc := ss.accept(hdr, lease); inc != nil {
			t.Fatalf("%s: refused", proto)
		}
		if err := ss.up.take(bodyformat.AppendWSFrame(nil, bodyformat.WSBinary, []byte(b.body), true, wsKey)); err != nil {
			t.Fatalf("%s: %v", proto, err)
		}
		got := wsReadFrames(t, bytes.NewReader(ss.up.out), true, 1)
		if len(got) != 1 || got[0].Op != bodyformat.WSBinary || bytes.Contains(got[0].Payload, []byte(testID)) {
			t.Errorf("%s: upstream got %q", proto, got)
		}
	}
	if subprotocolType("graphql-transport-ws") != "" {
		t.Error("a JSON subprotocol named a binary type")
	}
}

// TestWebSocketClientMessagesCountForCampaigns: a message a client sends
// over a WebSocket is a post, counted for campaigns as a request body is;
// what the upstream sends every client is not.
func TestWebSocketClientMessagesCountForCampaigns(t *testing.T) {
	h, _ := newHandler(t, Handler{Request: "log", Response: "log"})
	c := &countingCampaigns{}
	h.campaigns = c
	upGot := make(chan []bodyformat.WSFrame, 1)
	next := wsUpstreamFunc("", func(conn net.Conn, brw *bufio.ReadWriter) error {
		upGot <- wsReadFrames(t, conn, true, 2)
		_, err := conn.Write(bodyformat.AppendWSFrame(nil, bodyformat.WSText, []byte("客服 "+testMobile), false, [4]byte{}))
		return err
	})
	conn, br, res, done := wsServe(t, h, next)
	if res.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("status %d", res.StatusCode)
	}
	wire := bodyformat.AppendWSFrame(nil, bodyformat.WSText, []byte("手机 "+testMobile+"。"), true, wsKey)
	wire = bodyformat.AppendWSFrame(wire, bodyformat.WSBinary, []byte("身份证 "+testID+"。"), true, wsKey)
	if _, err := conn.Write(wire); err != nil {
		t.Fatal(err)
	}
	<-upGot
	wsReadFrames(t, br, false, 1)
	conn.Close()
	<-done
	if n := c.count(); n != 2 {
		t.Errorf("%d observations, want 2: the client's text and binary messages, not the upstream's", n)
	}
}
